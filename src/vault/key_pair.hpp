// KeyPair: the worker's X25519 credential keypair. The only private-key type in finguard; it exists
// only in src/vault (the worker and the `keys` CLI), never in the API tier.
//
// At rest the private key is encrypted under the master key (AES-256-GCM, bound to the public key),
// in a file of the form
//   finguard-worker-key v1
//   <base64url(nonce || ciphertext || tag)>
#pragma once

#include <string>

#include "core/result.hpp"
#include "crypto/public_key.hpp"
#include "crypto/secret_buffer.hpp"

namespace fg::vault {

class KeyPair {
 public:
  //! A fresh keypair from the CSPRNG.
  static KeyPair generate();

  //! The text of the private key file (the private key encrypted under `master_key`).
  std::string wrap(const crypto::SecretBuffer& master_key) const;

  //! Decrypts a private key file's text and checks it against `public_key`. permission_denied when
  //! the master key is wrong or the file was altered; invalid_argument when it is malformed or the
  //! private key does not belong to `public_key`.
  static Result<KeyPair> unwrap(std::string_view file_text, const crypto::PublicKey& public_key,
                                const crypto::SecretBuffer& master_key);

  const crypto::PublicKey& public_key() const { return public_; }
  const crypto::KeyId& id() const { return public_.id(); }
  //! The raw X25519 private key, for crypto_box_seal_open. Stays in locked memory.
  const crypto::SecretBuffer& secret_key() const { return secret_; }

 private:
  KeyPair(crypto::PublicKey pk, crypto::SecretBuffer sk) : public_(pk), secret_(std::move(sk)) {}
  crypto::PublicKey public_;
  crypto::SecretBuffer secret_;
};

}  // namespace fg::vault
