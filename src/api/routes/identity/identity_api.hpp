// The identity adapters of the API tier: the IAuthenticator over identity::Authenticator, the
// permission check over identity's permission table, and the identity routes.
//
//   auto api = std::make_shared<IdentityApi>(identity_context);
//   install_identity(deps, api);          // authenticator + permissions + routes
//
// Cookies: `fg_session` (HttpOnly; SameSite=Strict; Path=/; Secure and named `__Host-fg_session` when
// TLS is terminated here or at a trusted proxy) carries the session token; `fg_csrf` (`__Host-fg_csrf`;
// readable by the page) carries the CSRF token the page echoes in X-CSRF-Token on every mutation. A
// request carrying more than one session cookie is refused (a tossed cookie must not pick the session).
#pragma once

#include <memory>

#include "api/application/api_service.hpp"
#include "identity/account_service.hpp"
#include "identity/api_key_service.hpp"
#include "identity/authenticator.hpp"
#include "identity/member_service.hpp"
#include "identity/session_service.hpp"
#include "identity/sso/cloudflare_access.hpp"
#include "identity/sso/oidc_login.hpp"

namespace fg::api {

inline constexpr std::string_view kSessionCookie = "fg_session";
inline constexpr std::string_view kCsrfCookie = "fg_csrf";
// Over TLS (here or at a trusted proxy) both carry the __Host- prefix: the browser then accepts them
// only Secure, with Path=/ and no Domain, so a sibling subdomain cannot plant (toss) a session cookie
// for this host. Plain HTTP (loopback development) keeps the bare names, which browsers allow there.
inline constexpr std::string_view kHostSessionCookie = "__Host-fg_session";
inline constexpr std::string_view kHostCsrfCookie = "__Host-fg_csrf";
inline std::string_view session_cookie_name(bool secure) {
  return secure ? kHostSessionCookie : kSessionCookie;
}
inline std::string_view csrf_cookie_name(bool secure) {
  return secure ? kHostCsrfCookie : kCsrfCookie;
}
inline constexpr std::string_view kCsrfHeader = "X-CSRF-Token";

//! identity's services, shared by the authenticator adapter and the route handlers. Thread-safe.
struct IdentityApi {
  explicit IdentityApi(const identity::IdentityContext& ctx)
      : authenticator(ctx),
        sessions(ctx),
        api_keys(ctx),
        members(ctx),
        account(ctx, &authenticator.login_throttle()),
        context(ctx) {}
  identity::Authenticator authenticator;
  identity::SessionService sessions;
  identity::ApiKeyService api_keys;
  identity::MemberService members;
  identity::AccountService account;
  identity::IdentityContext context;
  //! OIDC sign-in; null when not configured (its routes then answer 503).
  std::unique_ptr<identity::OidcLogin> oidc;
  //! Cloudflare Access trust; null unless configured (the header is then ignored).
  std::unique_ptr<identity::CloudflareAccess> cf_access;
};

//! api::IAuthenticator over identity: `Authorization: Bearer fgk_...` first, else the session cookie,
//! else (only when Cloudflare Access is configured) the `Cf-Access-Jwt-Assertion` header.
class IdentityAuthenticator final : public IAuthenticator {
 public:
  explicit IdentityAuthenticator(std::shared_ptr<IdentityApi> api) : api_(std::move(api)) {}
  Result<Principal> authenticate(const AuthInput& input) const override;

 private:
  std::shared_ptr<IdentityApi> api_;
};

//! The role -> permission check of identity's table.
PermissionCheck identity_permission_check();

//! Adds every identity route. Errors as Router::add.
Status add_identity_routes(Router& router, std::shared_ptr<IdentityApi> api);

//! Sets deps.authenticator, deps.permissions and appends the identity routes.
void install_identity(ApiDependencies& deps, std::shared_ptr<IdentityApi> api);

//! The value of cookie `name` in a Cookie header, if present (the first, if several).
std::optional<std::string> cookie_value(const HttpRequest& req, std::string_view name);
//! How many cookies named `name` the request carries, over all its Cookie headers.
std::size_t cookie_count(const HttpRequest& req, std::string_view name);

}  // namespace fg::api
