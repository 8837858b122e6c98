// Vault: the only place a sealed secret is opened. It holds every worker private key of the keyring
// (decrypted under the master key, in locked memory) and is used by the worker for the duration of a
// job and by the re-wrap job after a rotation. The API tier never links or includes it.
//
//   FG_ASSIGN_OR_RETURN(Vault vault, Vault::load(keys_dir, master_key_source(config)));
//   FG_ASSIGN_OR_RETURN(crypto::SecretBuffer cred, vault.open_secret(ctx, row.sealed));
#pragma once

#include <map>
#include <span>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "crypto/encoding.hpp"
#include "crypto/sealed_secret.hpp"
#include "crypto/secret_buffer.hpp"
#include "vault/key_pair.hpp"
#include "vault/master_key.hpp"

namespace fg::vault {

class Vault {
 public:
  //! Loads the master key, then every private key in `keys_dir`. Fails closed: errors of
  //! load_master_key, not_found without a keyring or without the active private key, and
  //! permission_denied when the master key does not open a private key.
  static Result<Vault> load(const std::string& keys_dir, const MasterKeySource& master);
  static Result<Vault> load(const std::string& keys_dir, const crypto::SecretBuffer& master_key);

  //! The plaintext, in locked memory. invalid_argument for a malformed blob; not_found when its key
  //! is not in the keyring (retired or foreign); permission_denied when it does not open in `context`
  //! (another org, connection or version) or any byte was altered. No partial output. Thread-safe.
  [[nodiscard]] Result<crypto::SecretBuffer> open_secret(const crypto::SecretContext& context,
                                                         std::span<const std::uint8_t> sealed) const;

  //! The same secret sealed to the active key with a fresh data key (the re-wrap step of rotation).
  //! A blob already sealed to the active key is returned unchanged. Errors as open_secret.
  Result<crypto::Bytes> reseal(const crypto::SecretContext& context, std::span<const std::uint8_t> sealed) const;

  const crypto::PublicKey& active_public_key() const;
  //! Ids of every private key held.
  std::vector<crypto::KeyId> key_ids() const;

 private:
  Vault(std::map<crypto::KeyId, KeyPair> keys, crypto::KeyId active) : keys_(std::move(keys)), active_(active) {}
  std::map<crypto::KeyId, KeyPair> keys_;
  crypto::KeyId active_;
};

}  // namespace fg::vault
