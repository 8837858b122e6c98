#include "jobs/backoff.hpp"

#include <gtest/gtest.h>

namespace fg::jobs {
namespace {

TEST(BackoffTest, DoublesPerAttemptUpToTheCap) {
  const BackoffPolicy p{10, 1000};
  EXPECT_EQ(backoff_delay_micros(p, 1, 1.0), 10);
  EXPECT_EQ(backoff_delay_micros(p, 2, 1.0), 20);
  EXPECT_EQ(backoff_delay_micros(p, 4, 1.0), 80);
  EXPECT_EQ(backoff_delay_micros(p, 60, 1.0), 1000);
}

TEST(BackoffTest, JitterSpreadsBetweenHalfAndFull) {
  const BackoffPolicy p{1000, 100000};
  EXPECT_EQ(backoff_delay_micros(p, 1, 0.0), 500);
  EXPECT_EQ(backoff_delay_micros(p, 1, 0.5), 750);
  EXPECT_EQ(backoff_delay_micros(p, 1, 7.0), 1000);  // clamped
  for (int i = 0; i < 100; ++i) {
    const double j = random_jitter();
    EXPECT_GE(j, 0.0);
    EXPECT_LE(j, 1.0);
  }
}

}  // namespace
}  // namespace fg::jobs
