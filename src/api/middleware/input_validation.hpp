// Input validation middleware: the last stage before the handler. Checks path parameters and the
// JSON body against the route's declaration, and hands the handler a ValidatedBody.
//
//   * a route with a body schema needs Content-Type application/json (else 415), a strict JSON object
//     (duplicate keys, excess depth refused) that matches the schema (unknown fields refused), else 400
//     naming the field;
//   * a route without one refuses any non-empty body (400);
//   * a path parameter named "id" or "*_id" must be a UUID (400 naming it).
#pragma once

#include "api/middleware/middleware.hpp"

namespace fg::api {

class InputValidationMiddleware final : public IMiddleware {
 public:
  std::string_view name() const override { return "input_validation"; }
  Verdict on_request(RequestContext& ctx, const HttpRequest& req, HttpResponse& out) override;
};

//! True for "application/json" with an optional "; charset=utf-8" (any case), nothing else.
bool is_json_content_type(std::string_view value);

}  // namespace fg::api
