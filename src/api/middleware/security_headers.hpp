// Security headers middleware: adds the browser-hardening headers to every response and strips any
// Server header (no version banner).
#pragma once

#include <string>

#include "api/middleware/middleware.hpp"

namespace fg::api {

//! The UI is served from our own origin and uses no inline script or style: everything else is refused.
inline constexpr std::string_view kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
//! Two years, the preload list's minimum (https://hstspreload.org/).
inline constexpr std::string_view kStrictTransportSecurity = "max-age=63072000; includeSubDomains";

class SecurityHeadersMiddleware final : public IMiddleware {
 public:
  std::string_view name() const override { return "security_headers"; }
  Verdict on_request(RequestContext& ctx, const HttpRequest& req, HttpResponse& out) override {
    return Verdict::kContinue;
  }
  //! HSTS only when ctx.secure: over plain HTTP a browser ignores it, and a dev server on
  //! http://127.0.0.1 must not pin itself.
  void on_response(const RequestContext& ctx, const HttpRequest& req, HttpResponse& res) const override;
};

}  // namespace fg::api
