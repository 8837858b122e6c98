#include "crypto/hkdf.hpp"

#include <memory>

#include <openssl/core_names.h>
#include <openssl/kdf.h>
#include <openssl/params.h>

namespace fg::crypto {

Result<SecretBuffer> hkdf_sha256(std::span<const std::uint8_t> ikm, std::span<const std::uint8_t> salt,
                                 std::span<const std::uint8_t> info, std::size_t length) {
  if (length == 0 || length > kHkdfMaxOutput) {
    return invalid_argument_error("hkdf: output length must be 1.." + std::to_string(kHkdfMaxOutput), "length");
  }
  std::unique_ptr<EVP_KDF, decltype(&EVP_KDF_free)> kdf(EVP_KDF_fetch(nullptr, "HKDF", nullptr), &EVP_KDF_free);
  if (!kdf) return internal_error("hkdf: OpenSSL has no HKDF");
  std::unique_ptr<EVP_KDF_CTX, decltype(&EVP_KDF_CTX_free)> ctx(EVP_KDF_CTX_new(kdf.get()), &EVP_KDF_CTX_free);
  if (!ctx) return internal_error("hkdf: out of memory");
  // OpenSSL's params take non-const pointers but only read them.
  static std::uint8_t kNone = 0;
  auto ptr = [](std::span<const std::uint8_t> s) { return s.empty() ? &kNone : const_cast<std::uint8_t*>(s.data()); };
  char digest[] = "SHA256";
  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, digest, 0),
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, ptr(ikm), ikm.size()),
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, ptr(salt), salt.size()),
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, ptr(info), info.size()),
      OSSL_PARAM_construct_end(),
  };
  SecretBuffer out(length);
  if (EVP_KDF_derive(ctx.get(), out.data(), length, params) != 1) return internal_error("hkdf: derivation failed");
  return out;
}

}  // namespace fg::crypto
