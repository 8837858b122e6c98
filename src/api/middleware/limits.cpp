#include "api/middleware/limits.hpp"

#include "api/errors/error_response.hpp"

namespace fg::api {

std::size_t LimitsMiddleware::body_limit(const Route* route) const {
  if (route == nullptr) return config_.unrouted_body_limit;
  // A stray small body on a body-less route is input validation's to refuse, after authentication.
  return route->body_limit == 0 ? kNoBodyRouteAllowance : route->body_limit;
}

Verdict LimitsMiddleware::on_request(RequestContext& ctx, const HttpRequest& req, HttpResponse& out) {
  if (req.headers.size() > config_.max_header_count) {
    out = error_response(431, invalid_argument_error("too many header fields"), ctx.request_id);
  } else if (req.target.size() > config_.max_target_bytes) {
    out = error_response(414, invalid_argument_error("the request target is too long"), ctx.request_id);
  } else if (req.headers.count("Content-Length") > 1 || req.headers.count("Host") > 1) {
    // Repeated framing headers are the raw material of request smuggling (RFC 9112 §6.3).
    out = error_response(invalid_argument_error("repeated Content-Length or Host header"), ctx.request_id);
  } else if (req.method == HttpMethod::kOther) {
    out = error_response(501, invalid_argument_error("method not implemented"), ctx.request_id);
  } else if (req.body.size() > body_limit(ctx.route)) {
    out = error_response(413, invalid_argument_error("the request body is too large"), ctx.request_id);
  } else {
    return Verdict::kContinue;
  }
  out.close = true;
  return Verdict::kRespond;
}

}  // namespace fg::api
