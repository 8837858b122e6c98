// Sealed secrets: envelope encryption of a cloud credential to the worker's public key.
//
// Each secret gets a fresh 256-bit data key. The secret is encrypted with AES-256-GCM under that key;
// the data key is sealed to the worker's X25519 public key (libsodium crypto_box_seal). Anyone with
// the public key (the API tier) can seal; only the holder of the private key (src/vault) can open.
//
// Format v1 (all sizes fixed, integers big-endian):
//   [0]       format version (kSealedFormatV1)
//   [1]       algorithm      (kSealedAlgX25519Aes256Gcm)
//   [2..10)   key id of the worker public key
//   [10..90)  data key sealed to that public key (crypto_box_seal: 32 + 48 bytes)
//   [90..102) AES-GCM nonce
//   [102..)   ciphertext || 16-byte tag
// The GCM associated data is "finguard.sealed-secret.v1" || bytes [0..90) || org id || connection id
// || version (u32), so a blob moved to another org, connection or version, or with any header byte
// changed, does not open.
#pragma once

#include <cstdint>
#include <span>

#include "core/result.hpp"
#include "core/uuid.hpp"
#include "crypto/encoding.hpp"
#include "crypto/public_key.hpp"

namespace fg::crypto {

inline constexpr std::uint8_t kSealedFormatV1 = 1;
inline constexpr std::uint8_t kSealedAlgX25519Aes256Gcm = 1;
inline constexpr std::size_t kWrappedKeyBytes = 80;  //!< crypto_box_SEALBYTES + 32
inline constexpr std::size_t kSealedHeaderBytes = 2 + kKeyIdBytes + kWrappedKeyBytes;
inline constexpr std::size_t kSealedOverhead = kSealedHeaderBytes + 12 + 16;
inline constexpr std::size_t kMaxSecretBytes = 64 * 1024;  //!< a credential, not a file

//! What a sealed secret belongs to. All of it is bound into the ciphertext.
struct SecretContext {
  OrgId org_id;
  Uuid connection_id;
  std::uint32_t version = 1;  //!< the secret's version, bumped when the credential is replaced
};

//! Seals `plaintext` for the holder of `worker_key`. invalid_argument when the plaintext is empty or
//! larger than kMaxSecretBytes. Thread-safe.
Result<Bytes> seal_secret(const PublicKey& worker_key, const SecretContext& context,
                          std::span<const std::uint8_t> plaintext);

//! A parsed view into a sealed blob (it borrows the blob's bytes).
struct SealedSecretView {
  KeyId key_id = KeyId::from_bytes({});
  std::span<const std::uint8_t> header;       //!< bytes [0..90), bound into the aad
  std::span<const std::uint8_t> wrapped_key;  //!< the sealed data key
  std::span<const std::uint8_t> box;          //!< nonce || ciphertext || tag (an aead_open box)
};

//! Checks the version, algorithm and sizes. invalid_argument for anything else (an unknown version
//! is refused, never guessed at).
Result<SealedSecretView> parse_sealed_secret(std::span<const std::uint8_t> blob);

//! The associated data for a parsed blob in `context` (used by seal and by the vault's open).
Bytes sealed_secret_aad(const SealedSecretView& view, const SecretContext& context);

}  // namespace fg::crypto
