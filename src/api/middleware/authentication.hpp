// Authentication middleware: on a protected route, asks the authenticator (identity) who is calling
// and puts the Principal in the context. Public routes pass untouched.
//
// Fails closed: no authenticator installed means 401 on every protected route. A cookie session that
// mutates state must come back from the authenticator with csrf_verified set, or it gets 403.
#pragma once

#include <memory>

#include "api/auth/authenticator.hpp"
#include "api/middleware/middleware.hpp"

namespace fg::api {

struct AuthenticationConfig {
  std::shared_ptr<const IAuthenticator> authenticator;  //!< may be null: then nothing authenticates
};

class AuthenticationMiddleware final : public IMiddleware {
 public:
  explicit AuthenticationMiddleware(AuthenticationConfig config) : config_(std::move(config)) {}
  std::string_view name() const override { return "authentication"; }
  //! 401 (with WWW-Authenticate) when unauthenticated; the authenticator's other errors as mapped;
  //! 403 for a cookie mutation without a verified CSRF token.
  Verdict on_request(RequestContext& ctx, const HttpRequest& req, HttpResponse& out) override;

 private:
  const AuthenticationConfig config_;
};

}  // namespace fg::api
