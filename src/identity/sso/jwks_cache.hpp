// JwksCache: an identity provider's signing keys (its JWKS document), fetched through net::HttpClient
// by a background refresher and kept in memory, and the token verification that uses them.
//
// verify() never waits for the provider: it runs on the API's I/O threads, and a slow provider once
// stalled every request behind a fetch made under the cache's mutex (issue 20). The refresher thread
// owned by the cache does every fetch:
//   * the first at construction (prefetch), then again kJwksRefreshLead before the keys reach
//     kJwksMaxAge, so a healthy provider never lets them go stale;
//   * early when a token names a kid the cached set lacks (the provider rotated its keys), at most
//     once per kJwksMinRefresh since the last attempt, so a stream of forged kids cannot turn
//     finguard into a request amplifier against the provider;
//   * after a failure, kJwksRetryInitial later, doubling up to kJwksRetryMax; a success resets it.
// Keys past kJwksMaxAge (refreshes keep failing) are still served for kJwksGrace; after that, and
// while no key set has ever been fetched, verify() answers unavailable (HTTP 503).
// Algorithms are an allowlist on top of the key pinning of crypto/jwk.hpp: RS256, ES256 and PS256
// only ("none" and HS* never reach a key).
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

#include "core/time.hpp"
#include "crypto/jwt.hpp"
#include "net/http_client.hpp"

namespace fg::identity {

inline constexpr std::chrono::seconds kJwksMaxAge{3600};
//! How long before kJwksMaxAge the refresher fetches again: a few failed attempts fit in it.
inline constexpr std::chrono::seconds kJwksRefreshLead{300};
inline constexpr std::chrono::seconds kJwksMinRefresh{30};
//! How long keys past kJwksMaxAge are still trusted while the provider cannot be reached. It covers
//! a provider or network incident of a few hours without signing everyone out, and bounds how long a
//! key the provider has withdrawn (compromised) keeps working when we cannot learn of it: at most
//! kJwksMaxAge + kJwksGrace after the last successful fetch.
inline constexpr std::chrono::seconds kJwksGrace{4 * 3600};
inline constexpr std::chrono::seconds kJwksRetryInitial{30};
inline constexpr std::chrono::seconds kJwksRetryMax{900};
//! How long verify() may wait for the very first fetch (see verify()). Far below the HTTP client's
//! timeout: only the first seconds of a process's life can ever wait, and never for longer.
inline constexpr std::chrono::milliseconds kJwksFirstFetchWait{2000};

//! The delay before the next attempt after `failures` (>= 1) consecutive failed fetches.
std::chrono::seconds jwks_retry_delay(int failures);

class JwksCache {
 public:
  //! Starts the refresher, which fetches the keys at once. `client` and `clock` must outlive the
  //! cache; the clock may be a test clock moved from another thread if it is thread-safe.
  JwksCache(const net::HttpClient& client, const Clock& clock, std::string jwks_uri);
  //! Stops and joins the refresher; a fetch in flight ends within the client's timeout.
  ~JwksCache();
  JwksCache(const JwksCache&) = delete;
  JwksCache& operator=(const JwksCache&) = delete;

  //! Verifies `token`'s header alg against the allowlist, its signature against the provider's keys
  //! and its claims against `policy`. unauthenticated for a bad token; unavailable when no usable key
  //! set is cached (none fetched yet, or older than kJwksMaxAge + kJwksGrace) and when the token names
  //! an unknown kid while a refetch that may bring it is under way (the client retries). Never
  //! performs I/O; waits at most kJwksFirstFetchWait, and only before the first fetch completed.
  //! Thread-safe.
  Result<crypto::VerifiedJwt> verify(std::string_view token, const crypto::JwtPolicy& policy);

  //! Wakes the refresher and returns once it has acted on the clock's current time (fetched if a
  //! fetch was due) and is idle, or false after `deadline`. Tests with a manual clock use it after
  //! moving the clock.
  bool settle_for_test(std::chrono::milliseconds deadline);

 private:
  void run(std::stop_token stop);
  //! One fetch and parse, without the lock.
  Result<crypto::Jwks> fetch() const;
  //! Records an attempt's outcome and schedules the next one; caller holds mu_.
  void record_locked(Result<crypto::Jwks> set, Timestamp attempted_at);
  //! Asks the refresher to re-read the schedule; caller holds mu_.
  void wake_locked();

  const net::HttpClient& client_;
  const Clock& clock_;
  const std::string uri_;

  // Guarded by mu_. The refresher sleeps on wake_ (until next_due_, a wake or stop); verify() and
  // tests wait on changed_ for the outcome of an attempt.
  std::mutex mu_;
  std::condition_variable_any wake_;
  std::condition_variable changed_;
  std::shared_ptr<const crypto::Jwks> keys_;
  Timestamp fetched_at_{};    // of keys_
  Timestamp last_attempt_{};  // start of the last fetch, successful or not
  Timestamp next_due_{};      // when the refresher fetches next
  int failures_ = 0;          // consecutive failed attempts
  bool attempted_ = false;    // an attempt has completed
  bool in_flight_ = false;    // the refresher is fetching
  std::uint64_t wakes_ = 0;   // wake_locked() calls
  std::uint64_t seen_ = 0;    // wakes_ when the refresher last went idle
  std::jthread refresher_;    // last: starts after, and stops before, the state above
};

//! The "alg" of a compact JWT's header, or empty when the header cannot be read.
std::string jwt_header_alg(std::string_view token);

}  // namespace fg::identity
