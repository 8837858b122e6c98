// UsageWriteThrottle: one usage write per key per interval.
#include "identity/internal/usage_write_throttle.hpp"

#include <gtest/gtest.h>

namespace fg::identity::internal {
namespace {

TEST(UsageWriteThrottle, WritesOncePerIntervalPerKey) {
  UsageWriteThrottle t(60);
  const Timestamp start = Timestamp::from_seconds(1000);
  EXPECT_TRUE(t.should_write("k1", start));
  EXPECT_FALSE(t.should_write("k1", Timestamp::from_seconds(1059)));
  EXPECT_TRUE(t.should_write("k2", Timestamp::from_seconds(1059))) << "keys are independent";
  EXPECT_TRUE(t.should_write("k1", Timestamp::from_seconds(1060)));
  EXPECT_FALSE(t.should_write("k1", Timestamp::from_seconds(1061)));
}

TEST(UsageWriteThrottle, ClockGoingBackwardsWrites) {
  UsageWriteThrottle t(60);
  EXPECT_TRUE(t.should_write("k", Timestamp::from_seconds(1000)));
  EXPECT_TRUE(t.should_write("k", Timestamp::from_seconds(900)));
}

TEST(UsageWriteThrottle, ZeroIntervalWritesEveryTime) {
  UsageWriteThrottle t(0);
  EXPECT_TRUE(t.should_write("k", Timestamp::from_seconds(1000)));
  EXPECT_TRUE(t.should_write("k", Timestamp::from_seconds(1000)));
}

}  // namespace
}  // namespace fg::identity::internal
