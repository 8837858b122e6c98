#include "api/middleware/security_headers.hpp"

namespace fg::api {

void SecurityHeadersMiddleware::on_response(const RequestContext& ctx, const HttpRequest& req,
                                            HttpResponse& res) const {
  res.headers.remove("Server");
  res.headers.set("X-Content-Type-Options", "nosniff");
  res.headers.set("X-Frame-Options", "DENY");
  res.headers.set("Content-Security-Policy", std::string(kContentSecurityPolicy));
  res.headers.set("Referrer-Policy", "no-referrer");
  res.headers.set("Cross-Origin-Opener-Policy", "same-origin");
  res.headers.set("Cross-Origin-Resource-Policy", "same-origin");
  res.headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
  if (ctx.secure) res.headers.set("Strict-Transport-Security", std::string(kStrictTransportSecurity));
  // API answers are per-user: no shared cache may keep them. Static files set their own policy.
  if (!res.headers.has("Cache-Control")) res.headers.set("Cache-Control", "no-store");
}

}  // namespace fg::api
