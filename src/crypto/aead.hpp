// Authenticated symmetric encryption (AES-256-GCM) with a nonce the caller never sees or chooses.
//
// The sealed form is nonce (12 bytes, fresh from the CSPRNG per call) || ciphertext || tag (16 bytes).
// Random 96-bit nonces are safe for well under 2^32 messages per key; every data key here encrypts
// exactly one message, and the master key a handful of private keys.
//
//   Bytes box = aead_seal(key, aad, plaintext);
//   Result<SecretBuffer> back = aead_open(key, aad, box);
#pragma once

#include <cstdint>
#include <span>

#include "core/result.hpp"
#include "crypto/encoding.hpp"
#include "crypto/secret_buffer.hpp"

namespace fg::crypto {

inline constexpr std::size_t kAeadKeyBytes = 32;
inline constexpr std::size_t kAeadNonceBytes = 12;
inline constexpr std::size_t kAeadTagBytes = 16;
inline constexpr std::size_t kAeadOverhead = kAeadNonceBytes + kAeadTagBytes;

//! A fresh random key.
SecretBuffer aead_keygen();

//! Encrypts and authenticates `plaintext`, binding `aad` (authenticated, not encrypted).
//! Aborts if `key` is not kAeadKeyBytes long (a bug). Thread-safe.
Bytes aead_seal(const SecretBuffer& key, std::span<const std::uint8_t> aad, std::span<const std::uint8_t> plaintext);

//! The plaintext in locked memory. invalid_argument when `sealed` is too short to be a box;
//! permission_denied when the key, the aad or any byte of the box is wrong (no partial output).
[[nodiscard]] Result<SecretBuffer> aead_open(const SecretBuffer& key, std::span<const std::uint8_t> aad,
                                             std::span<const std::uint8_t> sealed);

}  // namespace fg::crypto
