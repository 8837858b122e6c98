// LoginThrottle: failed attempts per IP and per account in a sliding minute.
#include "identity/login_throttle.hpp"

#include <gtest/gtest.h>

namespace fg::identity {
namespace {

TEST(LoginThrottle, FiveFailuresPerMinutePerKey) {
  ManualClock clock(Timestamp::from_seconds(1000));
  LoginThrottle t(clock, 5);
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

}  // namespace
}  // namespace fg::identity
