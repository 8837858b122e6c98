// TotpKey: the key that seals users' TOTP secrets at rest. The API tier must read TOTP secrets to
// check codes, so this is NOT the worker's private key: it is its own 32-byte file,
// DATA_DIR/keys/identity.key (0600, owned by the running user, no symlink), and the AES-256-GCM key is
// HKDF-SHA256(file, info "finguard totp v1"). Each sealed secret binds the user id as associated data,
// so a sealed secret copied onto another user's row does not open.
#pragma once

#include <span>
#include <string>

#include "core/result.hpp"
#include "crypto/encoding.hpp"
#include "crypto/secret_buffer.hpp"

namespace fg::identity {

inline constexpr std::size_t kIdentityKeyFileBytes = 32;

class TotpKey {
 public:
  //! Loads the key file, creating it (0600, in a 0700 directory) when it does not exist.
  //! invalid_argument for a file that is too open, a symlink or of the wrong size.
  static Result<TotpKey> load_or_create(const std::string& path);
  //! A random in-memory key (tests).
  static TotpKey random_for_test();

  //! Seals `secret` for `user_id`. Thread-safe.
  crypto::Bytes seal(const std::string& user_id, std::span<const std::uint8_t> secret) const;
  //! Opens a sealed secret of `user_id`; permission_denied when it was not sealed for that user
  //! under this key. Thread-safe.
  [[nodiscard]] Result<crypto::SecretBuffer> open(const std::string& user_id,
                                                  std::span<const std::uint8_t> sealed) const;

 private:
  explicit TotpKey(crypto::SecretBuffer key) : key_(std::move(key)) {}
  static Result<TotpKey> derive(std::span<const std::uint8_t> ikm);
  crypto::SecretBuffer key_;
};

//! The default key file of a data dir: DATA_DIR/keys/identity.key.
std::string default_identity_key_path(const std::string& data_dir);

}  // namespace fg::identity
