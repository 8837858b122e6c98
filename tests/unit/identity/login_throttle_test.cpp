// LoginThrottle: failed attempts per IP and per account in a sliding minute.
#include "identity/login_throttle.hpp"

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
  EXPECT_TRUE(t.blocked("10.0.0.1", "other@x.test")) << "per IP";
  EXPECT_TRUE(t.blocked("10.0.0.2", "a@x.test")) << "per account";
  EXPECT_FALSE(t.blocked("10.0.0.2", "other@x.test"));
  clock.advance_seconds(60);
  EXPECT_FALSE(t.blocked("10.0.0.1", "a@x.test")) << "the window slides";
}

TEST(LoginThrottle, PerIpAndPerAccountMaximaAreSeparate) {
  ManualClock clock(Timestamp::from_seconds(1000));
  LoginThrottle t(clock, 3, 1);
  t.record_failure("10.0.0.1", "a@x.test");
  EXPECT_TRUE(t.blocked("10.0.0.9", "a@x.test")) << "one failure reaches the account maximum";
  EXPECT_FALSE(t.blocked("10.0.0.1", "b@x.test")) << "the IP has two to go";
  t.record_failure("10.0.0.1", "b@x.test");
  EXPECT_FALSE(t.blocked("10.0.0.1", "c@x.test"));
  t.record_failure("10.0.0.1", "c@x.test");
  EXPECT_TRUE(t.blocked("10.0.0.1", "d@x.test")) << "three failures reach the IP maximum";
  EXPECT_FALSE(t.blocked("10.0.0.2", "d@x.test"));
}

}  // namespace
}  // namespace fg::identity
