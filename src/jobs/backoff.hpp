// Retry back-off: exponential in the attempt number, capped, with jitter so that jobs that failed
// together (a provider outage) do not all come back in the same second.
#pragma once

#include <cstdint>

namespace fg::jobs {

struct BackoffPolicy {
  std::int64_t base_micros = 10 * 1000000LL;   //!< delay after the first failed attempt, before jitter
  std::int64_t cap_micros = 3600 * 1000000LL;  //!< the longest delay
};

//! The delay before attempt `attempts + 1`, given `attempts` (>= 1) failed ones:
//! min(cap, base * 2^(attempts-1)) scaled by (0.5 + jitter / 2), jitter in [0, 1] ("equal jitter").
std::int64_t backoff_delay_micros(const BackoffPolicy& policy, int attempts, double jitter);

//! A uniformly random jitter in [0, 1]. Thread-safe.
double random_jitter();

}  // namespace fg::jobs
