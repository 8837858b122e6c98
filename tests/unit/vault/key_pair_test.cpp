#include "vault/key_pair.hpp"

#include <gtest/gtest.h>

#include "crypto/aead.hpp"

namespace fg::vault {
namespace {

TEST(KeyPairTest, WrapsUnderTheMasterKeyAndUnwrapsBack) {
  crypto::SecretBuffer master = crypto::aead_keygen();
  KeyPair kp = KeyPair::generate();
  std::string file = kp.wrap(master);
  EXPECT_EQ(file.rfind("finguard-worker-key v1\n", 0), 0u);
  Result<KeyPair> back = KeyPair::unwrap(file, kp.public_key(), master);
  ASSERT_TRUE(back.ok()) << back.status().to_string();
  EXPECT_TRUE(back->secret_key().equals(kp.secret_key()));
  EXPECT_EQ(back->id(), kp.id());
}

TEST(KeyPairTest, WrongMasterKeyOrAlteredFileIsPermissionDenied) {
  crypto::SecretBuffer master = crypto::aead_keygen();
  KeyPair kp = KeyPair::generate();
  std::string file = kp.wrap(master);
  EXPECT_EQ(KeyPair::unwrap(file, kp.public_key(), crypto::aead_keygen()).status().code(),
            StatusCode::kPermissionDenied);
  std::string altered = file;
  char& c = altered[altered.size() - 5];
  c = c == 'A' ? 'B' : 'A';
  EXPECT_FALSE(KeyPair::unwrap(altered, kp.public_key(), master).ok());
  EXPECT_EQ(KeyPair::unwrap("garbage", kp.public_key(), master).status().code(), StatusCode::kInvalidArgument);
}

TEST(KeyPairTest, AFileCannotBePassedOffAsAnotherPublicKey) {
  crypto::SecretBuffer master = crypto::aead_keygen();
  KeyPair a = KeyPair::generate(), b = KeyPair::generate();
  EXPECT_FALSE(KeyPair::unwrap(a.wrap(master), b.public_key(), master).ok());
}

TEST(KeyPairTest, FileDoesNotContainTheRawPrivateKey) {
  crypto::SecretBuffer master = crypto::aead_keygen();
  KeyPair kp = KeyPair::generate();
  std::string file = kp.wrap(master);
  std::string raw(kp.secret_key().view());
  EXPECT_EQ(file.find(raw), std::string::npos);
}

}  // namespace
}  // namespace fg::vault
