// Principal: who made a request, as established by the authenticator (identity) from a verified
// session cookie or API key. The handlers act only through its OrgScope.
//
// The org is never taken from the request body, a query parameter or a header: it is the one bound to
// the credential, inside the scope only identity::Authenticator can build (core/org_scope.hpp).
#pragma once

#include <string>

#include "core/org_scope.hpp"

namespace fg::api {

//! How the credential was presented.
enum class AuthMethod {
  kSession,  //!< cookie `fg_session`; cookie mutations need `X-CSRF-Token`
  kApiKey,   //!< `Authorization: Bearer fgk_...`; no ambient credential, so no CSRF
  //! `Cf-Access-Jwt-Assertion` from Cloudflare Access (when configured). Access adds it to every request
  //! the browser makes, so it is ambient like a cookie: CSRF applies and there is no token to match,
  //! so such a principal can read but its mutations are refused (sign in for a session to mutate).
  kCloudflareAccess,
};

//! "session", "api_key" or "cloudflare_access".
std::string_view auth_method_name(AuthMethod method);

struct Principal {
  //! The verified org and the actor (user id or API key id, and the role name it acts with).
  OrgScope scope;
  AuthMethod method = AuthMethod::kApiKey;
  //! True for cookie sessions: the browser sends the cookie on its own, so mutations need a CSRF token.
  bool csrf_applies = false;
  //! Set by the authenticator when it checked the request's CSRF token against the session. The
  //! authentication middleware refuses a cookie mutation without it (defence in depth).
  bool csrf_verified = false;

  //! The user id or API key id: the per-principal rate-limit key and the audit actor.
  const std::string& subject_id() const { return scope.actor().id; }
  //! The role name the request runs with ("owner", "viewer", ...).
  const std::string& role() const { return scope.actor().role; }
};

}  // namespace fg::api
