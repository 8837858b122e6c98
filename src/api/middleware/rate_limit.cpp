#include "api/middleware/rate_limit.hpp"

#include "api/errors/error_response.hpp"
#include "core/ip_rate_key.hpp"

namespace fg::api {

namespace {

RateLimit bucket(const RateLimitSetting& s) {
  return RateLimit{.per_minute = static_cast<double>(s.per_minute), .burst = static_cast<double>(s.burst)};
}

}  // namespace

RateLimitConfig RateLimitConfig::per_ip(const RateLimitSettings& s) {
  return RateLimitConfig{
      .auth = bucket(s.auth_per_ip), .mutation = bucket(s.mutation_per_ip), .read = bucket(s.read_per_ip)};
}

RateLimitConfig RateLimitConfig::per_principal(const RateLimitSettings& s) {
  return RateLimitConfig{.auth = bucket(s.auth_per_principal),
                         .mutation = bucket(s.mutation_per_principal),
                         .read = bucket(s.read_per_principal)};
}

RateLimitConfig RateLimitConfig::per_ip_defaults() {
  return per_ip(RateLimitSettings{});
}

RateLimitConfig RateLimitConfig::per_principal_defaults() {
  return per_principal(RateLimitSettings{});
}

RateLimitMiddleware::RateLimitMiddleware(RateLimitStage stage, const RateLimitConfig& config, MetricsRegistry* metrics,
                                         NowFn now)
    : stage_(stage), metrics_(metrics), now_(now), auth_(config.auth), mutation_(config.mutation), read_(config.read) {}

std::string_view RateLimitMiddleware::name() const {
  return stage_ == RateLimitStage::kPerIp ? "rate_limit_ip" : "rate_limit_principal";
}

TokenBucketTable& RateLimitMiddleware::table_for(RateClass rate_class) {
  switch (rate_class) {
    case RateClass::kAuth: return auth_;
    case RateClass::kMutation: return mutation_;
    default: return read_;
  }
}

Verdict RateLimitMiddleware::on_request(RequestContext& ctx, const HttpRequest& req, HttpResponse& out) {
  RateClass rate_class = ctx.route != nullptr ? ctx.route->rate_class : RateClass::kRead;
  if (rate_class == RateClass::kExempt) return Verdict::kContinue;
  std::string key;
  if (stage_ == RateLimitStage::kPerIp) {
    key = ip_rate_key(ctx.client_ip);  // an IPv6 client's whole /64 shares one bucket
  } else {
    if (!ctx.principal) return Verdict::kContinue;  // public route: the per-IP stage covered it
    key = ctx.principal->subject_id();
  }
  const RateDecision d = table_for(rate_class).take(key, now_());
  if (d.allowed) return Verdict::kContinue;
  if (metrics_ != nullptr) {
    metrics_->count_rate_limited(stage_ == RateLimitStage::kPerIp ? "ip" : "principal", rate_class_name(rate_class));
  }
  out = error_response(resource_exhausted_error("too many requests; retry later"), ctx.request_id);
  out.headers.set("Retry-After", std::to_string(d.retry_after_seconds));
  return Verdict::kRespond;
}

}  // namespace fg::api
