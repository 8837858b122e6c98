// LoginThrottle: counts FAILED login attempts per client IP and per account in a sliding minute
// (CORRECTIONS.md: 5 per minute each by default; settings rate_limit_login_failures_per_ip_per_minute
// and _per_account_per_minute). Successful logins are not counted here; they draw only from the API's
// general per-IP bucket. In memory, per process: a multi-process deployment gets one budget per
// process, which the per-IP limit at the proxy or the API still caps.
#pragma once

#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

#include "core/time.hpp"

namespace fg::identity {

class LoginThrottle {
 public:
  //! Both maxima are at least 1 (the rate_limit_login_failures_* settings are validated).
  LoginThrottle(const Clock& clock, int max_per_ip, int max_per_account)
      : clock_(clock), max_per_ip_(max_per_ip), max_per_account_(max_per_account) {}

  //! True when `ip` or `account` already has its maximum of failures within the last 60 s. Thread-safe.
  bool blocked(const std::string& ip, const std::string& account) const;
  //! Records one failure for both keys. Thread-safe.
  void record_failure(const std::string& ip, const std::string& account);

 private:
  bool over(const std::string& key, int max, Timestamp now) const;
  void prune(std::deque<Timestamp>& q, Timestamp now) const;

  const Clock& clock_;
  const int max_per_ip_;
  const int max_per_account_;
  mutable std::mutex mu_;
  mutable std::unordered_map<std::string, std::deque<Timestamp>> failures_;
};

}  // namespace fg::identity
