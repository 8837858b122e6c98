// Authorization middleware: checks the route's required permission against the principal's role,
// through identity's permission table (a PermissionCheck).
//
// Fails closed: a route that needs a permission is refused (403) when no check is installed.
#pragma once

#include "api/auth/authenticator.hpp"
#include "api/middleware/middleware.hpp"

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

}  // namespace fg::api
