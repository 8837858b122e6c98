#include "crypto/password.hpp"

#include <algorithm>
#include <string>
#include <thread>

#include <sodium.h>

#include "crypto/internal/sodium_init.hpp"

namespace fg::crypto {

int default_hash_concurrency() {
  return static_cast<int>(std::clamp(std::thread::hardware_concurrency(), 1u, 4u));
}

PasswordHasher::PasswordHasher(PasswordHasherOptions options) : options_(options), limiter_(options.max_concurrent) {
  internal::ensure_sodium();
}

Result<std::string> PasswordHasher::hash(std::string_view password) const {
  if (password.empty()) return invalid_argument_error("password is empty", "password");
  if (password.size() > kMaxPasswordBytes) return invalid_argument_error("password is too long", "password");
  std::optional<ConcurrencyLimiter::Permit> permit = limiter_.acquire(options_.max_wait);
  if (!permit) return resource_exhausted_error("too many password hashes in progress; retry later");
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), options_.cost.ops_limit, options_.cost.mem_limit,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return internal_error("password hashing ran out of memory");
  }
  return std::string(out);
}

Result<PasswordVerdict> PasswordHasher::verify(std::string_view stored_hash, std::string_view password) const {
  // Only argon2id is accepted: a stored argon2i or foreign hash means the row was not written by us.
  if (stored_hash.rfind("$argon2id$", 0) != 0 || stored_hash.size() >= crypto_pwhash_STRBYTES) {
    return invalid_argument_error("stored password hash is not an argon2id PHC string", "password_hash");
  }
  if (password.empty() || password.size() > kMaxPasswordBytes) return PasswordVerdict{};
  std::optional<ConcurrencyLimiter::Permit> permit = limiter_.acquire(options_.max_wait);
  if (!permit) return resource_exhausted_error("too many password hashes in progress; retry later");
  const std::string stored(stored_hash);  // libsodium wants a NUL-terminated string
  PasswordVerdict v;
  v.match = crypto_pwhash_str_verify(stored.c_str(), password.data(), password.size()) == 0;
  if (v.match) {
    v.needs_rehash =
        crypto_pwhash_str_needs_rehash(stored.c_str(), options_.cost.ops_limit, options_.cost.mem_limit) != 0;
  }
  return v;
}

PasswordHasher& default_password_hasher() {
  static PasswordHasher hasher;
  return hasher;
}

}  // namespace fg::crypto
