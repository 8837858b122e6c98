// Byte encodings used by keys, tokens and wire formats: hex, base64, base64url (RFC 4648 section 5,
// unpadded, as JOSE uses it) and base32 (RFC 4648 section 6, as otpauth:// URIs use it).
//
// Decoders are strict: they refuse characters outside the alphabet, bad padding and non-canonical
// trailing bits, so one value has exactly one encoding (a token cannot be presented in two spellings).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace fg::crypto {

using Bytes = std::vector<std::uint8_t>;

//! Views text as bytes (no copy).
inline std::span<const std::uint8_t> as_bytes(std::string_view s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

//! Lower-case hex.
std::string hex_encode(std::span<const std::uint8_t> bytes);
//! Upper or lower case; invalid_argument on odd length or a non-hex character.
Result<Bytes> hex_decode(std::string_view text);

//! Standard alphabet with '=' padding.
std::string base64_encode(std::span<const std::uint8_t> bytes);
//! Standard alphabet, padding required; invalid_argument otherwise.
Result<Bytes> base64_decode(std::string_view text);

//! URL-safe alphabet, no padding.
std::string base64url_encode(std::span<const std::uint8_t> bytes);
//! URL-safe alphabet, no padding; invalid_argument otherwise.
Result<Bytes> base64url_decode(std::string_view text);

//! Upper-case RFC 4648 base32 without padding (what authenticator apps expect).
std::string base32_encode(std::span<const std::uint8_t> bytes);
//! Either case, optional '=' padding, no other characters; invalid_argument otherwise.
Result<Bytes> base32_decode(std::string_view text);

}  // namespace fg::crypto
