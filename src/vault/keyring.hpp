// The keyring on disk: creating, rotating, listing and retiring worker keypairs (layout in
// crypto/public_keyring.hpp).
//
// Rotation creates a new keypair and then switches the `active` pointer with one atomic rename, so
// a reader sees either the old or the new key, never a half-written one. Old private keys stay, so
// every existing sealed secret still opens; the re-wrap job (src/worker) reseals them to the new key,
// and a key is deleted only by retire_key once its usage count is zero.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "crypto/public_key.hpp"
#include "crypto/secret_buffer.hpp"
#include "vault/master_key.hpp"

namespace fg::vault {

struct KeyInfo {
  crypto::KeyId id;
  bool active = false;
  bool has_private_key = false;  //!< false after retirement
};

//! Counts the stored secrets still sealed to a key (supplied by the metadata store).
using KeyUsageCounter = std::function<Result<std::uint64_t>(const crypto::KeyId&)>;

//! First-time set-up: creates the master key file (unless the key comes from FINGUARD_MASTER_KEY or
//! the file already exists and loads cleanly) and the first keypair. conflict when a keyring already
//! exists (never overwrites); errors of load_master_key otherwise.
Result<crypto::KeyId> init_keyring(const std::string& keys_dir, const MasterKeySource& master);

//! Creates a new keypair and makes it active. Checks first that `master_key` opens the current active
//! key (a wrong master key would create a key the worker cannot use). Returns the new id.
Result<crypto::KeyId> rotate_keyring(const std::string& keys_dir, const crypto::SecretBuffer& master_key);

//! Every key in the directory, oldest id order not guaranteed; the active one flagged.
Result<std::vector<KeyInfo>> list_keys(const std::string& keys_dir);

//! Deletes a non-active private key once `usage` reports zero secrets sealed to it. conflict for the
//! active key or a key still in use; not_found for an unknown key.
Status retire_key(const std::string& keys_dir, const crypto::KeyId& id, const KeyUsageCounter& usage);

}  // namespace fg::vault
