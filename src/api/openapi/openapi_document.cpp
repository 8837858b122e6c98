#include "api/openapi/openapi_document.hpp"

#include <cctype>

#include <nlohmann/json.hpp>

namespace fg::api {
namespace {

using nlohmann::json;

json field_schema(const FieldSpec& f) {
  json s = {{"type", std::string(json_type_name(f.type))}};
  switch (f.type) {
    case FieldType::kString:
      s["minLength"] = f.min_length;
      s["maxLength"] = std::min(f.max_length, kMaxStringFieldBytes);
      break;
    case FieldType::kEmail:
      s["format"] = "email";
      s["maxLength"] = f.max_length;
      break;
    case FieldType::kUuid: s["format"] = "uuid"; break;
    case FieldType::kTimestamp: s["format"] = "date-time"; break;
    case FieldType::kEnum: s["enum"] = f.enum_values; break;
    case FieldType::kInteger:
      s["minimum"] = f.min_value;
      s["maximum"] = f.max_value;
      break;
    case FieldType::kBoolean: break;
  }
  if (!f.required) s["type"] = json::array({s["type"], "null"});
  if (!f.description.empty()) s["description"] = f.description;
  return s;
}

json body_schema(const BodySchema& schema) {
  json props = json::object();
  json required = json::array();
  for (const FieldSpec& f : schema.fields) {
    props[f.name] = field_schema(f);
    if (f.required) required.push_back(f.name);
  }
  json s = {{"type", "object"}, {"properties", props}, {"additionalProperties", false}};
  if (!required.empty()) s["required"] = required;
  return s;
}

json query_param_schema(const QueryParam& p) {
  json s = {{"type", "string"}};
  switch (p.type) {
    case QueryType::kString: s["maxLength"] = p.max_length; break;
    case QueryType::kInteger: s = {{"type", "integer"}, {"minimum", 1}, {"maximum", p.max_value}}; break;
    case QueryType::kTimestamp: s["description"] = "ISO 8601 date or date-time, on or after 1970-01-01"; break;
    case QueryType::kEnum: s["enum"] = p.enum_values; break;
  }
  return s;
}

// A family ("filter[<key>]=v") is one deepObject parameter whose properties are the keys.
json query_param(const QueryParam& p) {
  json param = {{"name", p.name}, {"in", "query"}, {"required", false}};
  json schema = query_param_schema(p);
  if (p.repeated && !p.is_family) {
    schema = {{"type", "array"}, {"items", schema}};
    param["explode"] = true;
  }
  if (p.is_family) {
    json value = p.repeated ? json{{"oneOf", json::array({schema, {{"type", "array"}, {"items", schema}}})}} : schema;
    schema = {{"type", "object"}, {"additionalProperties", value}};
    param["style"] = "deepObject";
    param["explode"] = true;
  }
  param["schema"] = schema;
  if (!p.description.empty()) param["description"] = p.description;
  return param;
}

std::string lower_method(HttpMethod m) {
  std::string s(method_name(m));
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

json error_ref(std::string_view description) {
  return {{"description", description},
          {"content", {{"application/json", {{"schema", {{"$ref", "#/components/schemas/Error"}}}}}}}};
}

json operation(const Route& r) {
  json op = {{"operationId", r.operation_id}, {"summary", r.summary}};
  if (!r.tag.empty()) op["tags"] = json::array({r.tag});
  op["security"] = r.access.is_public()
                       ? json::array()
                       : json::array({json{{"session", json::array()}}, json{{"apiKey", json::array()}}});
  if (r.access.kind() == Access::Kind::kPermission) op["x-permission"] = r.access.permission_name();
  op["x-rate-class"] = std::string(rate_class_name(r.rate_class));
  json params = json::array();
  for (std::string_view seg : split_path(r.pattern)) {
    if (seg.size() < 3 || seg.front() != '{') continue;
    const std::string name(seg.substr(1, seg.size() - 2));
    json schema = {{"type", "string"}};
    if (name == "id" || (name.size() > 3 && name.ends_with("_id"))) schema["format"] = "uuid";
    params.push_back({{"name", name}, {"in", "path"}, {"required", true}, {"schema", schema}});
  }
  for (const QueryParam& p : r.query.params) params.push_back(query_param(p));
  // The only routes that ignore unknown parameters (a provider's redirect adds its own).
  if (r.query.open) op["x-query-open"] = true;
  if (!params.empty()) op["parameters"] = params;
  if (r.body) {
    op["requestBody"] = {{"required", true}, {"content", {{"application/json", {{"schema", body_schema(*r.body)}}}}}};
  } else if (!r.raw_body_types.empty()) {
    json content = json::object();
    for (const std::string& type : r.raw_body_types)
      content[type] = {{"schema", {{"type", "string"}, {"format", "binary"}}}};
    op["requestBody"] = {{"required", true}, {"content", content}};
  }
  json responses = {{"default", error_ref("An error")}};
  if (r.response) {
    json ok = {{"description", r.response->description}};
    if (!r.response->schema.is_null()) ok["content"] = {{r.response->media_type, {{"schema", r.response->schema}}}};
    responses[std::to_string(r.response->status)] = ok;
    for (int other : r.response->also) responses[std::to_string(other)] = ok;
  } else {
    // Only test routers have such routes; the product's every route declares its answer.
    responses["200"] = {{"description", "OK"}};
    op["x-response-undeclared"] = true;
  }
  if (!r.access.is_public()) {
    responses["401"] = error_ref("Missing or invalid credentials");
    responses["403"] = error_ref("The role does not allow this action");
  }
  if (r.rate_class != RateClass::kExempt) responses["429"] = error_ref("Rate limited; see Retry-After");
  // Every route validates its path ids and its query string, so any of them can answer 400.
  responses["400"] = error_ref("Invalid input; error.field names the field");
  if (r.body || !r.raw_body_types.empty()) {
    responses["415"] = error_ref(r.body ? "Content-Type is not application/json" : "Content-Type is not accepted");
    responses["413"] = error_ref("The body is too large");
  }
  op["responses"] = responses;
  return op;
}

}  // namespace

std::string render_openapi(const Router& router, const OpenApiInfo& info) {
  json paths = json::object();
  for (const Route& r : router.routes()) paths[r.pattern][lower_method(r.method)] = operation(r);
  json error_schema = {{"type", "object"},
                       {"required", {"error"}},
                       {"properties",
                        {{"error",
                          {{"type", "object"},
                           {"required", {"code", "message", "request_id"}},
                           {"properties",
                            {{"code",
                              {{"type", "string"},
                               {"enum",
                                {"invalid_argument", "unauthenticated", "permission_denied", "not_found", "conflict",
                                 "resource_exhausted", "unavailable", "internal"}}}},
                             {"message", {{"type", "string"}}},
                             {"field", {{"type", "string"}}},
                             {"request_id", {{"type", "string"}}}}}}}}}};
  json doc = {
      {"openapi", "3.1.0"},
      {"info", {{"title", info.title}, {"version", info.version}}},
      {"paths", paths},
      {"components",
       {{"schemas", {{"Error", error_schema}}},
        {"securitySchemes",
         {{"session", {{"type", "apiKey"}, {"in", "cookie"}, {"name", "fg_session"}}},
          {"apiKey", {{"type", "http"}, {"scheme", "bearer"}, {"description", "An API key, fgk_..."}}}}}}},
  };
  return doc.dump();
}

}  // namespace fg::api
