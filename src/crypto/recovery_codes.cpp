#include "crypto/recovery_codes.hpp"

#include "crypto/encoding.hpp"
#include "crypto/random.hpp"

namespace fg::crypto {
namespace {

std::string normalize(std::string_view typed) {
  std::string out;
  for (char c : typed) {
    if (c == '-' || c == ' ') continue;
    out.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
  }
  return out;
}

}  // namespace

RecoveryCodes generate_recovery_codes(int count) {
  RecoveryCodes out;
  for (int i = 0; i < count; ++i) {
    const std::string raw = base32_encode(random_bytes(10));  // 80 bits -> exactly 16 characters
    const std::string shown =
        raw.substr(0, 4) + "-" + raw.substr(4, 4) + "-" + raw.substr(8, 4) + "-" + raw.substr(12, 4);
    out.codes.push_back(shown);
    out.hashes.push_back(recovery_code_hash(shown));
  }
  return out;
}

Digest recovery_code_hash(std::string_view typed) {
  const std::string n = normalize(typed);
  return sha256(as_bytes(n));
}

int find_recovery_code(std::string_view typed, std::span<const Digest> stored) {
  const Digest h = recovery_code_hash(typed);
  int found = -1;
  for (std::size_t i = 0; i < stored.size(); ++i) {
    if (equal_constant_time(h, stored[i]) && found < 0) found = static_cast<int>(i);
  }
  return found;
}

}  // namespace fg::crypto
