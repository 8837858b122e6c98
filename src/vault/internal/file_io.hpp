// Module-private file helpers for key material: create-only writes, atomic replacement, and reads
// straight into locked memory.
#pragma once

#include <sys/types.h>

#include <string>
#include <string_view>

#include <sodium.h>

#include "core/result.hpp"
#include "crypto/secret_buffer.hpp"

namespace fg::vault::internal {

//! Wipes a container's bytes (for the few transient copies that cannot live in a SecretBuffer).
template <typename Container>
void sodium_wipe(Container& c) {
  if (!c.empty()) sodium_memzero(c.data(), c.size() * sizeof(c[0]));
}

//! Creates `path` with `mode` and writes `content`, fsyncing file and directory. conflict when the
//! path exists (never overwrites, never follows a symlink). Creates a missing parent directory 0700.
Status write_new_file(const std::string& path, std::string_view content, mode_t mode);

//! Replaces `path` atomically (write a temporary, fsync, rename, fsync the directory).
Status replace_file_atomically(const std::string& path, std::string_view content, mode_t mode);

//! Reads a file of at most `max_bytes` into locked memory.
Result<crypto::SecretBuffer> read_secret_file(const std::string& path, std::size_t max_bytes);

}  // namespace fg::vault::internal
