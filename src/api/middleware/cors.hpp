// CORS middleware (https://fetch.spec.whatwg.org/#http-cors-protocol): lets the configured origins,
// and only those, call the API from a browser with credentials.
//
// Never "*": with credentials the spec forbids it, and we list origins exactly. A preflight from an
// unlisted origin is refused (403); a cross-origin mutation from an unlisted origin is refused before
// it reaches a handler, a second line behind the session's CSRF token.
#pragma once

#include <string>
#include <vector>

#include "api/middleware/middleware.hpp"

namespace fg::api {

//! How long a browser may cache a preflight answer.
inline constexpr int kCorsMaxAgeSeconds = 600;

struct CorsConfig {
  std::vector<std::string> allowed_origins;  //!< exact "https://app.example.com"; "*" is refused by Config
};

class CorsMiddleware final : public IMiddleware {
 public:
  explicit CorsMiddleware(CorsConfig config) : config_(std::move(config)) {}
  std::string_view name() const override { return "cors"; }
  Verdict on_request(RequestContext& ctx, const HttpRequest& req, HttpResponse& out) override;
  void on_response(const RequestContext& ctx, const HttpRequest& req, HttpResponse& res) const override;

 private:
  bool allowed(std::string_view origin) const;
  const CorsConfig config_;
};

//! True when `origin` is the request's own origin (scheme and Host header), i.e. not cross-origin.
bool is_same_origin(std::string_view origin, const HttpRequest& req, bool secure);

}  // namespace fg::api
