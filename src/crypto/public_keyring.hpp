// The on-disk keyring layout, public side: where the worker public keys and the active-key pointer
// live, and how the API tier loads the key it seals to.
//
//   DATA_DIR/keys/
//     active                the id of the key new secrets are sealed to (replaced atomically)
//     worker-<id>.pub       public key, base64url (mode 0644; not secret, but must not be writable
//                           by others, or they could make the API seal to their key)
//     worker-<id>.key       private key encrypted under the master key (0600; src/vault only)
//     master.key            the master key, unless FINGUARD_MASTER_KEY_FILE/FINGUARD_MASTER_KEY say otherwise
#pragma once

#include <string>

#include "core/result.hpp"
#include "crypto/public_key.hpp"

namespace fg::crypto {

//! DATA_DIR/keys.
std::string keys_dir_for(const std::string& data_dir);
std::string active_key_path(const std::string& keys_dir);
std::string public_key_path(const std::string& keys_dir, const KeyId& id);
std::string private_key_path(const std::string& keys_dir, const KeyId& id);

//! Reads worker-<id>.pub and checks that the key hashes to `id`. not_found when absent;
//! invalid_argument when malformed, mismatched, or writable by group or others.
Result<PublicKey> load_public_key(const std::string& keys_dir, const KeyId& id);

//! The id named by `active`. not_found before `finguard keys init`.
Result<KeyId> load_active_key_id(const std::string& keys_dir);

//! The public key new secrets are sealed to. Errors as above.
Result<PublicKey> load_active_public_key(const std::string& keys_dir);

}  // namespace fg::crypto
