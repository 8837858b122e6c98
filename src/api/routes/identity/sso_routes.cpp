// Single sign-on routes: the OIDC authorization-code flow. Both are public GETs (the browser follows
// them); without OIDC configured they answer 503, never a silent fallback.
#include "api/routes/identity/identity_api.hpp"
#include "api/routes/identity/route_helpers.hpp"
#include "api/routes/identity/route_sets.hpp"
#include "crypto/random.hpp"

namespace fg::api {
namespace {

using identity_routes::cookie;

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

// The browser binding of a flow's state (issue 20 item 4: a callback URL replayed from another client
// signed that client in). start() sets the state in this cookie; the callback must carry the same.
// __Host- (Secure, Path=/, no Domain: no sibling subdomain can plant one) whenever the connection is
// secure; over plain HTTP (loopback development) browsers refuse Secure, so the bare name is used.
// SameSite=Lax, so the provider's top-level redirect back carries it.
std::string_view state_cookie_name(bool secure) {
  return secure ? "__Host-fg_oidc_state" : "fg_oidc_state";
}

std::string state_cookie(bool secure, const std::string& value, std::int64_t max_age) {
  std::string c = std::string(state_cookie_name(secure)) + "=" + value +
                  "; Path=/; SameSite=Lax; HttpOnly; Max-Age=" + std::to_string(max_age);
  if (secure) c += "; Secure";
  return c;
}

Result<HttpResponse> start(IdentityApi& api, const RequestContext& ctx) {
  if (!api.oidc) return not_configured();
  FG_ASSIGN_OR_RETURN(identity::OidcStart flow, api.oidc->start());
  HttpResponse r = redirect(flow.url);
  r.headers.add("Set-Cookie", state_cookie(ctx.secure, flow.state, identity::kOidcStateTtl.count()));
  return r;
}

Result<HttpResponse> callback(IdentityApi& api, RequestContext& ctx, const HttpRequest& req) {
  if (!api.oidc) return not_configured();
  // The provider reports a refusal (the user cancelled, consent denied) as ?error=...; its text is
  // the provider's, so it is not echoed back.
  if (req.query_param("error")) return unauthenticated_error("single sign-on failed");
  FG_ASSIGN_OR_RETURN(std::string code, required_param(req, "code"));
  FG_ASSIGN_OR_RETURN(std::string state, required_param(req, "state"));
  // Not this browser's flow: refused before the state is consumed, so the browser that started it can
  // still finish. Audited like the other refused sign-ins.
  const std::optional<std::string> bound = cookie_value(req, state_cookie_name(ctx.secure));
  if (!bound || !crypto::equal_constant_time(*bound, state)) {
    FG_TRY(api.authenticator.audit_sso_failure("", identity::SsoMethod::kOidc, "state_not_bound_to_browser",
                                               ctx.origin()));
    return unauthenticated_error("single sign-on failed: start it again from this browser");
  }
  FG_ASSIGN_OR_RETURN(identity::IssuedSession s, api.oidc->finish(code, state, ctx.origin()));
  const std::int64_t max_age = std::max<std::int64_t>(0, s.expires_at.seconds() - api.context.clock.now().seconds());
  // The same cookies as password login. The browser arrives here from the provider's site, so the
  // SameSite=Strict cookie is set now and sent from the next same-site request on.
  HttpResponse r = redirect("/");
  r.headers.add("Set-Cookie", state_cookie(ctx.secure, "", 0));
  r.headers.add("Set-Cookie", cookie(session_cookie_name(ctx.secure), s.token, true, ctx.secure, max_age));
  r.headers.add("Set-Cookie", cookie(csrf_cookie_name(ctx.secure), s.csrf_token, false, ctx.secure, max_age));
  return r;
}

}  // namespace

Status add_sso_routes(Router& router, const std::shared_ptr<IdentityApi>& api) {
  FG_TRY(
      router.add(Route{.pattern = "/api/v1/auth/oidc/start",
                       .operation_id = "startOidcLogin",
                       .summary = "Sign in with the configured OIDC provider (302 to the provider)",
                       .tag = "identity",
                       .access = Access::public_route(),
                       .rate_class = RateClass::kAuth,
                       .response = ResponseSpec{.status = 302,
                                                .schema = nullptr,
                                                .media_type = "",
                                                .description = "To the provider's authorization endpoint (Location)"},
                       .handler = [api](RequestContext& ctx, const HttpRequest&) { return start(*api, ctx); }}));
  // The query is open: the provider builds this URL and adds parameters of its own (iss, session_state,
  // scope, ...). The handler reads only these, each bounded.
  return router.add(
      Route{.pattern = "/api/v1/auth/oidc/callback",
            .operation_id = "finishOidcLogin",
            .summary = "The OIDC provider's redirect back (code, state): opens a session and redirects to /",
            .tag = "identity",
            .access = Access::public_route(),
            .rate_class = RateClass::kAuth,
            .query = {.params = {QueryParam::string("code", kMaxOidcParam), QueryParam::string("state", kMaxOidcParam),
                                 QueryParam::string("error", kMaxOidcParam),
                                 QueryParam::string("error_description", kMaxOidcParam)},
                      .open = true},
            .response = ResponseSpec{.status = 302,
                                     .schema = nullptr,
                                     .media_type = "",
                                     .description = "Signed in; to the dashboard (Location: /)"},
            .handler = [api](RequestContext& ctx, const HttpRequest& req) { return callback(*api, ctx, req); }});
}

}  // namespace fg::api
