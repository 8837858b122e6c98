// Request id middleware: the first stage. Accepts a well-formed incoming X-Request-Id (so a proxy's id
// ties the logs together), otherwise makes a random one; puts it in the log scope and echoes it.
#pragma once

#include "api/middleware/middleware.hpp"

namespace fg::api {

//! The longest incoming id we accept; longer ones are replaced, not truncated.
inline constexpr std::size_t kMaxRequestIdLength = 128;

//! True for 8..128 characters of [A-Za-z0-9._-]: enough for UUIDs and tracing ids, nothing that could
//! break a log line or a header.
bool is_valid_request_id(std::string_view id);

class RequestIdMiddleware final : public IMiddleware {
 public:
  std::string_view name() const override { return "request_id"; }
  Verdict on_request(RequestContext& ctx, const HttpRequest& req, HttpResponse& out) override;
  void on_response(const RequestContext& ctx, const HttpRequest& req, HttpResponse& res) const override;
};

}  // namespace fg::api
