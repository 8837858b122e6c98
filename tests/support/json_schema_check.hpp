// The part of JSON Schema 2020-12 the API's response declarations use (api/openapi/response_schema.hpp):
// type (one or a list), enum, properties, required, additionalProperties (false or a schema), items,
// oneOf, anyOf, and the formats uuid, date-time and date; pattern is checked too. Enough to tell a handler's
// answer from its declaration, for the integration tests; not a general validator.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace fg::testing {

//! Every way `value` breaks `schema`, each as "<json pointer>: <what>"; empty when it conforms.
std::vector<std::string> schema_violations(const nlohmann::json& value, const nlohmann::json& schema);

//! The operation of `doc` (an OpenAPI document) that `method` and `target` ("/api/v1/jobs/5f..?x=1")
//! reach, matching "{param}" segments; null when none.
const nlohmann::json* find_operation(const nlohmann::json& doc, const std::string& method, const std::string& target);

//! What is wrong with a success answer (`status` 2xx) of `method target` per `doc`: a JSON answer of
//! no operation, an undeclared status, a body where none is declared, a JSON body off its schema. Empty when it
//! conforms; non-2xx answers are not checked (the Error schema is the middleware's).
std::vector<std::string> response_violations(const nlohmann::json& doc, const std::string& method,
                                             const std::string& target, int status, const std::string& content_type,
                                             const std::string& body);

}  // namespace fg::testing
