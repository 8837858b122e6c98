// LoginThrottle: counts FAILED login attempts in a sliding minute under three keys (CORRECTIONS.md:
// 5 per minute by default; settings rate_limit_login_failures_per_ip_per_minute and
// _per_account_per_minute):
//   * the client: ip_rate_key(ip), an IPv4 address or an IPv6 /64 (core/ip_rate_key.hpp): max_per_ip;
//   * the account from that client: (account, client key): max_per_account;
//   * the account from anywhere: kAccountCeilingFactor x max_per_account (100 by default).
// Why per (account, client) and not per account: with an account-wide limit anyone could lock the
// real user out by failing five times a minute from elsewhere (issue 20). The account-wide ceiling
// still caps a guessing campaign spread over many clients; past it Authenticator::login lets in only
// a correct password with a valid second factor, so the ceiling can hold off only a user without
// MFA, and only from an attacker failing 100 times a minute from 20 or more clients.
// Successful logins are not counted here; they draw only from the API's general per-IP bucket. In
// memory, per process: a multi-process deployment gets one budget per process, which the per-IP limit
// at the proxy or the API still caps.
#pragma once

#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

#include "core/time.hpp"

namespace fg::identity {

//! The account-wide ceiling as a multiple of the per-(account, client) maximum.
inline constexpr int kAccountCeilingFactor = 20;

//! Which of the three limits an attempt is over.
struct LoginThrottleVerdict {
  bool client = false;           //!< the client key has max_per_ip failures
  bool account_client = false;   //!< this account from this client has max_per_account failures
  bool account_ceiling = false;  //!< this account from anywhere has the ceiling's failures

  //! Refuse before checking anything (the client or the (account, client) pair is over).
  bool refuse_now() const { return client || account_client; }
  //! Any limit is over: a caller without a second factor to check refuses.
  bool any() const { return client || account_client || account_ceiling; }
};

class LoginThrottle {
 public:
  //! Both maxima are at least 1 (the rate_limit_login_failures_* settings are validated).
  LoginThrottle(const Clock& clock, int max_per_ip, int max_per_account)
      : clock_(clock),
        max_per_ip_(max_per_ip),
        max_per_account_(max_per_account),
        account_ceiling_(max_per_account * kAccountCeilingFactor) {}

  //! Which limits `ip` and `account` are over within the last 60 s. Thread-safe.
  LoginThrottleVerdict check(const std::string& ip, const std::string& account) const;
  //! True when any limit is over (check().any()): for flows with no second factor. Thread-safe.
  bool blocked(const std::string& ip, const std::string& account) const { return check(ip, account).any(); }
  //! Records one failure under all three keys. Thread-safe.
  void record_failure(const std::string& ip, const std::string& account);

 private:
  bool over(const std::string& key, int max, Timestamp now) const;
  void prune(std::deque<Timestamp>& q, Timestamp now) const;

  const Clock& clock_;
  const int max_per_ip_;
  const int max_per_account_;
  const int account_ceiling_;
  mutable std::mutex mu_;
  mutable std::unordered_map<std::string, std::deque<Timestamp>> failures_;
};

}  // namespace fg::identity
