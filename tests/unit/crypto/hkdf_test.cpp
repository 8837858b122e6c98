#include "crypto/hkdf.hpp"

#include <gtest/gtest.h>

#include "vectors.hpp"

namespace fg::crypto {
namespace {

using testing::load_vectors;
using testing::unhex;

// Wycheproof's file opens with RFC 5869 test cases 1-3 (comment "RFC 5869").
TEST(HkdfTest, Rfc5869AndWycheproofVectors) {
  nlohmann::json v = load_vectors("wycheproof_hkdf_sha256.json");
  int rfc = 0, valid = 0, invalid = 0;
  for (const auto& t : v["tests"]) {
    Bytes ikm = unhex(t["ikm"]), salt = unhex(t["salt"]), info = unhex(t["info"]);
    const std::size_t size = t["size"].get<std::size_t>();
    Result<SecretBuffer> okm = hkdf_sha256(ikm, salt, info, size);
    if (t["result"] == "valid") {
      ASSERT_TRUE(okm.ok()) << "tcId " << t["tcId"];
      EXPECT_EQ(hex_encode(okm->bytes()), t["okm"].get<std::string>()) << "tcId " << t["tcId"];
      ++valid;
      if (t["comment"] == "RFC 5869") ++rfc;
    } else {
      EXPECT_FALSE(okm.ok()) << "tcId " << t["tcId"];
      ++invalid;
    }
  }
  EXPECT_EQ(rfc, 3);
  EXPECT_GT(valid, 50);
  EXPECT_GT(invalid, 0);
}

TEST(HkdfTest, RefusesZeroAndOversizedOutput) {
  Bytes ikm(32, 1);
  EXPECT_EQ(hkdf_sha256(ikm, {}, {}, 0).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(hkdf_sha256(ikm, {}, {}, kHkdfMaxOutput + 1).status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(hkdf_sha256(ikm, {}, {}, kHkdfMaxOutput).ok());
}

TEST(HkdfTest, InfoSeparatesKeys) {
  Bytes ikm(32, 9);
  SecretBuffer a = *hkdf_sha256(ikm, {}, as_bytes("csrf"), 32);
  SecretBuffer b = *hkdf_sha256(ikm, {}, as_bytes("webhook"), 32);
  EXPECT_FALSE(a.equals(b));
}

}  // namespace
}  // namespace fg::crypto
