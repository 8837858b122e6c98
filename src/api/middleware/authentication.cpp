#include "api/middleware/authentication.hpp"

#include "api/errors/error_response.hpp"

namespace fg::api {
namespace {

HttpResponse unauthenticated(const RequestContext& ctx) {
  // One message whatever the reason: never tell a caller whether a key or session exists.
  HttpResponse r = error_response(unauthenticated_error("authentication required"), ctx.request_id);
  r.headers.set("WWW-Authenticate", "Bearer realm=\"finguard\"");
  return r;
}

}  // namespace

Verdict AuthenticationMiddleware::on_request(RequestContext& ctx, const HttpRequest& req, HttpResponse& out) {
  if (ctx.route == nullptr || ctx.route->access.is_public()) return Verdict::kContinue;
  if (!config_.authenticator) {
    out = unauthenticated(ctx);
    return Verdict::kRespond;
  }
  Result<Principal> p = config_.authenticator->authenticate(AuthInput{req, ctx.client_ip, ctx.secure});
  if (!p.ok()) {
    if (p.status().code() == StatusCode::kUnauthenticated) {
      out = unauthenticated(ctx);
    } else {
      out = error_response(p.status(), ctx.request_id);
    }
    return Verdict::kRespond;
  }
  if (p->csrf_applies && is_mutation(req.method) && !p->csrf_verified) {
    out = error_response(permission_denied_error("missing or invalid CSRF token"), ctx.request_id);
    return Verdict::kRespond;
  }
  ctx.principal.emplace(std::move(*p));
  return Verdict::kContinue;
}

}  // namespace fg::api
