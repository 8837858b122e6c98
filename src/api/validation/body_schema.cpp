#include "api/validation/body_schema.hpp"

namespace fg::api {
namespace {

FieldSpec make(std::string name, FieldType type) {
  FieldSpec f;
  f.name = std::move(name);
  f.type = type;
  return f;
}

}  // namespace

FieldSpec FieldSpec::string(std::string name) {
  return make(std::move(name), FieldType::kString);
}

FieldSpec FieldSpec::email(std::string name) {
  FieldSpec f = make(std::move(name), FieldType::kEmail);
  f.min_length = 3;
  f.max_length = 254;  // RFC 5321 §4.5.3.1.3: a path is at most 256 octets including the angle brackets
  return f;
}

FieldSpec FieldSpec::uuid(std::string name) {
  return make(std::move(name), FieldType::kUuid);
}
FieldSpec FieldSpec::timestamp(std::string name) {
  return make(std::move(name), FieldType::kTimestamp);
}

FieldSpec FieldSpec::enumeration(std::string name, std::vector<std::string> values) {
  FieldSpec f = make(std::move(name), FieldType::kEnum);
  f.enum_values = std::move(values);
  return f;
}

FieldSpec FieldSpec::integer(std::string name, std::int64_t min_value, std::int64_t max_value) {
  FieldSpec f = make(std::move(name), FieldType::kInteger);
  f.min_value = min_value;
  f.max_value = max_value;
  return f;
}

FieldSpec FieldSpec::boolean(std::string name) {
  return make(std::move(name), FieldType::kBoolean);
}

const FieldSpec* BodySchema::find(std::string_view name) const {
  for (const auto& f : fields) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

std::string_view json_type_name(FieldType type) {
  switch (type) {
    case FieldType::kInteger: return "integer";
    case FieldType::kBoolean: return "boolean";
    default: return "string";
  }
}

}  // namespace fg::api
