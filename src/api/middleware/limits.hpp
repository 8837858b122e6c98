// Limits middleware: refuses requests over the size limits before any work is done on them.
//
// The server already stops reading at kMaxHeaderBytes and at the route's body limit (so an oversized
// body is never buffered); this stage checks the complete request against the same limits so that a
// request reaching a handler is known to be within them, whatever transport delivered it.
#pragma once

#include "api/middleware/middleware.hpp"
#include "api/server/server_limits.hpp"

namespace fg::api {

struct LimitsConfig {
  std::size_t max_header_count = kMaxHeaderCount;
  std::size_t max_target_bytes = kMaxTargetBytes;
  //! Body limit for requests that matched no route (404s, static files): they take no body.
  std::size_t unrouted_body_limit = 0;
};

class LimitsMiddleware final : public IMiddleware {
 public:
  explicit LimitsMiddleware(LimitsConfig config) : config_(config) {}
  std::string_view name() const override { return "limits"; }
  //! 431 too many header fields; 414 target too long; 413 body over the route's limit; 400 for a
  //! request that repeats Content-Length or Host, or whose method we do not serve (501).
  Verdict on_request(RequestContext& ctx, const HttpRequest& req, HttpResponse& out) override;

  //! The body limit for a request to `route` (nullptr: no route).
  std::size_t body_limit(const Route* route) const;

 private:
  const LimitsConfig config_;
};

}  // namespace fg::api
