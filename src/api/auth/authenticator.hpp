// IAuthenticator: the seam between the API tier and identity. The authentication middleware calls it
// for every request to a protected route; identity (issue 5) implements it.
//
// What an implementation does:
//   * `Authorization: Bearer fgk_...`  -> look the key up (hashed), check expiry/revocation, build the
//     Principal with AuthMethod::kApiKey and the key's org and role;
//   * cookie `fg_session=...`          -> look the session up (hashed), check inactivity and absolute
//     expiry, build the Principal with AuthMethod::kSession, csrf_applies = true, and for a mutation
//     (is_mutation(req.method)) compare `X-CSRF-Token` with the session's token in constant time and
//     set csrf_verified only when it matches;
//   * neither, or anything invalid      -> unauthenticated_error(...), with one generic message whatever
//     the reason (never say whether a key exists).
// With no authenticator installed every protected route answers 401: the server fails closed.
#pragma once

#include <functional>
#include <string_view>

#include "api/auth/principal.hpp"
#include "api/http/http_request.hpp"
#include "core/result.hpp"

namespace fg::api {

//! What an authenticator may use besides the request itself.
struct AuthInput {
  const HttpRequest& request;
  std::string_view client_ip;  //!< after trusted-proxy resolution
  bool secure = false;         //!< TLS here or at a trusted proxy (cookies are then `Secure`)
};

class IAuthenticator {
 public:
  virtual ~IAuthenticator() = default;

  //! Verifies the request's credentials. Returns the Principal, or unauthenticated (401) when they are
  //! missing or invalid, permission_denied (403) for a failed CSRF check, unavailable (503) when the
  //! store cannot answer. Must be thread-safe and must not throw.
  virtual Result<Principal> authenticate(const AuthInput& input) const = 0;
};

//! Role -> permission check from identity's permission table, e.g. check("viewer", "audit.read").
//! Must be thread-safe. Without one, every route that needs a permission answers 403 (fail closed).
using PermissionCheck = std::function<bool(std::string_view role, std::string_view permission)>;

}  // namespace fg::api
