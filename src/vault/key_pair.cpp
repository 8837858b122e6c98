#include "vault/key_pair.hpp"

#include <sodium.h>

#include "core/assert.hpp"
#include "crypto/aead.hpp"
#include "crypto/encoding.hpp"

namespace fg::vault {
namespace {

constexpr std::string_view kFileHeader = "finguard-worker-key v1\n";
constexpr std::string_view kAadLabel = "finguard.worker-key.v1";

crypto::Bytes wrap_aad(const crypto::PublicKey& pk) {
  crypto::Bytes aad(kAadLabel.size() + pk.bytes().size());
  std::copy(pk.bytes().begin(), pk.bytes().end(), std::copy(kAadLabel.begin(), kAadLabel.end(), aad.begin()));
  return aad;
}

}  // namespace

KeyPair KeyPair::generate() {
  // ensure_sodium runs in the SecretBuffer constructor, before the first libsodium call below.
  crypto::SecretBuffer sk(crypto_box_SECRETKEYBYTES);
  std::array<std::uint8_t, crypto_box_PUBLICKEYBYTES> pk{};
  FG_CHECK(crypto_box_keypair(pk.data(), sk.data()) == 0);  // cannot fail with valid buffers
  Result<crypto::PublicKey> pub = crypto::PublicKey::from_bytes(pk);
  FG_CHECK(pub.ok());  // a generated key is never the zero point
  return KeyPair(*pub, std::move(sk));
}

std::string KeyPair::wrap(const crypto::SecretBuffer& master_key) const {
  crypto::Bytes box = crypto::aead_seal(master_key, wrap_aad(public_), secret_.bytes());
  return std::string(kFileHeader) + crypto::base64url_encode(box) + "\n";
}

Result<KeyPair> KeyPair::unwrap(std::string_view file_text, const crypto::PublicKey& public_key,
                                const crypto::SecretBuffer& master_key) {
  if (file_text.substr(0, kFileHeader.size()) != kFileHeader) {
    return invalid_argument_error("worker private key file has an unknown format");
  }
  std::string_view body = file_text.substr(kFileHeader.size());
  while (!body.empty() && (body.back() == '\n' || body.back() == '\r')) body.remove_suffix(1);
  Result<crypto::Bytes> box = crypto::base64url_decode(body);
  if (!box.ok()) return invalid_argument_error("worker private key file is not base64url");
  Result<crypto::SecretBuffer> sk = crypto::aead_open(master_key, wrap_aad(public_key), *box);
  if (!sk.ok()) {
    return permission_denied_error("worker private key " + public_key.id().to_string() +
                                   " does not decrypt: wrong master key or altered file");
  }
  if (sk->size() != crypto_box_SECRETKEYBYTES) return invalid_argument_error("worker private key has the wrong size");
  std::array<std::uint8_t, crypto_box_PUBLICKEYBYTES> derived{};
  FG_CHECK(crypto_scalarmult_base(derived.data(), sk->data()) == 0);
  if (derived != public_key.bytes()) {
    return invalid_argument_error("worker private key " + public_key.id().to_string() +
                                  " does not match its public key");
  }
  sk->make_read_only();
  return KeyPair(public_key, std::move(*sk));
}

}  // namespace fg::vault
