#include "api/middleware/org_resolution.hpp"

#include "api/errors/error_response.hpp"

namespace fg::api {

Verdict OrgResolutionMiddleware::on_request(RequestContext& ctx, const HttpRequest& req, HttpResponse& out) {
  if (ctx.route == nullptr || ctx.route->access.is_public()) return Verdict::kContinue;
  if (!ctx.principal || ctx.principal->scope.org_id().is_nil()) {
    // Authentication should have stopped this request; reaching here without an org is a wiring bug,
    // and the safe answer is the same 401.
    out = error_response(unauthenticated_error("authentication required"), ctx.request_id);
    return Verdict::kRespond;
  }
  if (req.headers.has("X-Org-Id") || req.query_param("org_id") || req.query_param("org")) {
    out =
        error_response(invalid_argument_error("the organization comes from the credential, not the request", "org_id"),
                       ctx.request_id);
    return Verdict::kRespond;
  }
  return Verdict::kContinue;
}

}  // namespace fg::api
