#include "crypto/sealed_secret.hpp"

#include <algorithm>
#include <string_view>

#include <sodium.h>

#include "core/assert.hpp"
#include "crypto/aead.hpp"
#include "crypto/internal/sodium_init.hpp"

namespace fg::crypto {
namespace {

constexpr std::string_view kAadLabel = "finguard.sealed-secret.v1";
static_assert(kWrappedKeyBytes == crypto_box_SEALBYTES + kAeadKeyBytes);
static_assert(kPublicKeyBytes == crypto_box_PUBLICKEYBYTES);
static_assert(kSealedOverhead == kSealedHeaderBytes + kAeadOverhead);

Bytes build_aad(std::span<const std::uint8_t> header, const SecretContext& ctx) {
  const auto& org = ctx.org_id.uuid().bytes();
  const auto& conn = ctx.connection_id.bytes();
  Bytes aad(kAadLabel.size() + header.size() + org.size() + conn.size() + 4);
  // Fixed-size fields at fixed offsets: no two contexts can produce the same aad.
  auto out = std::copy(kAadLabel.begin(), kAadLabel.end(), aad.begin());
  out = std::copy(header.begin(), header.end(), out);
  out = std::copy(org.begin(), org.end(), out);
  out = std::copy(conn.begin(), conn.end(), out);
  for (int shift = 24; shift >= 0; shift -= 8) *out++ = static_cast<std::uint8_t>(ctx.version >> shift);
  return aad;
}

}  // namespace

Result<Bytes> seal_secret(const PublicKey& worker_key, const SecretContext& context,
                          std::span<const std::uint8_t> plaintext) {
  internal::ensure_sodium();
  if (plaintext.empty()) return invalid_argument_error("secret is empty", "secret");
  if (plaintext.size() > kMaxSecretBytes) return invalid_argument_error("secret is too large", "secret");
  SecretBuffer data_key = aead_keygen();
  Bytes blob;
  blob.reserve(kSealedOverhead + plaintext.size());
  blob.push_back(kSealedFormatV1);
  blob.push_back(kSealedAlgX25519Aes256Gcm);
  const auto& id = worker_key.id().bytes();
  blob.insert(blob.end(), id.begin(), id.end());
  blob.resize(kSealedHeaderBytes);
  // crypto_box_seal only fails for a public key libsodium rejects; PublicKey refuses the zero point.
  if (crypto_box_seal(blob.data() + 2 + kKeyIdBytes, data_key.data(), data_key.size(), worker_key.bytes().data()) !=
      0) {
    return invalid_argument_error("worker public key is not usable", "public_key");
  }
  Bytes aad = build_aad(std::span<const std::uint8_t>(blob).first(kSealedHeaderBytes), context);
  Bytes box = aead_seal(data_key, aad, plaintext);
  blob.insert(blob.end(), box.begin(), box.end());
  return blob;
}

Result<SealedSecretView> parse_sealed_secret(std::span<const std::uint8_t> blob) {
  if (blob.size() < kSealedOverhead + 1) return invalid_argument_error("sealed secret is truncated");
  if (blob[0] != kSealedFormatV1) return invalid_argument_error("sealed secret has an unknown format version");
  if (blob[1] != kSealedAlgX25519Aes256Gcm) return invalid_argument_error("sealed secret has an unknown algorithm");
  std::array<std::uint8_t, kKeyIdBytes> id{};
  std::copy(blob.begin() + 2, blob.begin() + 2 + kKeyIdBytes, id.begin());
  SealedSecretView v;
  v.key_id = KeyId::from_bytes(id);
  v.header = blob.first(kSealedHeaderBytes);
  v.wrapped_key = blob.subspan(2 + kKeyIdBytes, kWrappedKeyBytes);
  v.box = blob.subspan(kSealedHeaderBytes);
  return v;
}

Bytes sealed_secret_aad(const SealedSecretView& view, const SecretContext& context) {
  return build_aad(view.header, context);
}

}  // namespace fg::crypto
