#include "crypto/random.hpp"

#include <sodium.h>

#include "crypto/encoding.hpp"
#include "crypto/internal/sodium_init.hpp"

namespace fg::crypto {

void random_bytes(std::span<std::uint8_t> out) {
  internal::ensure_sodium();
  if (!out.empty()) randombytes_buf(out.data(), out.size());
}

std::vector<std::uint8_t> random_bytes(std::size_t n) {
  std::vector<std::uint8_t> out(n);
  random_bytes(std::span<std::uint8_t>(out));
  return out;
}

std::string random_token() {
  return base64url_encode(random_bytes(kTokenBytes));
}

bool equal_constant_time(std::span<const std::uint8_t> a, std::span<const std::uint8_t> b) {
  internal::ensure_sodium();
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

bool equal_constant_time(std::string_view a, std::string_view b) {
  return equal_constant_time(std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(a.data()), a.size()),
                             std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(b.data()), b.size()));
}

}  // namespace fg::crypto
