// What a route answers when it succeeds, declared next to the route (Route::response) so the OpenAPI
// document carries it and the dashboard's typed client can be generated from that document. The
// integration tests check every 2xx answer they receive against its route's declaration
// (tests/support/json_schema_check.hpp), so a declaration cannot drift from what the handler sends.
//
//   .response = responds(201, object({{"id", uuid()}, {"name", string()}}))
//
// Schemas are JSON Schema 2020-12, the dialect of OpenAPI 3.1. object() lists required properties
// (each may be nullable()) and refuses any other; optional ones go in its second list.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace fg::api {

struct ResponseSpec {
  int status = 200;
  nlohmann::json schema;  //!< null: the answer has no body (204)
  std::string media_type = "application/json";
  std::string description = "OK";
  std::vector<int> also;  //!< other success statuses with the same body (201 on create, 200 on a repeat)

  ResponseSpec or_status(int other) && {
    also.push_back(other);
    return std::move(*this);
  }
};

//! A JSON answer with `status` and body `schema`.
ResponseSpec responds(int status, nlohmann::json schema, std::string description = "OK");
//! 204 No Content.
ResponseSpec responds_empty(std::string description = "Done");
//! A body that is not JSON (a download, a document): `media_type`, its schema a string.
ResponseSpec responds_raw(std::string media_type, std::string description);

namespace schema {

using Properties = std::initializer_list<std::pair<std::string, nlohmann::json>>;

nlohmann::json string();
nlohmann::json uuid();
nlohmann::json date_time();  //!< RFC 3339, UTC
nlohmann::json date();       //!< YYYY-MM-DD
nlohmann::json decimal();    //!< an exact decimal as a string ("12.340000000000000000" style)
nlohmann::json integer();
nlohmann::json number();
nlohmann::json boolean();
nlohmann::json enumeration(std::initializer_list<std::string_view> values);
nlohmann::json nullable(nlohmann::json of);
nlohmann::json array(nlohmann::json items);
//! An object with exactly `required` (always present) and `optional` (may be absent) properties.
nlohmann::json object(Properties required, Properties optional = {});
//! An object whose keys are data (a map): each value is `values`.
nlohmann::json map_of(nlohmann::json values);
//! Any JSON value (a provider's or a summary's free-form object).
nlohmann::json any();

}  // namespace schema
}  // namespace fg::api
