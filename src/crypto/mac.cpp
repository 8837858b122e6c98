#include "crypto/mac.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

#include "core/assert.hpp"
#include "crypto/random.hpp"

namespace fg::crypto {

Digest sha256(std::span<const std::uint8_t> data) {
  Digest out{};
  SHA256(data.data(), data.size(), out.data());
  return out;
}

Digest hmac_sha256(std::span<const std::uint8_t> key, std::span<const std::uint8_t> data) {
  Digest out{};
  unsigned int len = 0;
  // HMAC() takes a null key pointer as "no key" only with length 0; a static byte keeps it valid.
  static const std::uint8_t kEmpty = 0;
  const std::uint8_t* k = key.empty() ? &kEmpty : key.data();
  const unsigned char* r =
      HMAC(EVP_sha256(), k, static_cast<int>(key.size()), data.data(), data.size(), out.data(), &len);
  // One-shot HMAC-SHA256 only fails on allocation failure inside OpenSSL.
  FG_CHECK(r != nullptr && len == kDigestBytes);
  return out;
}

bool verify_hmac_sha256(std::span<const std::uint8_t> key, std::span<const std::uint8_t> data,
                        std::span<const std::uint8_t> tag) {
  if (tag.size() != kDigestBytes) return false;
  Digest expected = hmac_sha256(key, data);
  return equal_constant_time(expected, tag);
}

}  // namespace fg::crypto
