#include "support/json_schema_check.hpp"

#include <algorithm>
#include <cctype>
#include <regex>
#include <sstream>

namespace fg::testing {
namespace {

using nlohmann::json;

bool has_type(const json& v, const std::string& t) {
  if (t == "null") return v.is_null();
  if (t == "boolean") return v.is_boolean();
  if (t == "integer") return v.is_number_integer() || v.is_number_unsigned();
  if (t == "number") return v.is_number();
  if (t == "string") return v.is_string();
  if (t == "array") return v.is_array();
  if (t == "object") return v.is_object();
  return false;
}

bool is_uuid(const std::string& s) {
  static const std::regex re("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
  return std::regex_match(s, re);
}

bool is_date_time(const std::string& s) {
  static const std::regex re(R"(^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$)");
  return std::regex_match(s, re);
}

bool is_date(const std::string& s) {
  static const std::regex re(R"(^\d{4}-\d{2}-\d{2}$)");
  return std::regex_match(s, re);
}

void check(const json& v, const json& s, const std::string& at, std::vector<std::string>& out) {
  if (!s.is_object()) return;
  if (s.contains("oneOf")) {
    int matched = 0;
    for (const json& option : s["oneOf"]) {
      std::vector<std::string> sub;
      check(v, option, at, sub);
      if (sub.empty()) ++matched;
    }
    if (matched != 1) out.push_back(at + ": matches " + std::to_string(matched) + " of oneOf, not 1");
    return;
  }
  if (s.contains("anyOf")) {
    const bool any = std::any_of(s["anyOf"].begin(), s["anyOf"].end(),
                                 [&](const json& option) { return schema_violations(v, option).empty(); });
    if (!any) out.push_back(at + ": matches none of anyOf");
    return;
  }
  if (s.contains("type")) {
    const json& t = s["type"];
    const bool ok = t.is_array() ? std::any_of(t.begin(), t.end(), [&](const json& x) { return has_type(v, x); })
                                 : has_type(v, t.get<std::string>());
    if (!ok) {
      out.push_back(at + ": is " + std::string(v.type_name()) + ", not " + t.dump());
      return;
    }
  }
  if (s.contains("enum") && std::find(s["enum"].begin(), s["enum"].end(), v) == s["enum"].end()) {
    out.push_back(at + ": " + v.dump() + " is not one of " + s["enum"].dump());
  }
  if (v.is_string()) {
    const std::string& text = v.get_ref<const std::string&>();
    const std::string format = s.value("format", "");
    if ((format == "uuid" && !is_uuid(text)) || (format == "date-time" && !is_date_time(text)) ||
        (format == "date" && !is_date(text))) {
      out.push_back(at + ": " + v.dump() + " is not a " + format);
    }
    if (s.contains("pattern") && !std::regex_search(text, std::regex(s["pattern"].get<std::string>()))) {
      out.push_back(at + ": " + v.dump() + " does not match " + s["pattern"].get<std::string>());
    }
  }
  if (v.is_object()) {
    const json props = s.value("properties", json::object());
    for (const json& name : s.value("required", json::array())) {
      if (!v.contains(name.get<std::string>()))
        out.push_back(at + ": lacks required \"" + name.get<std::string>() + "\"");
    }
    for (const auto& [key, item] : v.items()) {
      const std::string here = at + "/" + key;
      if (props.contains(key)) {
        check(item, props[key], here, out);
      } else if (s.contains("additionalProperties")) {
        const json& extra = s["additionalProperties"];
        if (extra.is_boolean() && !extra.get<bool>()) {
          out.push_back(here + ": is not declared");
        } else {
          check(item, extra, here, out);
        }
      }
    }
  }
  if (v.is_array() && s.contains("items")) {
    for (std::size_t i = 0; i < v.size(); ++i) check(v[i], s["items"], at + "/" + std::to_string(i), out);
  }
}

std::vector<std::string> segments(const std::string& path) {
  std::vector<std::string> out;
  std::stringstream in(path);
  std::string part;
  while (std::getline(in, part, '/')) {
    if (!part.empty()) out.push_back(part);
  }
  return out;
}

}  // namespace

std::vector<std::string> schema_violations(const json& value, const json& schema) {
  std::vector<std::string> out;
  check(value, schema, "", out);
  return out;
}

const json* find_operation(const json& doc, const std::string& method, const std::string& target) {
  const std::vector<std::string> want = segments(target.substr(0, target.find('?')));
  std::string m = method;
  for (char& c : m) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const json* best = nullptr;
  int best_literals = -1;
  for (const auto& [pattern, item] : doc.at("paths").items()) {
    const std::vector<std::string> have = segments(pattern);
    if (have.size() != want.size() || !item.contains(m)) continue;
    int literals = 0;
    bool match = true;
    for (std::size_t i = 0; i < have.size() && match; ++i) {
      if (have[i].front() == '{') continue;
      match = have[i] == want[i];
      ++literals;
    }
    // "/api/v1/invitations/accept" beats "/api/v1/invitations/{id}".
    if (match && literals > best_literals) {
      best = &item[m];
      best_literals = literals;
    }
  }
  return best;
}

std::vector<std::string> response_violations(const json& doc, const std::string& method, const std::string& target,
                                             int status, const std::string& content_type, const std::string& body) {
  if (status < 200 || status > 299) return {};
  const std::string what = method + " " + target.substr(0, target.find('?')) + " " + std::to_string(status);
  const json* op = find_operation(doc, method, target);
  const std::string media = content_type.substr(0, content_type.find(';'));
  // The dashboard's files are not API operations; a JSON answer of no operation is a missing route.
  if (!op && media != "application/json") return {};
  if (!op) return {what + ": no such operation in the OpenAPI document"};
  if (op->value("x-response-undeclared", false)) return {};  // a test router's own route
  const json& responses = (*op)["responses"];
  const std::string code = std::to_string(status);
  if (!responses.contains(code)) return {what + ": status not declared (declared: " + responses.dump() + ")"};
  const json& declared = responses[code];
  if (!declared.contains("content")) {
    if (!body.empty()) return {what + ": a body where none is declared"};
    return {};
  }
  if (!declared["content"].contains("application/json") || media != "application/json") return {};
  const json value = json::parse(body, nullptr, false);
  if (value.is_discarded()) return {what + ": the body is not JSON"};
  std::vector<std::string> out;
  for (const std::string& v : schema_violations(value, declared["content"]["application/json"]["schema"])) {
    out.push_back(what + " " + v);
  }
  return out;
}

}  // namespace fg::testing
