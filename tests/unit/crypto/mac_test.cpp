#include "crypto/mac.hpp"

#include <gtest/gtest.h>

#include "vectors.hpp"

namespace fg::crypto {
namespace {

using testing::load_vectors;
using testing::unhex;

TEST(MacTest, Sha256KnownAnswer) {
  // FIPS 180-2 appendix B.1: SHA-256("abc").
  EXPECT_EQ(hex_encode(sha256(as_bytes("abc"))), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(MacTest, Rfc4231Vectors) {
  nlohmann::json v = load_vectors("rfc_vectors.json");
  ASSERT_FALSE(v["hmac_sha256"].empty());
  for (const auto& t : v["hmac_sha256"]) {
    Bytes key = unhex(t["key_hex"]), data = unhex(t["data_hex"]), mac = unhex(t["mac_hex"]);
    EXPECT_EQ(hex_encode(hmac_sha256(key, data)), t["mac_hex"].get<std::string>()) << t["rfc"];
    EXPECT_TRUE(verify_hmac_sha256(key, data, mac)) << t["rfc"];
  }
}

TEST(MacTest, WycheproofVectors) {
  nlohmann::json v = load_vectors("wycheproof_hmac_sha256.json");
  int valid = 0, invalid = 0;
  for (const auto& t : v["tests"]) {
    Bytes key = unhex(t["key"]), msg = unhex(t["msg"]), tag = unhex(t["tag"]);
    const bool ok = verify_hmac_sha256(key, msg, tag);
    if (t["result"] == "valid") {
      EXPECT_TRUE(ok) << "tcId " << t["tcId"];
      ++valid;
    } else {
      EXPECT_FALSE(ok) << "tcId " << t["tcId"];
      ++invalid;
    }
  }
  EXPECT_GT(valid, 10);
  EXPECT_GT(invalid, 10);
}

TEST(MacTest, VerifyRefusesTruncatedAndFlippedTags) {
  Bytes key(32, 7);
  Digest tag = hmac_sha256(key, as_bytes("payload"));
  EXPECT_TRUE(verify_hmac_sha256(key, as_bytes("payload"), tag));
  EXPECT_FALSE(verify_hmac_sha256(key, as_bytes("payload"), std::span<const std::uint8_t>(tag).first(16)));
  for (std::size_t i = 0; i < tag.size(); ++i) {
    Digest bad = tag;
    bad[i] ^= 0x01;
    EXPECT_FALSE(verify_hmac_sha256(key, as_bytes("payload"), bad)) << i;
  }
  EXPECT_FALSE(verify_hmac_sha256(key, as_bytes("payloaD"), tag));
}

}  // namespace
}  // namespace fg::crypto
