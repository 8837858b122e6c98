// Rate limit middleware: token buckets per route class, in two stages (CORRECTIONS.md):
//   * kPerIp, before authentication, keyed by the client IP (after trusted-proxy resolution) as
//     core/ip_rate_key.hpp has it: an IPv4 address, or an IPv6 /64;
//   * kPerPrincipal, right after it, keyed by the user or API key id.
// A refused request gets 429 resource_exhausted with Retry-After. Every limit is a setting
// (rate_limit_*, core/config.hpp), so test suites raise the ones they are not testing. Login failures
// (5/min per client and per account and client by default) are counted by identity itself
// (identity/login_throttle.hpp): only failed attempts count.
#pragma once

#include <memory>

#include "api/metrics/metrics_registry.hpp"
#include "api/middleware/middleware.hpp"
#include "api/ratelimit/token_bucket_table.hpp"
#include "core/config.hpp"

namespace fg::api {

enum class RateLimitStage { kPerIp, kPerPrincipal };

//! Limits per route class for one stage.
struct RateLimitConfig {
  RateLimit auth;
  RateLimit mutation;
  RateLimit read;

  //! The per-IP stage's limits from the settings (rate_limit_<class>_per_ip_*, core/config.hpp).
  static RateLimitConfig per_ip(const RateLimitSettings& settings);
  //! The per-principal stage's limits from the settings (rate_limit_<class>_per_principal_*).
  static RateLimitConfig per_principal(const RateLimitSettings& settings);
  //! per_ip() of the default settings: generous for reads (a dashboard fans out), tight for auth.
  static RateLimitConfig per_ip_defaults();
  //! per_principal() of the default settings (an API key scripted in a loop is the usual culprit).
  static RateLimitConfig per_principal_defaults();
};

class RateLimitMiddleware final : public IMiddleware {
 public:
  using Clock = TokenBucketTable::Clock;
  using NowFn = Clock::time_point (*)();

  //! `metrics` may be null. `now` is injectable for tests.
  RateLimitMiddleware(RateLimitStage stage, const RateLimitConfig& config, MetricsRegistry* metrics,
                      NowFn now = &Clock::now);
  std::string_view name() const override;
  //! Exempt routes and unmatched requests of the per-principal stage pass; the per-IP stage draws
  //! unmatched requests (404s, static files) from the read bucket.
  Verdict on_request(RequestContext& ctx, const HttpRequest& req, HttpResponse& out) override;

 private:
  TokenBucketTable& table_for(RateClass rate_class);

  const RateLimitStage stage_;
  MetricsRegistry* const metrics_;
  const NowFn now_;
  TokenBucketTable auth_;
  TokenBucketTable mutation_;
  TokenBucketTable read_;
};

}  // namespace fg::api
