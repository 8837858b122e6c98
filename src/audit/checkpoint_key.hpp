// The checkpoint signing key: 32 random bytes in DATA_DIR/keys/audit-checkpoint.key (0600, refused if
// wider, a symlink or someone else's), made on first use. It signs checkpoints and never leaves the
// machine; shipping a checkpoint elsewhere ships only the signature.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace fg::audit {

//! DATA_DIR/keys/audit-checkpoint.key.
std::string checkpoint_key_path(const std::string& data_dir);

//! The key, created (0600 in a 0700 directory) when absent. internal on a write failure;
//! invalid_argument / permission_denied for a file of the wrong size or with loose permissions.
Result<std::vector<std::uint8_t>> load_or_create_checkpoint_key(const std::string& data_dir);

}  // namespace fg::audit
