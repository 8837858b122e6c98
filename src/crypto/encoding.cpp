#include "crypto/encoding.hpp"

#include <array>

#include <sodium.h>

#include "crypto/internal/sodium_init.hpp"

namespace fg::crypto {
namespace {

constexpr char kBase32Alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

Result<Bytes> sodium_base64_decode(std::string_view text, int variant, const char* what) {
  internal::ensure_sodium();
  Bytes out(text.size() / 4 * 3 + 3);
  std::size_t len = 0;
  const char* end = nullptr;
  // sodium_base642bin rejects non-canonical trailing bits, and refuses anything past the last valid
  // character when ignore is null.
  if (sodium_base642bin(out.data(), out.size(), text.data(), text.size(), nullptr, &len, &end, variant) != 0 ||
      end != text.data() + text.size()) {
    return invalid_argument_error(std::string("not valid ") + what);
  }
  out.resize(len);
  return out;
}

std::string sodium_base64_encode(std::span<const std::uint8_t> bytes, int variant) {
  internal::ensure_sodium();
  std::string out(sodium_base64_encoded_len(bytes.size(), variant), '\0');
  sodium_bin2base64(out.data(), out.size(), bytes.data(), bytes.size(), variant);
  out.resize(out.size() - 1);  // the terminating NUL sodium writes
  return out;
}

int base32_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a';
  if (c >= '2' && c <= '7') return c - '2' + 26;
  return -1;
}

}  // namespace

std::string hex_encode(std::span<const std::uint8_t> bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (std::uint8_t b : bytes) {
    out.push_back(kDigits[b >> 4]);
    out.push_back(kDigits[b & 0xF]);
  }
  return out;
}

Result<Bytes> hex_decode(std::string_view text) {
  if (text.size() % 2 != 0) return invalid_argument_error("hex text has an odd length");
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  Bytes out(text.size() / 2);
  for (std::size_t i = 0; i < out.size(); ++i) {
    int hi = nibble(text[2 * i]);
    int lo = nibble(text[2 * i + 1]);
    if (hi < 0 || lo < 0) return invalid_argument_error("hex text has a non-hex character");
    out[i] = static_cast<std::uint8_t>(hi << 4 | lo);
  }
  return out;
}

std::string base64_encode(std::span<const std::uint8_t> bytes) {
  return sodium_base64_encode(bytes, sodium_base64_VARIANT_ORIGINAL);
}
Result<Bytes> base64_decode(std::string_view text) {
  return sodium_base64_decode(text, sodium_base64_VARIANT_ORIGINAL, "base64");
}
std::string base64url_encode(std::span<const std::uint8_t> bytes) {
  return sodium_base64_encode(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}
Result<Bytes> base64url_decode(std::string_view text) {
  return sodium_base64_decode(text, sodium_base64_VARIANT_URLSAFE_NO_PADDING, "base64url");
}

std::string base32_encode(std::span<const std::uint8_t> bytes) {
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (std::uint8_t b : bytes) {
    buffer = (buffer << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out.push_back(kBase32Alphabet[(buffer >> (bits - 5)) & 31]);
      bits -= 5;
    }
  }
  if (bits > 0) out.push_back(kBase32Alphabet[(buffer << (5 - bits)) & 31]);
  return out;
}

Result<Bytes> base32_decode(std::string_view text) {
  while (!text.empty() && text.back() == '=') text.remove_suffix(1);
  // A length of 1, 3 or 6 (mod 8) characters cannot come from whole bytes.
  std::size_t rem = text.size() % 8;
  if (rem == 1 || rem == 3 || rem == 6) return invalid_argument_error("base32 text has an impossible length");
  Bytes out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (char c : text) {
    int v = base32_value(c);
    if (v < 0) return invalid_argument_error("base32 text has a character outside the alphabet");
    buffer = (buffer << 5) | static_cast<std::uint32_t>(v);
    bits += 5;
    if (bits >= 8) {
      out.push_back(static_cast<std::uint8_t>(buffer >> (bits - 8)));
      bits -= 8;
    }
  }
  if ((buffer & ((1u << bits) - 1)) != 0) return invalid_argument_error("base32 text has non-zero trailing bits");
  return out;
}

}  // namespace fg::crypto
