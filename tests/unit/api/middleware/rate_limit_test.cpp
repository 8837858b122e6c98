#include "api/middleware/rate_limit.hpp"

#include <gtest/gtest.h>

#include "unit/api/api_test_support.hpp"

namespace fg::api {
namespace {

using Clock = RateLimitMiddleware::Clock;

// The injected clock: tests move it by hand.
Clock::time_point g_now = Clock::time_point{} + std::chrono::hours(1);
Clock::time_point fake_now() {
  return g_now;
}

RateLimitConfig tight() {
  return RateLimitConfig{.auth = {6, 2}, .mutation = {60, 3}, .read = {60, 5}};
}

struct Fixture {
  RateLimitMiddleware mw;
  Route route;
  Fixture(RateLimitStage stage, RateClass rc, MetricsRegistry* metrics = nullptr)
      : mw(stage, tight(), metrics, &fake_now), route(test::route(HttpMethod::kPost, "/x")) {
    route.rate_class = rc;
  }
  HttpResponse out;
  Verdict call(std::string ip, std::optional<Principal> p = std::nullopt) {
    RequestContext ctx;
    ctx.client_ip = std::move(ip);
    ctx.route = &route;
    ctx.principal = std::move(p);
    out = {};
    return mw.on_request(ctx, test::request(HttpMethod::kPost, "/x"), out);
  }
};

TEST(RateLimitTest, BurstThenRefusesWith429AndRetryAfter) {
  Fixture f(RateLimitStage::kPerIp, RateClass::kAuth);
  EXPECT_EQ(f.call("10.0.0.1"), Verdict::kContinue);
  EXPECT_EQ(f.call("10.0.0.1"), Verdict::kContinue);
  EXPECT_EQ(f.call("10.0.0.1"), Verdict::kRespond);
  EXPECT_EQ(f.out.status, 429);
  // 6 per minute: one token every 10 s.
  EXPECT_EQ(f.out.headers.get("Retry-After"), "10");
  EXPECT_NE(f.out.body.find("resource_exhausted"), std::string::npos);
}

TEST(RateLimitTest, RefillsOverTime) {
  Fixture f(RateLimitStage::kPerIp, RateClass::kAuth);
  f.call("10.0.0.2");
  f.call("10.0.0.2");
  ASSERT_EQ(f.call("10.0.0.2"), Verdict::kRespond);
  g_now += std::chrono::seconds(10);
  EXPECT_EQ(f.call("10.0.0.2"), Verdict::kContinue);
}

// Issue 20: distinct addresses of one IPv6 /64 took a bucket each.
TEST(RateLimitTest, AnIpv6Slash64SharesOneBucket) {
  Fixture f(RateLimitStage::kPerIp, RateClass::kAuth);
  EXPECT_EQ(f.call("2001:db8:5:5::1"), Verdict::kContinue);
  EXPECT_EQ(f.call("2001:db8:5:5::2"), Verdict::kContinue);
  EXPECT_EQ(f.call("2001:db8:5:5:ffff::3"), Verdict::kRespond) << "a third address of the same /64";
  EXPECT_EQ(f.call("2001:db8:5:6::1"), Verdict::kContinue) << "the next /64 has its own bucket";
  EXPECT_EQ(f.call("::ffff:10.9.9.1"), Verdict::kContinue);
  EXPECT_EQ(f.call("10.9.9.1"), Verdict::kContinue);
  EXPECT_EQ(f.call("10.9.9.1"), Verdict::kRespond) << "IPv4-mapped and IPv4 are one client";
  EXPECT_EQ(f.call("10.9.9.2"), Verdict::kContinue) << "IPv4 stays per address";
}

TEST(RateLimitTest, KeysAreIndependent) {
  Fixture f(RateLimitStage::kPerIp, RateClass::kAuth);
  f.call("10.0.0.3");
  f.call("10.0.0.3");
  EXPECT_EQ(f.call("10.0.0.3"), Verdict::kRespond);
  EXPECT_EQ(f.call("10.0.0.4"), Verdict::kContinue);
}

TEST(RateLimitTest, ClassesHaveTheirOwnBuckets) {
  Fixture f(RateLimitStage::kPerIp, RateClass::kMutation);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(f.call("10.0.0.5"), Verdict::kContinue);
  EXPECT_EQ(f.call("10.0.0.5"), Verdict::kRespond);
  f.route.rate_class = RateClass::kRead;
  EXPECT_EQ(f.call("10.0.0.5"), Verdict::kContinue);
}

TEST(RateLimitTest, ExemptRoutesAreNeverLimited) {
  Fixture f(RateLimitStage::kPerIp, RateClass::kExempt);
  for (int i = 0; i < 50; ++i) ASSERT_EQ(f.call("10.0.0.6"), Verdict::kContinue);
}

TEST(RateLimitTest, PerPrincipalStageKeysOnTheSubjectNotTheIp) {
  Fixture f(RateLimitStage::kPerPrincipal, RateClass::kAuth);
  Principal p = test::principal("viewer", AuthMethod::kApiKey, "key-rl");
  EXPECT_EQ(f.call("10.0.1.1", p), Verdict::kContinue);
  EXPECT_EQ(f.call("10.0.1.2", p), Verdict::kContinue);
  EXPECT_EQ(f.call("10.0.1.3", p), Verdict::kRespond);
}

TEST(RateLimitTest, PerPrincipalStageSkipsAnonymousRequests) {
  Fixture f(RateLimitStage::kPerPrincipal, RateClass::kAuth);
  for (int i = 0; i < 10; ++i) ASSERT_EQ(f.call("10.0.2.1"), Verdict::kContinue);
}

TEST(RateLimitTest, RejectionsAreCounted) {
  MetricsRegistry metrics;
  Fixture f(RateLimitStage::kPerIp, RateClass::kAuth, &metrics);
  for (int i = 0; i < 3; ++i) f.call("10.0.3.1");
  EXPECT_NE(metrics.render().find("fg_rate_limit_rejections_total{stage=\"ip\",class=\"auth\"} 1"), std::string::npos);
}

}  // namespace
}  // namespace fg::api
