// The master key: the root of the key hierarchy. It encrypts the worker private keys at rest and
// nothing else. It comes from FINGUARD_MASTER_KEY (base64, environment only) or from a key file
// (FINGUARD_MASTER_KEY_FILE, default DATA_DIR/keys/master.key), never from the config file or the
// database. Loading fails closed: a missing key, a key file others can read, or a known/default key
// refuses start-up.
#pragma once

#include <optional>
#include <span>
#include <string>

#include "core/config.hpp"
#include "core/result.hpp"
#include "crypto/secret_buffer.hpp"

namespace fg::vault {

inline constexpr std::size_t kMasterKeyBytes = 32;

//! Where the master key comes from. env_value wins when set.
struct MasterKeySource {
  std::optional<std::string> env_value;  //!< FINGUARD_MASTER_KEY's value
  std::string file_path;                 //!< the key file otherwise
};

//! The source described by `config`, reading FINGUARD_MASTER_KEY from the process environment.
MasterKeySource master_key_source(const Config& config);

//! Loads and checks the key. unavailable when it is missing (names the setting and says how to
//! create it); invalid_argument for a key file that is a symlink, not owned by us, or has any group
//! or other permission bit, for text that is not base64 of 32 bytes, and for a known/default key.
Result<crypto::SecretBuffer> load_master_key(const MasterKeySource& source);

//! True for keys nobody should use: all bytes equal, a counting sequence, all printable ASCII (a
//! password pasted as a key), or too few distinct byte values for 32 random bytes.
bool is_weak_master_key(std::span<const std::uint8_t> key);

//! Creates `path` with a fresh key (base64 + newline), mode 0600, failing with conflict if the file
//! exists (never overwrites). The parent directory is created 0700 if missing.
Status create_master_key_file(const std::string& path);

}  // namespace fg::vault
