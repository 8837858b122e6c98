#include "identity/internal/usage_write_throttle.hpp"

namespace fg::identity::internal {
namespace {
// Bounds the table under many distinct keys; forgetting a key only costs one extra write.
constexpr std::size_t kMaxKeys = 100000;
}  // namespace

bool UsageWriteThrottle::should_write(const std::string& key, Timestamp now) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = last_write_.find(key);
  if (it != last_write_.end() && now.micros - it->second < interval_micros_ && now.micros >= it->second) {
    return false;
  }
  if (it == last_write_.end() && last_write_.size() >= kMaxKeys) last_write_.clear();
  last_write_[key] = now.micros;
  return true;
}

}  // namespace fg::identity::internal
