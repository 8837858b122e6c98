// The hash the store's string dictionaries use, public so that a parse worker can hash a row's
// text cells (LineItem::hash_text) off the single thread that interns them.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

namespace fg::costdb {

//! A fast non-cryptographic hash of `s` (multiply-xorshift over 8-byte words).
inline std::uint64_t text_hash(std::string_view s) {
  constexpr std::uint64_t kMul = 0x9E3779B97F4A7C15ULL;
  std::uint64_t h = 0x243F6A8885A308D3ULL ^ (s.size() * kMul);
  const char* p = s.data();
  std::size_t n = s.size();
  while (n >= 8) {
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    h = (h ^ w) * kMul;
    h ^= h >> 29;
    p += 8;
    n -= 8;
  }
  if (n) {
    std::uint64_t w = 0;
    std::memcpy(&w, p, n);
    h = (h ^ w) * kMul;
    h ^= h >> 29;
  }
  h *= 0xBF58476D1CE4E5B9ULL;
  return h ^ (h >> 31);
}

}  // namespace fg::costdb
