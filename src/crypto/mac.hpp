// SHA-256 and HMAC-SHA256: token hashes, webhook signatures, CSRF tokens.
//
//   Digest tag = hmac_sha256(webhook_key.bytes(), body);
//   if (!verify_hmac_sha256(key.bytes(), body, presented)) return unauthenticated_error("bad signature");
#pragma once

#include <array>
#include <cstdint>
#include <span>

namespace fg::crypto {

inline constexpr std::size_t kDigestBytes = 32;
using Digest = std::array<std::uint8_t, kDigestBytes>;

//! SHA-256 of `data`. Thread-safe.
Digest sha256(std::span<const std::uint8_t> data);

//! HMAC-SHA256 (RFC 2104) of `data` under `key` (any length; RFC 4231). Thread-safe.
Digest hmac_sha256(std::span<const std::uint8_t> key, std::span<const std::uint8_t> data);

//! True when `tag` is the full 32-byte HMAC of `data`; compares in constant time. A shorter
//! (truncated) tag is refused rather than compared as a prefix.
[[nodiscard]] bool verify_hmac_sha256(std::span<const std::uint8_t> key, std::span<const std::uint8_t> data,
                                      std::span<const std::uint8_t> tag);

}  // namespace fg::crypto
