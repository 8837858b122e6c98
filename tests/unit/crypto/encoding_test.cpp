#include "crypto/encoding.hpp"

#include <gtest/gtest.h>

namespace fg::crypto {
namespace {

// RFC 4648 section 10 test vectors.
const char* kPlain[] = {"", "f", "fo", "foo", "foob", "fooba", "foobar"};
const char* kBase64[] = {"", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy"};
const char* kBase32[] = {"", "MY", "MZXQ", "MZXW6", "MZXW6YQ", "MZXW6YTB", "MZXW6YTBOI"};  // padding stripped
const char* kHex[] = {"", "66", "666f", "666f6f", "666f6f62", "666f6f6261", "666f6f626172"};

TEST(EncodingTest, Rfc4648Vectors) {
  for (int i = 0; i < 7; ++i) {
    const auto bytes = as_bytes(kPlain[i]);
    EXPECT_EQ(base64_encode(bytes), kBase64[i]);
    EXPECT_EQ(base32_encode(bytes), kBase32[i]);
    EXPECT_EQ(hex_encode(bytes), kHex[i]);
    EXPECT_EQ(*base64_decode(kBase64[i]), Bytes(bytes.begin(), bytes.end()));
    EXPECT_EQ(*base32_decode(kBase32[i]), Bytes(bytes.begin(), bytes.end()));
    EXPECT_EQ(*hex_decode(kHex[i]), Bytes(bytes.begin(), bytes.end()));
  }
  EXPECT_EQ(*base32_decode("MZXW6YQ="), Bytes({'f', 'o', 'o', 'b'}));
  EXPECT_EQ(*base32_decode("mzxw6ytboi"), Bytes({'f', 'o', 'o', 'b', 'a', 'r'}));
}

TEST(EncodingTest, Base64UrlIsUnpaddedUrlSafe) {
  Bytes b = {0xfb, 0xff};
  EXPECT_EQ(base64url_encode(b), "-_8");
  EXPECT_EQ(*base64url_decode("-_8"), b);
  EXPECT_FALSE(base64url_decode("-_8=").ok());
  EXPECT_FALSE(base64url_decode("+/8").ok());
}

TEST(EncodingTest, DecodersAreStrict) {
  EXPECT_FALSE(hex_decode("abc").ok());
  EXPECT_FALSE(hex_decode("zz").ok());
  EXPECT_FALSE(base64_decode("Zg=").ok());
  EXPECT_FALSE(base64_decode("Zh==").ok());  // non-zero trailing bits: a second spelling of "f"
  EXPECT_FALSE(base64_decode("Zm9v!").ok());
  EXPECT_FALSE(base32_decode("M").ok());
  EXPECT_FALSE(base32_decode("MZ").ok());  // trailing bits of "f" must be zero ("MY")
  EXPECT_FALSE(base32_decode("MY1").ok());
}

}  // namespace
}  // namespace fg::crypto
