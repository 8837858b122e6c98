// The OpenAPI 3.1 document, generated from the route table so it cannot miss a route.
//
// Every operation declares `security`: `[]` for public routes, and the session cookie or the API key
// otherwise (CORRECTIONS.md); ../shared/tools/probe-unauth reads this to check that each protected
// operation answers 401 without credentials. Request bodies come from the routes' BodySchemas, and
// every operation references the one error schema.
#pragma once

#include <string>

#include "api/router/router.hpp"

namespace fg::api {

struct OpenApiInfo {
  std::string title = "finguard API";
  std::string version;
};

//! The document as JSON text. Deterministic for a given table.
std::string render_openapi(const Router& router, const OpenApiInfo& info);

}  // namespace fg::api
