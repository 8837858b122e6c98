// HKDF-SHA256 (RFC 5869): derives independent keys from one secret, e.g. a CSRF key and a webhook
// key from the server secret, each with its own `info` label.
//
//   Result<SecretBuffer> k = hkdf_sha256(root.bytes(), salt, as_bytes("finguard csrf v1"), 32);
#pragma once

#include <cstdint>
#include <span>

#include "core/result.hpp"
#include "crypto/secret_buffer.hpp"

namespace fg::crypto {

//! The largest output HKDF-SHA256 can produce (255 blocks of 32 bytes).
inline constexpr std::size_t kHkdfMaxOutput = 255 * 32;

//! Extract-then-expand. An empty salt means a string of zeros (RFC 5869 section 2.2).
//! invalid_argument when `length` is 0 or above kHkdfMaxOutput. Thread-safe.
Result<SecretBuffer> hkdf_sha256(std::span<const std::uint8_t> ikm, std::span<const std::uint8_t> salt,
                                 std::span<const std::uint8_t> info, std::size_t length);

}  // namespace fg::crypto
