// TotpKey: the identity key file (created 0600, refused when too open) and sealing bound to the user.
#include "identity/totp_key.hpp"

#include <sys/stat.h>

#include <fstream>

#include <gtest/gtest.h>

#include "support/test_env.hpp"

namespace fg::identity {
namespace {

TEST(TotpKey, CreatesAPrivateKeyFileAndReloadsTheSameKey) {
  const std::string path = testing::make_temp_dir("fg-idkey-") + "/keys/identity.key";
  Result<TotpKey> a = TotpKey::load_or_create(path);
  ASSERT_TRUE(a.ok()) << a.status().to_string();
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_EQ(st.st_size, 32);
  const std::string secret = "12345678901234567890";
  crypto::Bytes sealed = a->seal("user-1", crypto::as_bytes(secret));
  Result<TotpKey> b = TotpKey::load_or_create(path);
  ASSERT_TRUE(b.ok());
  Result<crypto::SecretBuffer> opened = b->open("user-1", sealed);
  ASSERT_TRUE(opened.ok());
  EXPECT_EQ(opened->view(), secret);
  EXPECT_EQ(std::string(sealed.begin(), sealed.end()).find(secret), std::string::npos);
}

TEST(TotpKey, SealedSecretIsBoundToItsUserAndKey) {
  TotpKey k = TotpKey::random_for_test();
  crypto::Bytes sealed = k.seal("user-1", crypto::as_bytes(std::string_view("secret-bytes-0123456")));
  EXPECT_FALSE(k.open("user-2", sealed).ok());
  EXPECT_FALSE(TotpKey::random_for_test().open("user-1", sealed).ok());
}

TEST(TotpKey, RefusesAKeyFileOthersCanRead) {
  const std::string path = testing::make_temp_dir("fg-idkey-") + "/identity.key";
  std::ofstream(path) << std::string(32, 'k');
  ::chmod(path.c_str(), 0644);
  EXPECT_FALSE(TotpKey::load_or_create(path).ok());
  ::chmod(path.c_str(), 0600);
  EXPECT_TRUE(TotpKey::load_or_create(path).ok());
  std::ofstream(path, std::ios::trunc) << "short";
  EXPECT_EQ(TotpKey::load_or_create(path).status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace fg::identity
