#include "jobs/backoff.hpp"

#include <algorithm>
#include <random>

namespace fg::jobs {

std::int64_t backoff_delay_micros(const BackoffPolicy& policy, int attempts, double jitter) {
  const int exponent = std::clamp(attempts - 1, 0, 30);  // 2^30 * base overflows nothing and exceeds any cap
  std::int64_t delay = policy.base_micros;
  for (int i = 0; i < exponent && delay < policy.cap_micros; ++i) delay *= 2;
  delay = std::min(delay, policy.cap_micros);
  jitter = std::clamp(jitter, 0.0, 1.0);
  return static_cast<std::int64_t>(static_cast<double>(delay) * (0.5 + jitter / 2));
}

double random_jitter() {
  // Not security-relevant: spreading retries only needs a decent per-thread generator.
  thread_local std::mt19937_64 gen{std::random_device{}()};
  return std::uniform_real_distribution<double>(0.0, 1.0)(gen);
}

}  // namespace fg::jobs
