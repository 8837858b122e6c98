#include "crypto/internal/aes_gcm.hpp"

#include <memory>

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "core/assert.hpp"

namespace fg::crypto::internal {
namespace {

using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

CipherCtx make_ctx() {
  CipherCtx ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
  FG_CHECK(ctx != nullptr);  // allocation failure inside OpenSSL
  return ctx;
}

}  // namespace

std::vector<std::uint8_t> aes256gcm_encrypt(std::span<const std::uint8_t> key, std::span<const std::uint8_t> nonce,
                                            std::span<const std::uint8_t> aad,
                                            std::span<const std::uint8_t> plaintext) {
  // Sizes are constants of the format; anything else is a programming error.
  FG_CHECK(key.size() == kAesKeyBytes && nonce.size() == kGcmNonceBytes);
  CipherCtx ctx = make_ctx();
  std::vector<std::uint8_t> out(plaintext.size() + kGcmTagBytes);
  int len = 0;
  FG_CHECK(EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, key.data(), nonce.data()) == 1);
  if (!aad.empty())
    FG_CHECK(EVP_EncryptUpdate(ctx.get(), nullptr, &len, aad.data(), static_cast<int>(aad.size())) == 1);
  int written = 0;
  if (!plaintext.empty()) {
    FG_CHECK(EVP_EncryptUpdate(ctx.get(), out.data(), &len, plaintext.data(), static_cast<int>(plaintext.size())) == 1);
    written = len;
  }
  FG_CHECK(EVP_EncryptFinal_ex(ctx.get(), out.data() + written, &len) == 1);
  FG_CHECK(EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kGcmTagBytes, out.data() + plaintext.size()) == 1);
  return out;
}

bool aes256gcm_decrypt(std::span<const std::uint8_t> key, std::span<const std::uint8_t> nonce,
                       std::span<const std::uint8_t> aad, std::span<const std::uint8_t> sealed,
                       std::span<std::uint8_t> out) {
  FG_CHECK(key.size() == kAesKeyBytes && nonce.size() == kGcmNonceBytes);
  if (sealed.size() < kGcmTagBytes) return false;
  const std::size_t ct_len = sealed.size() - kGcmTagBytes;
  FG_CHECK(out.size() >= ct_len);
  CipherCtx ctx = make_ctx();
  int len = 0;
  FG_CHECK(EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, key.data(), nonce.data()) == 1);
  if (!aad.empty())
    FG_CHECK(EVP_DecryptUpdate(ctx.get(), nullptr, &len, aad.data(), static_cast<int>(aad.size())) == 1);
  int written = 0;
  if (ct_len > 0) {
    FG_CHECK(EVP_DecryptUpdate(ctx.get(), out.data(), &len, sealed.data(), static_cast<int>(ct_len)) == 1);
    written = len;
  }
  std::uint8_t tag[kGcmTagBytes];
  std::copy(sealed.begin() + static_cast<std::ptrdiff_t>(ct_len), sealed.end(), tag);
  FG_CHECK(EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kGcmTagBytes, tag) == 1);
  if (EVP_DecryptFinal_ex(ctx.get(), out.data() + written, &len) != 1) {
    // No partial plaintext may survive a failed open.
    OPENSSL_cleanse(out.data(), ct_len);
    return false;
  }
  return true;
}

}  // namespace fg::crypto::internal
