// LoginThrottle: counts FAILED login attempts per client IP and per account in a sliding minute
// (CORRECTIONS.md: 5 per minute each, configurable). Successful logins are not counted here; they draw
// only from the API's general per-IP bucket. In memory, per process: a multi-process deployment gets
// one budget per process, which the per-IP limit at the proxy or the API still caps.
#pragma once

#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

#include "core/time.hpp"

namespace fg::identity {

class LoginThrottle {
 public:
  LoginThrottle(const Clock& clock, int max_failures_per_minute) : clock_(clock), max_(max_failures_per_minute) {}

  //! True when `ip` or `account` already has max failures within the last 60 s. Thread-safe.
  bool blocked(const std::string& ip, const std::string& account) const;
  //! Records one failure for both keys. Thread-safe.
  void record_failure(const std::string& ip, const std::string& account);

 private:
  bool over(const std::string& key, Timestamp now) const;
  void prune(std::deque<Timestamp>& q, Timestamp now) const;

  const Clock& clock_;
  const int max_;
  mutable std::mutex mu_;
  mutable std::unordered_map<std::string, std::deque<Timestamp>> failures_;
};

}  // namespace fg::identity
