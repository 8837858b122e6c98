#include "crypto/public_key.hpp"

#include <gtest/gtest.h>

#include "crypto/encoding.hpp"
#include "crypto/mac.hpp"

namespace fg::crypto {
namespace {

TEST(PublicKeyTest, IdIsTheSha256PrefixAndTextRoundTrips) {
  Bytes raw(32);
  for (int i = 0; i < 32; ++i) raw[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(i * 7 + 1);
  Result<PublicKey> k = PublicKey::from_bytes(raw);
  ASSERT_TRUE(k.ok());
  EXPECT_EQ(k->id().to_string(), hex_encode(sha256(raw)).substr(0, 16));
  Result<PublicKey> back = PublicKey::parse(k->to_string());
  ASSERT_TRUE(back.ok());
  EXPECT_TRUE(*back == *k);
  EXPECT_EQ(back->id(), k->id());
}

TEST(PublicKeyTest, RefusesWrongSizesAndTheZeroPoint) {
  EXPECT_FALSE(PublicKey::from_bytes(Bytes(31, 1)).ok());
  EXPECT_FALSE(PublicKey::from_bytes(Bytes(33, 1)).ok());
  EXPECT_FALSE(PublicKey::from_bytes(Bytes(32, 0)).ok());
  EXPECT_FALSE(PublicKey::parse("not base64!").ok());
}

TEST(PublicKeyTest, KeyIdParsesOnlyCanonicalHex) {
  EXPECT_TRUE(KeyId::parse("0123456789abcdef").ok());
  EXPECT_FALSE(KeyId::parse("0123456789ABCDEF").ok());
  EXPECT_FALSE(KeyId::parse("0123456789abcde").ok());
  EXPECT_FALSE(KeyId::parse("0123456789abcdeg").ok());
  EXPECT_EQ(KeyId::parse("0123456789abcdef")->to_string(), "0123456789abcdef");
}

}  // namespace
}  // namespace fg::crypto
