#include "crypto/aead.hpp"

#include <gtest/gtest.h>

namespace fg::crypto {
namespace {

TEST(AeadTest, RoundTripsWithAFreshNonceEachTime) {
  SecretBuffer key = aead_keygen();
  Bytes a = aead_seal(key, as_bytes("ctx"), as_bytes("secret"));
  Bytes b = aead_seal(key, as_bytes("ctx"), as_bytes("secret"));
  EXPECT_EQ(a.size(), 6 + kAeadOverhead);
  EXPECT_NE(a, b);  // random nonce
  Result<SecretBuffer> out = aead_open(key, as_bytes("ctx"), a);
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(out->view(), "secret");
}

TEST(AeadTest, AnyFlippedBitOrOtherAadFailsToOpen) {
  SecretBuffer key = aead_keygen();
  Bytes box = aead_seal(key, as_bytes("ctx"), as_bytes("secret"));
  for (std::size_t i = 0; i < box.size(); ++i) {
    for (int bit = 0; bit < 8; ++bit) {
      Bytes bad = box;
      bad[i] ^= static_cast<std::uint8_t>(1 << bit);
      Result<SecretBuffer> r = aead_open(key, as_bytes("ctx"), bad);
      EXPECT_EQ(r.status().code(), StatusCode::kPermissionDenied) << i << ":" << bit;
    }
  }
  EXPECT_FALSE(aead_open(key, as_bytes("ctX"), box).ok());
  EXPECT_FALSE(aead_open(aead_keygen(), as_bytes("ctx"), box).ok());
}

TEST(AeadTest, ShortBoxIsInvalidArgument) {
  SecretBuffer key = aead_keygen();
  Bytes box(kAeadOverhead - 1);
  EXPECT_EQ(aead_open(key, {}, box).status().code(), StatusCode::kInvalidArgument);
}

TEST(AeadTest, EmptyPlaintextRoundTrips) {
  SecretBuffer key = aead_keygen();
  Bytes box = aead_seal(key, {}, {});
  Result<SecretBuffer> out = aead_open(key, {}, box);
  ASSERT_TRUE(out.ok());
  EXPECT_TRUE(out->empty());
}

}  // namespace
}  // namespace fg::crypto
