#include "api/middleware/cors.hpp"

#include <algorithm>

#include "api/errors/error_response.hpp"

namespace fg::api {

bool is_same_origin(std::string_view origin, const HttpRequest& req, bool secure) {
  std::optional<std::string_view> host = req.headers.get("Host");
  if (!host) return false;
  const std::string expected = std::string(secure ? "https://" : "http://") + std::string(*host);
  return iequals(origin, expected);
}

bool CorsMiddleware::allowed(std::string_view origin) const {
  return std::find(config_.allowed_origins.begin(), config_.allowed_origins.end(), origin) !=
         config_.allowed_origins.end();
}

Verdict CorsMiddleware::on_request(RequestContext& ctx, const HttpRequest& req, HttpResponse& out) {
  std::optional<std::string_view> origin = req.headers.get("Origin");
  if (!origin) return Verdict::kContinue;
  const bool preflight = req.method == HttpMethod::kOptions && req.headers.has("Access-Control-Request-Method");
  if (preflight) {
    if (!allowed(*origin)) {
      out = error_response(permission_denied_error("origin not allowed"), ctx.request_id);
      return Verdict::kRespond;
    }
    out = HttpResponse::empty(204);
    out.headers.set("Access-Control-Allow-Methods", "GET, POST, PUT, PATCH, DELETE");
    out.headers.set("Access-Control-Allow-Headers", "Content-Type, X-CSRF-Token, X-Request-Id, Authorization");
    out.headers.set("Access-Control-Max-Age", std::to_string(kCorsMaxAgeSeconds));
    return Verdict::kRespond;
  }
  if (is_mutation(req.method) && !allowed(*origin) && !is_same_origin(*origin, req, ctx.secure)) {
    out = error_response(permission_denied_error("cross-origin request refused"), ctx.request_id);
    return Verdict::kRespond;
  }
  return Verdict::kContinue;
}

void CorsMiddleware::on_response(const RequestContext& ctx, const HttpRequest& req, HttpResponse& res) const {
  std::optional<std::string_view> origin = req.headers.get("Origin");
  // Vary on Origin always: a cache must not hand one origin's answer to another.
  res.headers.set("Vary", "Origin");
  if (!origin || !allowed(*origin)) return;
  res.headers.set("Access-Control-Allow-Origin", std::string(*origin));
  res.headers.set("Access-Control-Allow-Credentials", "true");
  res.headers.set("Access-Control-Expose-Headers", "X-Request-Id, Retry-After");
}

}  // namespace fg::api
