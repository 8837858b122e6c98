#include "crypto/public_key.hpp"

#include <algorithm>

#include "crypto/encoding.hpp"
#include "crypto/mac.hpp"

namespace fg::crypto {

Result<KeyId> KeyId::parse(std::string_view text) {
  if (text.size() != 2 * kKeyIdBytes) return invalid_argument_error("key id must be 16 hex characters", "key_id");
  for (char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      return invalid_argument_error("key id must be lower-case hex", "key_id");
    }
  }
  FG_ASSIGN_OR_RETURN(Bytes raw, hex_decode(text));
  std::array<std::uint8_t, kKeyIdBytes> b{};
  std::copy(raw.begin(), raw.end(), b.begin());
  return KeyId(b);
}

std::string KeyId::to_string() const {
  return hex_encode(bytes_);
}

Result<PublicKey> PublicKey::from_bytes(std::span<const std::uint8_t> bytes) {
  if (bytes.size() != kPublicKeyBytes) return invalid_argument_error("public key must be 32 bytes", "public_key");
  if (std::all_of(bytes.begin(), bytes.end(), [](std::uint8_t b) { return b == 0; })) {
    return invalid_argument_error("public key is the all-zero point; refused", "public_key");
  }
  std::array<std::uint8_t, kPublicKeyBytes> b{};
  std::copy(bytes.begin(), bytes.end(), b.begin());
  Digest d = sha256(b);
  std::array<std::uint8_t, kKeyIdBytes> id{};
  std::copy(d.begin(), d.begin() + kKeyIdBytes, id.begin());
  return PublicKey(b, KeyId::from_bytes(id));
}

Result<PublicKey> PublicKey::parse(std::string_view text) {
  Result<Bytes> raw = base64url_decode(text);
  if (!raw.ok()) return invalid_argument_error("public key is not base64url", "public_key");
  return from_bytes(*raw);
}

std::string PublicKey::to_string() const {
  return base64url_encode(bytes_);
}

}  // namespace fg::crypto
