#include "identity/login_throttle.hpp"

namespace fg::identity {
namespace {
constexpr std::int64_t kWindowMicros = 60LL * 1000000;
// Bounds the table under a spray of distinct IPs: stale keys are dropped when it grows past this.
constexpr std::size_t kMaxKeys = 100000;
}  // namespace

void LoginThrottle::prune(std::deque<Timestamp>& q, Timestamp now) const {
  while (!q.empty() && q.front().micros <= now.micros - kWindowMicros) q.pop_front();
}

bool LoginThrottle::over(const std::string& key, int max, Timestamp now) const {
  auto it = failures_.find(key);
  if (it == failures_.end()) return false;
  prune(it->second, now);
  return static_cast<int>(it->second.size()) >= max;
}

bool LoginThrottle::blocked(const std::string& ip, const std::string& account) const {
  std::lock_guard<std::mutex> lock(mu_);
  const Timestamp now = clock_.now();
  return over("ip:" + ip, max_per_ip_, now) || over("account:" + account, max_per_account_, now);
}

void LoginThrottle::record_failure(const std::string& ip, const std::string& account) {
  std::lock_guard<std::mutex> lock(mu_);
  const Timestamp now = clock_.now();
  if (failures_.size() > kMaxKeys) {
    for (auto it = failures_.begin(); it != failures_.end();) {
      prune(it->second, now);
      it = it->second.empty() ? failures_.erase(it) : std::next(it);
    }
  }
  failures_["ip:" + ip].push_back(now);
  failures_["account:" + account].push_back(now);
}

}  // namespace fg::identity
