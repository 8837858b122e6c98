#include "api/middleware/authorization.hpp"

#include "api/errors/error_response.hpp"

namespace fg::api {

Verdict AuthorizationMiddleware::on_request(RequestContext& ctx, const HttpRequest& req, HttpResponse& out) {
  if (ctx.route == nullptr) return Verdict::kContinue;
  const Access& access = ctx.route->access;
  if (access.kind() != Access::Kind::kPermission) return Verdict::kContinue;
  if (!ctx.principal) {
    out = error_response(unauthenticated_error("authentication required"), ctx.request_id);
    return Verdict::kRespond;
  }
  if (!config_.check || !config_.check(ctx.principal->role(), access.permission_name())) {
    out = error_response(permission_denied_error("your role does not allow this action"), ctx.request_id);
    return Verdict::kRespond;
  }
  return Verdict::kContinue;
}

}  // namespace fg::api
