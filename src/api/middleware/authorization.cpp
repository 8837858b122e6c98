#include "api/middleware/authorization.hpp"

#include "api/errors/error_response.hpp"

namespace fg::api {

Status check_declared_permissions(const Router& router, const PermissionCheck& check) {
  for (const Route& r : router.routes()) {
    if (r.access.kind() != Access::Kind::kPermission) continue;
    if (!check || !check("owner", r.access.permission_name())) {
      return internal_error("route " + r.operation_id + " needs the permission \"" + r.access.permission_name() +
                            "\", which the permission table does not have");
    }
  }
  return ok_status();
}

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
