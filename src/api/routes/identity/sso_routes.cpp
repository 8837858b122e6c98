// Single sign-on routes: the OIDC authorization-code flow. Both are public GETs (the browser follows
// them); without OIDC configured they answer 503, never a silent fallback.
#include "api/routes/identity/identity_api.hpp"
#include "api/routes/identity/route_helpers.hpp"
#include "api/routes/identity/route_sets.hpp"

namespace fg::api {
namespace {

using identity_routes::cookie;
using identity_routes::make_route;
using identity_routes::meta_of;

//! Authorization codes and states are short; anything longer is not from a provider.
constexpr std::size_t kMaxOidcParam = 2048;

Status not_configured() {
  return unavailable_error("OIDC sign-in is not configured");
}

HttpResponse redirect(const std::string& location) {
  HttpResponse r = HttpResponse::empty(302);
  r.headers.set("Location", location);
  r.headers.set("Cache-Control", "no-store");
  return r;
}

Result<std::string> required_param(const HttpRequest& req, const char* name) {
  std::optional<std::string> v = req.query_param(name);
  if (!v || v->empty()) return invalid_argument_error(std::string(name) + ": is required", name);
  if (v->size() > kMaxOidcParam) return invalid_argument_error(std::string(name) + ": is too long", name);
  return *v;
}

Result<HttpResponse> start(IdentityApi& api) {
  if (!api.oidc) return not_configured();
  FG_ASSIGN_OR_RETURN(std::string url, api.oidc->start());
  return redirect(url);
}

Result<HttpResponse> callback(IdentityApi& api, RequestContext& ctx, const HttpRequest& req) {
  if (!api.oidc) return not_configured();
  // The provider reports a refusal (the user cancelled, consent denied) as ?error=...; its text is
  // the provider's, so it is not echoed back.
  if (req.query_param("error")) return unauthenticated_error("single sign-on failed");
  FG_ASSIGN_OR_RETURN(std::string code, required_param(req, "code"));
  FG_ASSIGN_OR_RETURN(std::string state, required_param(req, "state"));
  FG_ASSIGN_OR_RETURN(identity::IssuedSession s, api.oidc->finish(code, state, meta_of(ctx, req)));
  const std::int64_t max_age = std::max<std::int64_t>(0, s.expires_at.seconds() - api.context.clock.now().seconds());
  // The same cookies as password login. The browser arrives here from the provider's site, so the
  // SameSite=Strict cookie is set now and sent from the next same-site request on.
  HttpResponse r = redirect("/");
  r.headers.add("Set-Cookie", cookie(kSessionCookie, s.token, true, ctx.secure, max_age));
  r.headers.add("Set-Cookie", cookie(kCsrfCookie, s.csrf_token, false, ctx.secure, max_age));
  return r;
}

}  // namespace

Status add_sso_routes(Router& router, const std::shared_ptr<IdentityApi>& api) {
  FG_TRY(router.add(make_route(HttpMethod::kGet, "/api/v1/auth/oidc/start", "startOidcLogin",
                               "Sign in with the configured OIDC provider (302 to the provider)",
                               Access::public_route(), RateClass::kAuth, std::nullopt,
                               [api](RequestContext&, const HttpRequest&) { return start(*api); })));
  FG_TRY(
      router.add(make_route(HttpMethod::kGet, "/api/v1/auth/oidc/callback", "finishOidcLogin",
                            "The OIDC provider's redirect back (code, state): opens a session and redirects to /",
                            Access::public_route(), RateClass::kAuth, std::nullopt,
                            [api](RequestContext& ctx, const HttpRequest& req) { return callback(*api, ctx, req); })));
  return ok_status();
}

}  // namespace fg::api
