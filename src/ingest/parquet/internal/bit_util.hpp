// Little-endian loads, ULEB128/zigzag varints and bit extraction shared by the Parquet decoders.
// Every function is bounds-checked against the end pointer it is given: they read untrusted pages.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace fg::ingest::parquet::internal {

template <typename T>
inline T load_le(const std::uint8_t* p) {
  T v;
  std::memcpy(&v, p, sizeof v);  // x86-64 and aarch64 Linux are little-endian, as Parquet is
  return v;
}

//! ULEB128 into `out` (at most 10 bytes, 64 bits). False when the bytes end or the value overflows.
inline bool read_uleb128(const std::uint8_t*& p, const std::uint8_t* end, std::uint64_t& out) {
  std::uint64_t v = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (p == end) return false;
    const std::uint8_t b = *p++;
    if (shift == 63 && (b & 0x7e) != 0) return false;
    v |= static_cast<std::uint64_t>(b & 0x7f) << shift;
    if ((b & 0x80) == 0) {
      out = v;
      return true;
    }
  }
  return false;
}

inline bool read_zigzag(const std::uint8_t*& p, const std::uint8_t* end, std::int64_t& out) {
  std::uint64_t u = 0;
  if (!read_uleb128(p, end, u)) return false;
  out = static_cast<std::int64_t>((u >> 1) ^ (~(u & 1) + 1));
  return true;
}

//! The `width`-bit (0..64) little-endian bit field at bit `bit` of [base, base + size). False when it
//! does not lie inside the bytes.
inline bool read_bits(const std::uint8_t* base, std::size_t size, std::uint64_t bit, int width, std::uint64_t& out) {
  if (width == 0) {
    out = 0;
    return true;
  }
  const std::uint64_t end_bit = bit + static_cast<std::uint64_t>(width);
  if (end_bit > static_cast<std::uint64_t>(size) * 8) return false;
  const std::size_t byte = static_cast<std::size_t>(bit >> 3);
  const int shift = static_cast<int>(bit & 7);
  if (byte + 8 <= size) {
    std::uint64_t w = load_le<std::uint64_t>(base + byte) >> shift;
    if (width + shift > 64) w |= static_cast<std::uint64_t>(base[byte + 8]) << (64 - shift);
    out = width == 64 ? w : (w & ((std::uint64_t{1} << width) - 1));
    return true;
  }
  std::uint64_t v = 0;
  for (int i = 0; i < width; ++i) {
    const std::uint64_t b = bit + static_cast<std::uint64_t>(i);
    v |= static_cast<std::uint64_t>((base[b >> 3] >> (b & 7)) & 1) << i;
  }
  out = v;
  return true;
}

}  // namespace fg::ingest::parquet::internal
