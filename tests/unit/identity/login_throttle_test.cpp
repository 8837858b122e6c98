// LoginThrottle: failed attempts per client, per (account, client) and per account in a sliding minute.
#include "identity/login_throttle.hpp"

#include <string>

#include <gtest/gtest.h>

namespace fg::identity {
namespace {

TEST(LoginThrottle, FiveFailuresPerMinutePerKey) {
  ManualClock clock(Timestamp::from_seconds(1000));
  LoginThrottle t(clock, 5, 5);
  for (int i = 0; i < 5; ++i) {
    EXPECT_FALSE(t.blocked("10.0.0.1", "a@x.test")) << i;
    t.record_failure("10.0.0.1", "a@x.test");
  }
  EXPECT_TRUE(t.blocked("10.0.0.1", "other@x.test")) << "per client";
  EXPECT_TRUE(t.check("10.0.0.1", "a@x.test").account_client);
  EXPECT_FALSE(t.blocked("10.0.0.2", "a@x.test")) << "another client's failures do not lock the account";
  EXPECT_FALSE(t.blocked("10.0.0.2", "other@x.test"));
  clock.advance_seconds(60);
  EXPECT_FALSE(t.blocked("10.0.0.1", "a@x.test")) << "the window slides";
}

TEST(LoginThrottle, PerClientAndPerAccountMaximaAreSeparate) {
  ManualClock clock(Timestamp::from_seconds(1000));
  LoginThrottle t(clock, 3, 1);
  t.record_failure("10.0.0.1", "a@x.test");
  EXPECT_TRUE(t.check("10.0.0.1", "a@x.test").refuse_now()) << "one failure reaches the (account, client) maximum";
  EXPECT_FALSE(t.blocked("10.0.0.9", "a@x.test")) << "from another client the account is open";
  EXPECT_FALSE(t.blocked("10.0.0.1", "b@x.test")) << "the client has two to go";
  t.record_failure("10.0.0.1", "b@x.test");
  EXPECT_FALSE(t.blocked("10.0.0.1", "c@x.test"));
  t.record_failure("10.0.0.1", "c@x.test");
  EXPECT_TRUE(t.blocked("10.0.0.1", "d@x.test")) << "three failures reach the client maximum";
  EXPECT_FALSE(t.blocked("10.0.0.2", "d@x.test"));
}

TEST(LoginThrottle, AnIpv6ClientIsItsSlash64) {
  ManualClock clock(Timestamp::from_seconds(1000));
  LoginThrottle t(clock, 5, 5);
  // Five distinct addresses of one /64 (issue 20: a flood from one /64 behind a trusted proxy).
  for (int i = 1; i <= 5; ++i) t.record_failure("2001:db8:7:7::" + std::to_string(i), "u" + std::to_string(i));
  EXPECT_TRUE(t.check("2001:db8:7:7::beef", "someone@x.test").client) << "a sixth address of the /64";
  EXPECT_FALSE(t.blocked("2001:db8:7:8::1", "someone@x.test")) << "the next /64 is another client";
  t.record_failure("::ffff:192.0.2.1", "v4@x.test");
  for (int i = 0; i < 4; ++i) t.record_failure("192.0.2.1", "v4@x.test");
  EXPECT_TRUE(t.check("192.0.2.1", "v4@x.test").account_client) << "IPv4-mapped is the IPv4 client";
  EXPECT_FALSE(t.blocked("192.0.2.2", "other@x.test")) << "IPv4 stays per address";
}

TEST(LoginThrottle, AccountCeilingCountsEveryClient) {
  ManualClock clock(Timestamp::from_seconds(1000));
  LoginThrottle t(clock, 5, 2);
  const int ceiling = 2 * kAccountCeilingFactor;
  for (int i = 0; i < ceiling - 1; ++i) t.record_failure("198.51.100." + std::to_string(i % 200), "a@x.test");
  EXPECT_FALSE(t.check("203.0.113.9", "a@x.test").account_ceiling);
  t.record_failure("198.51.100.250", "a@x.test");
  const LoginThrottleVerdict v = t.check("203.0.113.9", "a@x.test");
  EXPECT_TRUE(v.account_ceiling);
  EXPECT_FALSE(v.refuse_now()) << "a fresh client may still prove a second factor";
  EXPECT_TRUE(t.blocked("203.0.113.9", "a@x.test")) << "blocked() is for flows without one";
  EXPECT_FALSE(t.blocked("203.0.113.9", "b@x.test"));
  clock.advance_seconds(60);
  EXPECT_FALSE(t.check("203.0.113.9", "a@x.test").account_ceiling);
}

}  // namespace
}  // namespace fg::identity
