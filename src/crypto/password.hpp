// Password hashing with argon2id (libsodium crypto_pwhash_str), behind a process-wide cap on
// concurrent hashes.
//
// Each hash costs 32 MiB and tens of milliseconds of one core, so an unbounded login flood would
// exhaust memory and CPU. The hasher admits at most `max_concurrent` hashes; a caller that cannot get
// a slot within `max_wait` gets resource_exhausted (the API answers 429). Parameters are stored in the
// PHC string ($argon2id$v=19$m=...,t=...,p=...), so they can be raised later: verify reports
// needs_rehash for an older hash and identity re-hashes it on the successful login.
//
//   Result<std::string> h = default_password_hasher().hash(password);
//   Result<PasswordVerdict> v = default_password_hasher().verify(stored, password);
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "crypto/concurrency_limiter.hpp"

namespace fg::crypto {

//! argon2id cost. The defaults (t=2, m=32 MiB, p=1) took ~90-100 ms per hash on the 2-core reference
//! machine under load (docs/SECURITY.md has the measurement); raise them here and old hashes are
//! upgraded on the next login.
struct PasswordCost {
  std::uint64_t ops_limit = 2;                  //!< passes (t)
  std::size_t mem_limit = 32ull * 1024 * 1024;  //!< bytes (m)
};

//! One hash per core, at most 4 (4 x 32 MiB of memory at peak).
int default_hash_concurrency();

struct PasswordHasherOptions {
  PasswordCost cost;
  int max_concurrent = default_hash_concurrency();  //!< hashes in flight per process
  std::chrono::milliseconds max_wait{2000};
};

//! Passwords longer than this are refused, so one request cannot make the hasher read megabytes.
inline constexpr std::size_t kMaxPasswordBytes = 1024;

struct PasswordVerdict {
  bool match = false;
  bool needs_rehash = false;  //!< match, but the stored hash uses other parameters than the current cost
};

class PasswordHasher {
 public:
  explicit PasswordHasher(PasswordHasherOptions options = {});

  //! A PHC string with a fresh random salt. invalid_argument for an empty or over-long password;
  //! resource_exhausted when no slot frees within max_wait; internal if argon2 cannot allocate.
  //! Thread-safe.
  Result<std::string> hash(std::string_view password) const;

  //! Checks `password` against a stored PHC string in constant time. A wrong password is a verdict
  //! (match == false), not an error. invalid_argument for a stored string that is not argon2id;
  //! resource_exhausted as for hash(). Thread-safe.
  [[nodiscard]] Result<PasswordVerdict> verify(std::string_view stored_hash, std::string_view password) const;

  const PasswordCost& cost() const { return options_.cost; }
  ConcurrencyLimiter& limiter() const { return limiter_; }

 private:
  PasswordHasherOptions options_;
  mutable ConcurrencyLimiter limiter_;
};

//! The process-wide hasher (default options): use it so the cap is really process-wide.
PasswordHasher& default_password_hasher();

}  // namespace fg::crypto
