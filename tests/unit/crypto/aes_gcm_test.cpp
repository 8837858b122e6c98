#include "crypto/internal/aes_gcm.hpp"

#include <gtest/gtest.h>

#include "vectors.hpp"

namespace fg::crypto::internal {
namespace {

using crypto::testing::load_vectors;
using crypto::testing::unhex;

// Wycheproof AES-GCM, the 256-bit key / 96-bit nonce / 128-bit tag groups: valid vectors must
// encrypt to the expected bytes and decrypt back; invalid ones (modified tags and the like) must not
// decrypt.
TEST(AesGcmTest, WycheproofVectors) {
  nlohmann::json v = load_vectors("wycheproof_aes_256_gcm.json");
  int valid = 0, invalid = 0;
  for (const auto& t : v["tests"]) {
    Bytes key = unhex(t["key"]), iv = unhex(t["iv"]), aad = unhex(t["aad"]), msg = unhex(t["msg"]);
    Bytes sealed = unhex(t["ct"]);
    Bytes tag = unhex(t["tag"]);
    sealed.insert(sealed.end(), tag.begin(), tag.end());
    Bytes out(sealed.size());
    const bool opened = aes256gcm_decrypt(key, iv, aad, sealed, out);
    if (t["result"] == "valid") {
      ++valid;
      EXPECT_EQ(aes256gcm_encrypt(key, iv, aad, msg), sealed) << "tcId " << t["tcId"];
      ASSERT_TRUE(opened) << "tcId " << t["tcId"];
      out.resize(msg.size());
      EXPECT_EQ(out, msg) << "tcId " << t["tcId"];
    } else {
      ++invalid;
      EXPECT_FALSE(opened) << "tcId " << t["tcId"] << " " << t["comment"];
    }
  }
  EXPECT_GT(valid, 20);
  EXPECT_GT(invalid, 20);
}

TEST(AesGcmTest, FailedOpenLeavesNoPlaintext) {
  Bytes key(32, 1), iv(12, 2), msg(40, 0x41);
  Bytes sealed = aes256gcm_encrypt(key, iv, {}, msg);
  sealed.back() ^= 1;
  Bytes out(sealed.size(), 0xEE);
  EXPECT_FALSE(aes256gcm_decrypt(key, iv, {}, sealed, out));
  for (std::size_t i = 0; i < msg.size(); ++i) EXPECT_EQ(out[i], 0) << i;
}

TEST(AesGcmTest, WrongKeyLengthIsABug) {
  Bytes key(16, 1), iv(12, 2);
  EXPECT_DEATH(aes256gcm_encrypt(key, iv, {}, {}), "");
}

}  // namespace
}  // namespace fg::crypto::internal
