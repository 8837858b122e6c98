#include "api/validation/query_schema.hpp"

#include <algorithm>
#include <map>
#include <optional>

#include "api/http/http_request.hpp"
#include "api/validation/query_values.hpp"

namespace fg::api {
namespace {

// A query has at most this many parameters: it bounds the work, and no route takes more.
constexpr std::size_t kMaxQueryParams = 256;
// An unknown name is shown in the message only when it is this short and plain.
constexpr std::size_t kMaxEchoedName = 80;

// A family member's name carries its key ("filter[tag:team]"), hence the brackets and the colon.
bool plain_name(std::string_view name) {
  if (name.empty() || name.size() > kMaxEchoedName) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
           c == '.' || c == ':' || c == '[' || c == ']';
  });
}

const QueryParam* find_param(const QuerySchema& schema, std::string_view name) {
  for (const QueryParam& p : schema.params) {
    if (!p.is_family && p.name == name) return &p;
    if (p.is_family && name.size() > p.name.size() + 1 && name.starts_with(p.name) && name[p.name.size()] == '[') {
      return &p;
    }
  }
  return nullptr;
}

std::string accepted_names(const QuerySchema& schema) {
  if (schema.params.empty()) return "this operation takes no query parameters";
  std::string out = "accepted: ";
  for (std::size_t i = 0; i < schema.params.size(); ++i) {
    if (i > 0) out += ", ";
    out += schema.params[i].name + (schema.params[i].is_family ? "[...]" : "");
  }
  return out;
}

Status check_value(const QueryParam& p, const std::string& name, const std::string& value) {
  if (value.empty() && p.empty_is_absent) return ok_status();
  switch (p.type) {
    case QueryType::kInteger: return parse_bounded_integer(name, value, p.max_value).status();
    case QueryType::kTimestamp: return parse_query_time(name, value).status();
    case QueryType::kEnum:
      if (std::find(p.enum_values.begin(), p.enum_values.end(), value) == p.enum_values.end()) {
        return invalid_argument_error(name + ": must be " + one_of_phrase(p.enum_values), name);
      }
      return ok_status();
    case QueryType::kString:
      if (p.is_family && value.size() > p.max_length) return invalid_argument_error(name + ": value too long", name);
      if (value.size() > p.max_length) {
        return invalid_argument_error(name + ": longer than " + std::to_string(p.max_length) + " bytes", name);
      }
      return ok_status();
  }
  return ok_status();
}

}  // namespace

QueryParam QueryParam::string(std::string name, std::size_t max_length) {
  QueryParam p{.name = std::move(name), .type = QueryType::kString};
  p.max_length = max_length;
  return p;
}

QueryParam QueryParam::integer(std::string name, std::int64_t max) {
  QueryParam p{.name = std::move(name), .type = QueryType::kInteger};
  p.max_value = max;
  return p;
}

QueryParam QueryParam::timestamp(std::string name) {
  return QueryParam{.name = std::move(name), .type = QueryType::kTimestamp};
}

QueryParam QueryParam::enumeration(std::string name, std::vector<std::string> values) {
  QueryParam p{.name = std::move(name), .type = QueryType::kEnum};
  p.enum_values = std::move(values);
  return p;
}

QueryParam QueryParam::family(std::string name, std::size_t max_value_length) {
  QueryParam p = string(std::move(name), max_value_length);
  p.is_family = true;
  return p;
}

std::string one_of_phrase(const std::vector<std::string>& values) {
  std::string out;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += i + 1 == values.size() ? " or " : ", ";
    out += values[i];
  }
  return out;
}

Status check_query(const QuerySchema& schema, std::string_view raw_query) {
  std::map<std::string, int, std::less<>> seen;
  std::size_t count = 0;
  for (std::string_view rest = raw_query; !rest.empty();) {
    const std::size_t amp = rest.find('&');
    const std::string_view pair = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
    if (pair.empty()) continue;
    if (++count > kMaxQueryParams) {
      return invalid_argument_error("query: more than " + std::to_string(kMaxQueryParams) + " parameters", "query");
    }
    const std::size_t eq = pair.find('=');
    const std::optional<std::string> name = percent_decode(pair.substr(0, eq), true);
    if (!name) return invalid_argument_error("query: malformed percent-encoding", "query");
    const std::optional<std::string> value =
        percent_decode(eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1), true);
    const QueryParam* p = find_param(schema, *name);
    if (p == nullptr) {
      if (schema.open) continue;
      const std::string which = plain_name(*name) ? " \"" + *name + "\"" : "";
      return invalid_argument_error("query: unknown parameter" + which + " (" + accepted_names(schema) + ")", "query");
    }
    // A family member's name is the client's text: it is named only when plain, else by its family.
    const std::string field = p->is_family && !plain_name(*name) ? p->name : *name;
    if (!value) return invalid_argument_error(field + ": malformed percent-encoding", field);
    if (!p->repeated && ++seen[*name] > 1) return invalid_argument_error(field + ": given more than once", field);
    FG_TRY(check_value(*p, field, *value));
  }
  return ok_status();
}

}  // namespace fg::api
