// Authorization middleware: checks the route's required permission against the principal's role,
// through identity's permission table (a PermissionCheck).
//
// Fails closed: a route that needs a permission is refused (403) when no check is installed.
#pragma once

#include "api/auth/authenticator.hpp"
#include "api/middleware/middleware.hpp"
#include "api/router/router.hpp"
#include "core/status.hpp"

namespace fg::api {

struct AuthorizationConfig {
  PermissionCheck check;  //!< may be empty: then every permission is refused
};

class AuthorizationMiddleware final : public IMiddleware {
 public:
  explicit AuthorizationMiddleware(AuthorizationConfig config) : config_(std::move(config)) {}
  std::string_view name() const override { return "authorization"; }
  //! Public and authenticated-only routes pass; permission routes need check(role, permission).
  Verdict on_request(RequestContext& ctx, const HttpRequest& req, HttpResponse& out) override;

 private:
  const AuthorizationConfig config_;
};

//! ok when every permission a route of `router` names is one `check` knows: the Owner holds every
//! permission of identity's table, so a name the Owner lacks is not in it. A misspelt permission would
//! otherwise answer 403 to everyone; the server refuses to start instead (issue 21). internal_error
//! naming the route and the permission.
Status check_declared_permissions(const Router& router, const PermissionCheck& check);

}  // namespace fg::api
