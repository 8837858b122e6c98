// Randomness and comparison for secrets: the CSPRNG, opaque random tokens, constant-time equality.
//
//   std::string session = random_token();              // 256 bits, base64url, 43 characters
//   if (!equal_constant_time(stored_hash, presented_hash)) return unauthenticated_error(...);
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace fg::crypto {

//! Bytes of a random token (256 bits).
inline constexpr std::size_t kTokenBytes = 32;

//! Fills `out` from the kernel CSPRNG (libsodium randombytes). Never fails. Thread-safe.
void random_bytes(std::span<std::uint8_t> out);
//! `n` random bytes.
std::vector<std::uint8_t> random_bytes(std::size_t n);
//! A fresh 256-bit token as unpadded base64url (43 characters). Thread-safe.
std::string random_token();

//! True when the contents are equal, in time that depends only on the lengths (lengths are not
//! secret: every token and hash of one kind has the same length).
[[nodiscard]] bool equal_constant_time(std::span<const std::uint8_t> a, std::span<const std::uint8_t> b);
[[nodiscard]] bool equal_constant_time(std::string_view a, std::string_view b);

}  // namespace fg::crypto
