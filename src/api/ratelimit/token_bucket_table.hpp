// TokenBucketTable: one token bucket per key (a client IP, a principal id), for one rate class.
//
// A bucket holds up to `burst` tokens and refills at `per_minute` / 60 tokens a second; a request takes
// one token or is refused with the time until one is available. The table is sharded by key hash
// behind mutexes, and bounded: past kMaxKeysPerShard it first drops the buckets that have refilled
// (equivalent to absent), then an arbitrary batch, so a flood of spoofed keys cannot exhaust memory.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace fg::api {

inline constexpr std::size_t kRateLimitShards = 16;
inline constexpr std::size_t kMaxKeysPerShard = 16384;

struct RateLimit {
  double per_minute = 60;  //!< sustained rate
  double burst = 20;       //!< bucket size: requests allowed at once after idleness
};

struct RateDecision {
  bool allowed = true;
  //! When refused: whole seconds until a token is available (the Retry-After value, at least 1).
  std::int64_t retry_after_seconds = 0;
};

class TokenBucketTable {
 public:
  using Clock = std::chrono::steady_clock;

  explicit TokenBucketTable(RateLimit limit) : limit_(limit) {}

  //! Takes one token from `key`'s bucket at time `now`. Thread-safe.
  RateDecision take(std::string_view key, Clock::time_point now);

  //! Buckets currently held (for tests of the memory bound).
  std::size_t size_for_test() const;

 private:
  struct Bucket {
    double tokens;
    Clock::time_point updated;
  };
  struct Shard {
    mutable std::mutex mu;
    std::unordered_map<std::string, Bucket> buckets;
  };
  void evict(Shard& shard, Clock::time_point now);

  const RateLimit limit_;
  std::array<Shard, kRateLimitShards> shards_;
};

}  // namespace fg::api
