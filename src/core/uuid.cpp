#include "core/uuid.hpp"

#include <sys/random.h>

#include <cerrno>

#include "core/assert.hpp"
#include "core/hex.hpp"

namespace fg {

Uuid Uuid::random() {
  Uuid u;
  std::size_t got = 0;
  while (got < u.bytes_.size()) {
    const ssize_t n = getrandom(u.bytes_.data() + got, u.bytes_.size() - got, 0);
    if (n < 0 && errno == EINTR) continue;
    // getrandom on 16 bytes only fails if the kernel has no CSPRNG; ids must not be guessable.
    FG_CHECK(n > 0);
    got += static_cast<std::size_t>(n);
  }
  u.bytes_[6] = static_cast<std::uint8_t>((u.bytes_[6] & 0x0F) | 0x40);
  u.bytes_[8] = static_cast<std::uint8_t>((u.bytes_[8] & 0x3F) | 0x80);
  return u;
}

Result<Uuid> Uuid::parse(std::string_view s) {
  if (s.size() != 36 || s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-') {
    return invalid_argument_error("not a UUID");
  }
  Uuid u;
  std::size_t b = 0;
  for (std::size_t i = 0; i < s.size();) {
    if (s[i] == '-') {
      ++i;
      continue;
    }
    const int hi = hex_digit_value(s[i]);
    const int lo = hex_digit_value(s[i + 1]);
    if (hi < 0 || lo < 0) return invalid_argument_error("not a UUID");
    u.bytes_[b++] = static_cast<std::uint8_t>(hi * 16 + lo);
    i += 2;
  }
  return u;
}

std::string Uuid::to_string() const {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (std::size_t i = 0; i < bytes_.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    out += kHex[bytes_[i] >> 4];
    out += kHex[bytes_[i] & 0xF];
  }
  return out;
}

bool Uuid::is_nil() const {
  for (auto b : bytes_) {
    if (b != 0) return false;
  }
  return true;
}

}  // namespace fg
