// UsageWriteThrottle: when this process last wrote a credential's usage timestamp (an API key's
// last_used_at), so a key used in a loop costs one write transaction per interval instead of one per
// request. On SQLite every such write takes the database's single write lock, so per-request writes
// serialize all authenticated reads behind each other.
//
// In memory, per process: each process writes at most once per interval per key, so last_used_at is
// accurate to the interval (IdentitySettings::last_seen_write_seconds, 60 s by default). It never
// affects whether a key is accepted: every request still reads the key's row.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

#include "core/time.hpp"

namespace fg::identity::internal {

class UsageWriteThrottle {
 public:
  explicit UsageWriteThrottle(std::int64_t interval_seconds) : interval_micros_(interval_seconds * 1000000) {}

  //! True when `key` has not been written within the interval before `now` (and records `now` as its
  //! last write); false when the write can be skipped. Thread-safe.
  bool should_write(const std::string& key, Timestamp now);

 private:
  const std::int64_t interval_micros_;
  std::mutex mu_;
  std::unordered_map<std::string, std::int64_t> last_write_;  // key -> micros of the last write
};

}  // namespace fg::identity::internal
