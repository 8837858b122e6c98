#include "crypto/concurrency_limiter.hpp"

#include <thread>

#include <gtest/gtest.h>

namespace fg::crypto {
namespace {

using std::chrono::milliseconds;

TEST(ConcurrencyLimiterTest, AdmitsUpToCapacityThenTimesOut) {
  ConcurrencyLimiter lim(2);
  auto a = lim.acquire(milliseconds(0));
  auto b = lim.acquire(milliseconds(0));
  ASSERT_TRUE(a && b);
  EXPECT_EQ(lim.in_use(), 2);
  EXPECT_FALSE(lim.acquire(milliseconds(20)).has_value());
}

TEST(ConcurrencyLimiterTest, ReleasingAPermitAdmitsAWaiter) {
  ConcurrencyLimiter lim(1);
  auto held = std::make_unique<std::optional<ConcurrencyLimiter::Permit>>(lim.acquire(milliseconds(0)));
  ASSERT_TRUE(held->has_value());
  std::thread releaser([&] {
    std::this_thread::sleep_for(milliseconds(30));
    held.reset();
  });
  auto got = lim.acquire(milliseconds(5000));
  releaser.join();
  EXPECT_TRUE(got.has_value());
  EXPECT_EQ(lim.in_use(), 1);
}

TEST(ConcurrencyLimiterTest, ZeroCapacityIsABug) {
  EXPECT_DEATH(ConcurrencyLimiter(0), "");
}

}  // namespace
}  // namespace fg::crypto
