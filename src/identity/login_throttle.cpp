#include "identity/login_throttle.hpp"

#include "core/ip_rate_key.hpp"

namespace fg::identity {
namespace {
constexpr std::int64_t kWindowMicros = 60LL * 1000000;
// Bounds the table under a spray of distinct IPs: stale keys are dropped when it grows past this.
constexpr std::size_t kMaxKeys = 100000;

// Keys are prefixed by kind; the separator cannot occur in an email or an IP key.
std::string client_key(const std::string& client) {
  return "ip:" + client;
}
std::string pair_key(const std::string& account, const std::string& client) {
  return "pair:" + account + "\n" + client;
}
std::string account_key(const std::string& account) {
  return "account:" + account;
}

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

LoginThrottleVerdict LoginThrottle::check(const std::string& ip, const std::string& account) const {
  const std::string client = ip_rate_key(ip);
  std::lock_guard<std::mutex> lock(mu_);
  const Timestamp now = clock_.now();
  LoginThrottleVerdict v;
  v.client = over(client_key(client), max_per_ip_, now);
  v.account_client = over(pair_key(account, client), max_per_account_, now);
  v.account_ceiling = over(account_key(account), account_ceiling_, now);
  return v;
}

void LoginThrottle::record_failure(const std::string& ip, const std::string& account) {
  const std::string client = ip_rate_key(ip);
  std::lock_guard<std::mutex> lock(mu_);
  const Timestamp now = clock_.now();
  if (failures_.size() > kMaxKeys) {
    for (auto it = failures_.begin(); it != failures_.end();) {
      prune(it->second, now);
      it = it->second.empty() ? failures_.erase(it) : std::next(it);
    }
  }
  failures_[client_key(client)].push_back(now);
  failures_[pair_key(account, client)].push_back(now);
  std::deque<Timestamp>& all = failures_[account_key(account)];
  all.push_back(now);
  // Only the ceiling is ever asked of this key: older entries beyond it say nothing more.
  while (static_cast<int>(all.size()) > account_ceiling_) all.pop_front();
}

}  // namespace fg::identity
