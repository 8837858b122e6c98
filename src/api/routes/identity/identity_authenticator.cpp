#include "api/http/http_request.hpp"
#include "api/routes/identity/identity_api.hpp"
#include "identity/permission_table.hpp"

namespace fg::api {

namespace {

// Every value of cookie `name` over all Cookie headers, in order, to `f`; stops when `f` returns true.
template <typename F>
void for_each_cookie(const HttpRequest& req, std::string_view name, F&& f) {
  for (const Headers::Entry& h : req.headers.entries()) {
    if (!iequals(h.first, "Cookie")) continue;
    std::string_view rest = h.second;
    while (!rest.empty()) {
      const std::size_t semi = rest.find(';');
      std::string_view pair = rest.substr(0, semi);
      rest = semi == std::string_view::npos ? std::string_view{} : rest.substr(semi + 1);
      while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
      const std::size_t eq = pair.find('=');
      if (eq != std::string_view::npos && pair.substr(0, eq) == name && f(pair.substr(eq + 1))) return;
    }
  }
}

}  // namespace

std::optional<std::string> cookie_value(const HttpRequest& req, std::string_view name) {
  std::optional<std::string> out;
  for_each_cookie(req, name, [&](std::string_view v) {
    out = std::string(v);
    return true;
  });
  return out;
}

std::size_t cookie_count(const HttpRequest& req, std::string_view name) {
  std::size_t n = 0;
  for_each_cookie(req, name, [&](std::string_view) {
    ++n;
    return false;
  });
  return n;
}

Result<Principal> IdentityAuthenticator::authenticate(const AuthInput& input) const {
  const HttpRequest& req = input.request;
  if (std::optional<std::string_view> authz = req.headers.get("Authorization")) {
    constexpr std::string_view kBearer = "Bearer ";
    if (authz->size() <= kBearer.size() || authz->substr(0, kBearer.size()) != kBearer) {
      return unauthenticated_error("authentication required");
    }
    FG_ASSIGN_OR_RETURN(identity::AuthenticatedPrincipal p,
                        api_->authenticator.authenticate_api_key(authz->substr(kBearer.size())));
    return Principal{std::move(p.scope), AuthMethod::kApiKey, false, false};
  }
  // Two session cookies (one planted by a sibling host, or both names at once) cannot both be trusted,
  // and picking either would let the planter choose: refuse.
  if (cookie_count(req, kSessionCookie) + cookie_count(req, kHostSessionCookie) > 1) {
    return unauthenticated_error("more than one session cookie; sign in again");
  }
  std::optional<std::string> token = cookie_value(req, session_cookie_name(input.secure));
  if (!token && api_->cf_access) {
    if (std::optional<std::string_view> assertion = req.headers.get(identity::kCfAccessHeader)) {
      FG_ASSIGN_OR_RETURN(identity::VerifiedSsoIdentity id, api_->cf_access->verify(*assertion));
      FG_ASSIGN_OR_RETURN(identity::AuthenticatedPrincipal p, api_->authenticator.authenticate_sso(id));
      return Principal{std::move(p.scope), AuthMethod::kCloudflareAccess, true, false};
    }
  }
  if (!token) return unauthenticated_error("authentication required");
  std::optional<std::string_view> csrf = req.headers.get(kCsrfHeader);
  FG_ASSIGN_OR_RETURN(identity::AuthenticatedPrincipal p,
                      api_->authenticator.authenticate_session(*token, csrf, is_mutation(req.method)));
  return Principal{std::move(p.scope), AuthMethod::kSession, true, p.csrf_verified};
}

PermissionCheck identity_permission_check() {
  return [](std::string_view role, std::string_view permission) { return identity::has_permission(role, permission); };
}

void install_identity(ApiDependencies& deps, std::shared_ptr<IdentityApi> api) {
  deps.authenticator = std::make_shared<IdentityAuthenticator>(api);
  deps.permissions = identity_permission_check();
  deps.route_sets.push_back([api](Router& router) { return add_identity_routes(router, api); });
  deps.metrics_hooks.push_back([api](const std::shared_ptr<MetricsRegistry>& metrics) {
    api->authenticator.set_login_failure_observer(
        [metrics](std::string_view reason) { metrics->count_login_failure(reason == "throttled"); });
  });
}

}  // namespace fg::api
