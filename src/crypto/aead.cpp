#include "crypto/aead.hpp"

#include "core/assert.hpp"
#include "crypto/internal/aes_gcm.hpp"
#include "crypto/random.hpp"

namespace fg::crypto {

static_assert(kAeadKeyBytes == internal::kAesKeyBytes && kAeadNonceBytes == internal::kGcmNonceBytes &&
              kAeadTagBytes == internal::kGcmTagBytes);

SecretBuffer aead_keygen() {
  return SecretBuffer::random(kAeadKeyBytes);
}

Bytes aead_seal(const SecretBuffer& key, std::span<const std::uint8_t> aad, std::span<const std::uint8_t> plaintext) {
  FG_CHECK(key.size() == kAeadKeyBytes);  // callers get keys from aead_keygen or a fixed-size unwrap
  Bytes out(kAeadNonceBytes);
  random_bytes(std::span<std::uint8_t>(out));
  Bytes ct = internal::aes256gcm_encrypt(key.bytes(), out, aad, plaintext);
  out.insert(out.end(), ct.begin(), ct.end());
  return out;
}

Result<SecretBuffer> aead_open(const SecretBuffer& key, std::span<const std::uint8_t> aad,
                               std::span<const std::uint8_t> sealed) {
  FG_CHECK(key.size() == kAeadKeyBytes);
  if (sealed.size() < kAeadOverhead) return invalid_argument_error("sealed box is too short");
  SecretBuffer out(sealed.size() - kAeadOverhead);
  // SecretBuffer(0) has no storage; decrypt into a dummy byte so the span is never null.
  std::uint8_t none = 0;
  std::span<std::uint8_t> dst =
      out.empty() ? std::span<std::uint8_t>(&none, 0) : std::span<std::uint8_t>(out.data(), out.size());
  if (!internal::aes256gcm_decrypt(key.bytes(), sealed.first(kAeadNonceBytes), aad, sealed.subspan(kAeadNonceBytes),
                                   dst)) {
    return permission_denied_error("sealed box does not open (wrong key, wrong context or tampered)");
  }
  return out;
}

}  // namespace fg::crypto
