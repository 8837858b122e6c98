#include "api/middleware/request_id.hpp"

#include "core/uuid.hpp"

namespace fg::api {

bool is_valid_request_id(std::string_view id) {
  if (id.size() < 8 || id.size() > kMaxRequestIdLength) return false;
  for (char c : id) {
    const bool ok =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

Verdict RequestIdMiddleware::on_request(RequestContext& ctx, const HttpRequest& req, HttpResponse& out) {
  std::optional<std::string_view> incoming = req.headers.get("X-Request-Id");
  // Two X-Request-Id headers are ambiguous: make our own rather than pick one.
  if (incoming && req.headers.count("X-Request-Id") == 1 && is_valid_request_id(*incoming)) {
    ctx.request_id = std::string(*incoming);
  } else {
    ctx.request_id = Uuid::random().to_string();
  }
  ctx.log_scope.emplace(ctx.request_id);
  return Verdict::kContinue;
}

void RequestIdMiddleware::on_response(const RequestContext& ctx, const HttpRequest& req, HttpResponse& res) const {
  res.headers.set("X-Request-Id", ctx.request_id);
}

}  // namespace fg::api
