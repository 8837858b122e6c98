#include "api/openapi/response_schema.hpp"

namespace fg::api {

using nlohmann::json;

ResponseSpec responds(int status, json schema, std::string description) {
  return ResponseSpec{.status = status, .schema = std::move(schema), .description = std::move(description)};
}

ResponseSpec responds_empty(std::string description) {
  return ResponseSpec{.status = 204, .schema = nullptr, .media_type = "", .description = std::move(description)};
}

ResponseSpec responds_raw(std::string media_type, std::string description) {
  return ResponseSpec{.status = 200,
                      .schema = json{{"type", "string"}},
                      .media_type = std::move(media_type),
                      .description = std::move(description)};
}

namespace schema {

json string() {
  return {{"type", "string"}};
}
json uuid() {
  return {{"type", "string"}, {"format", "uuid"}};
}
json date_time() {
  return {{"type", "string"}, {"format", "date-time"}};
}
json date() {
  return {{"type", "string"}, {"format", "date"}};
}
json decimal() {
  return {{"type", "string"}, {"pattern", "^-?[0-9]+(\\.[0-9]+)?$"}};
}
json integer() {
  return {{"type", "integer"}};
}
json number() {
  return {{"type", "number"}};
}
json boolean() {
  return {{"type", "boolean"}};
}

json enumeration(std::initializer_list<std::string_view> values) {
  json e = json::array();
  for (std::string_view v : values) e.push_back(std::string(v));
  return {{"type", "string"}, {"enum", e}};
}

json nullable(json of) {
  if (of.empty()) return of;  // any() takes null already
  if (!of.contains("type")) return {{"anyOf", json::array({std::move(of), {{"type", "null"}}})}};
  of["type"] = json::array({of["type"], "null"});
  if (of.contains("enum")) of["enum"].push_back(nullptr);
  return of;
}

json array(json items) {
  return {{"type", "array"}, {"items", std::move(items)}};
}

json object(Properties required, Properties optional) {
  json props = json::object();
  json names = json::array();
  for (const auto& [name, s] : required) {
    props[name] = s;
    names.push_back(name);
  }
  for (const auto& [name, s] : optional) props[name] = s;
  json o = {{"type", "object"}, {"properties", props}, {"additionalProperties", false}};
  if (!names.empty()) o["required"] = names;
  return o;
}

json map_of(json values) {
  return {{"type", "object"}, {"additionalProperties", std::move(values)}};
}

json any() {
  return json::object();
}

}  // namespace schema
}  // namespace fg::api
