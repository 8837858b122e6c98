#include "api/ratelimit/token_bucket_table.hpp"

#include <algorithm>
#include <cmath>
#include <functional>

namespace fg::api {
namespace {

double refill(double tokens, double per_second, double burst, std::chrono::steady_clock::duration elapsed) {
  const double seconds = std::chrono::duration<double>(elapsed).count();
  return std::min(burst, tokens + std::max(0.0, seconds) * per_second);
}

}  // namespace

RateDecision TokenBucketTable::take(std::string_view key, Clock::time_point now) {
  const double per_second = limit_.per_minute / 60.0;
  Shard& shard = shards_[std::hash<std::string_view>()(key) % kRateLimitShards];
  std::lock_guard lock(shard.mu);
  auto it = shard.buckets.find(std::string(key));
  if (it == shard.buckets.end()) {
    if (shard.buckets.size() >= kMaxKeysPerShard) evict(shard, now);
    it = shard.buckets.emplace(std::string(key), Bucket{limit_.burst, now}).first;
  }
  Bucket& b = it->second;
  b.tokens = refill(b.tokens, per_second, limit_.burst, now - b.updated);
  b.updated = now;
  if (b.tokens >= 1.0) {
    b.tokens -= 1.0;
    return {true, 0};
  }
  const double wait = per_second > 0 ? (1.0 - b.tokens) / per_second : 3600.0;
  return {false, std::max<std::int64_t>(1, static_cast<std::int64_t>(std::ceil(wait)))};
}

void TokenBucketTable::evict(Shard& shard, Clock::time_point now) {
  const double per_second = limit_.per_minute / 60.0;
  // A bucket that has refilled is the same as no bucket: dropping it forgets nothing.
  for (auto it = shard.buckets.begin(); it != shard.buckets.end();) {
    if (refill(it->second.tokens, per_second, limit_.burst, now - it->second.updated) >= limit_.burst) {
      it = shard.buckets.erase(it);
    } else {
      ++it;
    }
  }
  // Still nearly full: drop an arbitrary eighth. Those keys start afresh, the price of a memory bound;
  // taking a batch keeps the cost amortized O(1) per insert instead of a scan per insert under a flood.
  const std::size_t keep = kMaxKeysPerShard - kMaxKeysPerShard / 8;
  for (auto it = shard.buckets.begin(); it != shard.buckets.end() && shard.buckets.size() > keep;) {
    it = shard.buckets.erase(it);
  }
}

std::size_t TokenBucketTable::size_for_test() const {
  std::size_t n = 0;
  for (const Shard& s : shards_) {
    std::lock_guard lock(s.mu);
    n += s.buckets.size();
  }
  return n;
}

}  // namespace fg::api
