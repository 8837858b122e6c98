#include "api/validation/validated_body.hpp"

#include <algorithm>
#include <cstdint>

#include <nlohmann/json.hpp>

namespace fg::api {
namespace {

Status field_error(const FieldSpec& f, std::string_view why) {
  return invalid_argument_error(f.name + ": " + std::string(why), f.name);
}

bool valid_utf8_text(std::string_view s) {
  // nlohmann already rejected invalid UTF-8; refuse control characters, which no field of ours needs.
  return std::none_of(s.begin(), s.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x20 || u == 0x7f;
  });
}

Status check_field(const FieldSpec& f, const nlohmann::json& v) {
  switch (f.type) {
    case FieldType::kInteger: {
      if (!v.is_number_integer()) return field_error(f, "must be an integer");
      if (v.is_number_unsigned() && v.get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX)) {
        return field_error(f, "is out of range");
      }
      const auto n = v.get<std::int64_t>();
      if (n < f.min_value || n > f.max_value) return field_error(f, "is out of range");
      return ok_status();
    }
    case FieldType::kBoolean: return v.is_boolean() ? ok_status() : field_error(f, "must be true or false");
    default: break;
  }
  if (!v.is_string()) return field_error(f, "must be a string");
  const std::string& s = v.get_ref<const std::string&>();
  if (!valid_utf8_text(s)) return field_error(f, "must not contain control characters");
  switch (f.type) {
    case FieldType::kString:
    case FieldType::kEmail: {
      const std::size_t max = std::min(f.max_length, kMaxStringFieldBytes);
      if (s.size() < f.min_length) return field_error(f, "is too short");
      if (s.size() > max) return field_error(f, "is too long");
      if (f.type == FieldType::kEmail && !is_valid_email(s)) return field_error(f, "must be an email address");
      return ok_status();
    }
    case FieldType::kUuid: return Uuid::parse(s).ok() ? ok_status() : field_error(f, "must be a UUID");
    case FieldType::kTimestamp:
      return parse_timestamp(s, TimeSyntax::kIso8601).ok() ? ok_status()
                                                           : field_error(f, "must be an ISO 8601 date or time");
    case FieldType::kEnum:
      if (std::find(f.enum_values.begin(), f.enum_values.end(), s) == f.enum_values.end()) {
        return field_error(f, "is not one of the allowed values");
      }
      return ok_status();
    default: return ok_status();
  }
}

}  // namespace

ValidatedBody::ValidatedBody(nlohmann::json object) : json_(std::make_unique<nlohmann::json>(std::move(object))) {}
ValidatedBody::ValidatedBody(ValidatedBody&&) noexcept = default;
ValidatedBody& ValidatedBody::operator=(ValidatedBody&&) noexcept = default;
ValidatedBody::~ValidatedBody() = default;

Result<ValidatedBody> ValidatedBody::check(const BodySchema& schema, nlohmann::json object) {
  if (!object.is_object()) return invalid_argument_error("the request body must be a JSON object");
  for (const auto& [key, value] : object.items()) {
    const FieldSpec* spec = schema.find(key);
    if (spec == nullptr) {
      // Name the field only when it is a plausible identifier: never echo arbitrary input.
      const bool plain =
          key.size() <= 64 && std::all_of(key.begin(), key.end(), [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
          });
      return invalid_argument_error("unknown field", plain ? key : std::string());
    }
    // An explicit null is the same as leaving an optional field out.
    if (value.is_null() && !spec->required) continue;
    FG_TRY(check_field(*spec, value));
  }
  for (const FieldSpec& f : schema.fields) {
    if (!f.required) continue;
    auto it = object.find(f.name);
    if (it == object.end() || it->is_null()) return field_error(f, "is required");
  }
  return ValidatedBody(std::move(object));
}

bool ValidatedBody::has(std::string_view field) const {
  auto it = json_->find(field);
  return it != json_->end() && !it->is_null();
}

std::string ValidatedBody::string(std::string_view field) const {
  return json_->at(std::string(field)).get<std::string>();
}

Uuid ValidatedBody::uuid(std::string_view field) const {
  return *Uuid::parse(string(field));
}

Timestamp ValidatedBody::timestamp(std::string_view field) const {
  return *parse_timestamp(string(field), TimeSyntax::kIso8601);
}

std::int64_t ValidatedBody::integer(std::string_view field) const {
  return json_->at(std::string(field)).get<std::int64_t>();
}

bool ValidatedBody::boolean(std::string_view field) const {
  return json_->at(std::string(field)).get<bool>();
}

std::optional<std::string> ValidatedBody::optional_string(std::string_view field) const {
  if (!has(field)) return std::nullopt;
  return string(field);
}

std::optional<Timestamp> ValidatedBody::optional_timestamp(std::string_view field) const {
  if (!has(field)) return std::nullopt;
  return timestamp(field);
}

const nlohmann::json& ValidatedBody::json() const {
  return *json_;
}

bool is_valid_email(std::string_view text) {
  const std::size_t at = text.find('@');
  if (at == std::string_view::npos || at == 0 || text.find('@', at + 1) != std::string_view::npos) return false;
  if (text.size() > 254) return false;
  const std::string_view local = text.substr(0, at);
  const std::string_view domain = text.substr(at + 1);
  if (local.size() > 64) return false;
  for (char c : local) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f || c == '"' || c == '(' || c == ')' || c == ',' || c == ':' || c == ';' || c == '<' ||
        c == '>' || c == '[' || c == ']' || c == '\\') {
      return false;
    }
  }
  if (domain.empty() || domain.find('.') == std::string_view::npos) return false;
  std::size_t label = 0;
  for (std::size_t i = 0; i <= domain.size(); ++i) {
    if (i == domain.size() || domain[i] == '.') {
      if (label == 0 || label > 63) return false;
      if (domain[i - 1] == '-' || domain[i - label] == '-') return false;
      label = 0;
      continue;
    }
    const char c = domain[i];
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                    static_cast<unsigned char>(c) >= 0x80;  // internationalized domains in UTF-8
    if (!ok) return false;
    ++label;
  }
  return true;
}

}  // namespace fg::api
