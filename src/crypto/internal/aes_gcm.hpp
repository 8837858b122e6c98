// Module-private AES-256-GCM with a caller-supplied nonce. Only aead.cpp (which draws a fresh random
// nonce for every message) and the known-answer tests call it: a reused nonce breaks GCM completely.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace fg::crypto::internal {

inline constexpr std::size_t kAesKeyBytes = 32;
inline constexpr std::size_t kGcmNonceBytes = 12;
inline constexpr std::size_t kGcmTagBytes = 16;

//! Returns ciphertext || tag. Aborts on a wrong key or nonce length (a bug).
std::vector<std::uint8_t> aes256gcm_encrypt(std::span<const std::uint8_t> key, std::span<const std::uint8_t> nonce,
                                            std::span<const std::uint8_t> aad, std::span<const std::uint8_t> plaintext);

//! Decrypts ciphertext || tag into the first sealed.size() - 16 bytes of `out` (which must be at
//! least that long). False, with those bytes wiped, when the tag does not verify. Aborts on a wrong key or nonce
//! length.
[[nodiscard]] bool aes256gcm_decrypt(std::span<const std::uint8_t> key, std::span<const std::uint8_t> nonce,
                                     std::span<const std::uint8_t> aad, std::span<const std::uint8_t> sealed,
                                     std::span<std::uint8_t> out);

}  // namespace fg::crypto::internal
