#include "core/utf8.hpp"

#include <cstdint>
#include <cstring>

namespace fg {
namespace {

// Length of the valid sequence at s[i], or 0 when it is invalid (Unicode Table 3-7).
std::size_t sequence_length(const unsigned char* s, std::size_t n, std::size_t i) {
  const unsigned char c = s[i];
  if (c < 0x80) return 1;
  auto cont = [&](std::size_t k, unsigned char lo = 0x80, unsigned char hi = 0xbf) {
    return i + k < n && s[i + k] >= lo && s[i + k] <= hi;
  };
  if (c >= 0xc2 && c <= 0xdf) return cont(1) ? 2 : 0;
  if (c == 0xe0) return cont(1, 0xa0) && cont(2) ? 3 : 0;
  if ((c >= 0xe1 && c <= 0xec) || c == 0xee || c == 0xef) return cont(1) && cont(2) ? 3 : 0;
  if (c == 0xed) return cont(1, 0x80, 0x9f) && cont(2) ? 3 : 0;  // no surrogates
  if (c == 0xf0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (c >= 0xf1 && c <= 0xf3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (c == 0xf4) return cont(1, 0x80, 0x8f) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

}  // namespace

bool valid_utf8(std::string_view sv) {
  const auto* s = reinterpret_cast<const unsigned char*>(sv.data());
  const std::size_t n = sv.size();
  std::size_t i = 0;
  while (i < n) {
    // ASCII fast path, 8 bytes at a time.
    if (i + 8 <= n) {
      std::uint64_t w;
      std::memcpy(&w, s + i, 8);
      if ((w & 0x8080808080808080ULL) == 0) {
        i += 8;
        continue;
      }
    }
    const std::size_t len = sequence_length(s, n, i);
    if (len == 0) return false;
    i += len;
  }
  return true;
}

void append_utf8_replacing(std::string_view sv, std::string& out) {
  const auto* s = reinterpret_cast<const unsigned char*>(sv.data());
  const std::size_t n = sv.size();
  std::size_t i = 0;
  while (i < n) {
    const std::size_t len = sequence_length(s, n, i);
    if (len == 0) {
      out.append("\xef\xbf\xbd");
      ++i;
      // Skip the continuation bytes of the same broken sequence, so one error is one U+FFFD.
      while (i < n && (s[i] & 0xc0) == 0x80) ++i;
      continue;
    }
    out.append(sv.data() + i, len);
    i += len;
  }
}

}  // namespace fg
