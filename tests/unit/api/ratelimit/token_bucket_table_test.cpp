#include "api/ratelimit/token_bucket_table.hpp"

#include <gtest/gtest.h>

namespace fg::api {
namespace {

using Clock = TokenBucketTable::Clock;
const Clock::time_point kT0 = Clock::time_point{} + std::chrono::hours(1);

TEST(TokenBucketTableTest, AllowsBurstThenRefuses) {
  TokenBucketTable t({.per_minute = 60, .burst = 3});
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(t.take("k", kT0).allowed);
  RateDecision d = t.take("k", kT0);
  EXPECT_FALSE(d.allowed);
  EXPECT_EQ(d.retry_after_seconds, 1);
}

TEST(TokenBucketTableTest, RefillsAtTheSustainedRateAndCapsAtBurst) {
  TokenBucketTable t({.per_minute = 30, .burst = 2});
  t.take("k", kT0);
  t.take("k", kT0);
  EXPECT_FALSE(t.take("k", kT0 + std::chrono::seconds(1)).allowed);
  EXPECT_TRUE(t.take("k", kT0 + std::chrono::seconds(3)).allowed);
  // A long idle period refills only up to the burst.
  const auto later = kT0 + std::chrono::hours(1);
  EXPECT_TRUE(t.take("k", later).allowed);
  EXPECT_TRUE(t.take("k", later).allowed);
  EXPECT_FALSE(t.take("k", later).allowed);
}

TEST(TokenBucketTableTest, RetryAfterRoundsUp) {
  TokenBucketTable t({.per_minute = 5, .burst = 1});
  t.take("k", kT0);
  EXPECT_EQ(t.take("k", kT0).retry_after_seconds, 12);
}

TEST(TokenBucketTableTest, ClockGoingBackwardsDoesNotMintTokens) {
  TokenBucketTable t({.per_minute = 60, .burst = 1});
  EXPECT_TRUE(t.take("k", kT0).allowed);
  EXPECT_FALSE(t.take("k", kT0 - std::chrono::seconds(30)).allowed);
}

TEST(TokenBucketTableTest, MemoryIsBoundedUnderAKeyFlood) {
  TokenBucketTable t({.per_minute = 1, .burst = 5});
  const std::size_t n = kRateLimitShards * kMaxKeysPerShard + 5000;
  for (std::size_t i = 0; i < n; ++i) t.take("ip-" + std::to_string(i), kT0);
  EXPECT_LE(t.size_for_test(), kRateLimitShards * kMaxKeysPerShard);
}

}  // namespace
}  // namespace fg::api
