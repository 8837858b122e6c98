#include "vault/master_key.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>

#include <gtest/gtest.h>

#include "crypto/encoding.hpp"
#include "crypto/random.hpp"
#include "support/test_env.hpp"

namespace fg::vault {
namespace {

std::string good_key_text() {
  crypto::Bytes k = crypto::random_bytes(32);
  while (is_weak_master_key(k)) k = crypto::random_bytes(32);
  return crypto::base64_encode(k);
}

TEST(MasterKeyTest, CreatesA0600FileAndLoadsIt) {
  const std::string dir = fg::testing::make_temp_dir("fg-master-");
  const std::string path = dir + "/keys/master.key";
  ASSERT_TRUE(create_master_key_file(path).ok());
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  struct stat dst {};
  ASSERT_EQ(::stat((dir + "/keys").c_str(), &dst), 0);
  EXPECT_EQ(dst.st_mode & 077, 0u);
  Result<crypto::SecretBuffer> k = load_master_key({std::nullopt, path});
  ASSERT_TRUE(k.ok()) << k.status().to_string();
  EXPECT_EQ(k->size(), kMasterKeyBytes);
}

TEST(MasterKeyTest, NeverOverwritesAnExistingFile) {
  const std::string dir = fg::testing::make_temp_dir("fg-master-");
  const std::string path = dir + "/master.key";
  ASSERT_TRUE(create_master_key_file(path).ok());
  crypto::SecretBuffer before = *load_master_key({std::nullopt, path});
  EXPECT_EQ(create_master_key_file(path).code(), StatusCode::kConflict);
  EXPECT_TRUE(load_master_key({std::nullopt, path})->equals(before));
}

TEST(MasterKeyTest, MissingKeyRefusesStartUp) {
  const std::string dir = fg::testing::make_temp_dir("fg-master-");
  Result<crypto::SecretBuffer> k = load_master_key({std::nullopt, dir + "/nope.key"});
  EXPECT_EQ(k.status().code(), StatusCode::kUnavailable);
  EXPECT_NE(k.status().message().find("keys init"), std::string::npos);
}

TEST(MasterKeyTest, KeyFileWithGroupOrOtherBitsIsRefused) {
  const std::string dir = fg::testing::make_temp_dir("fg-master-");
  const std::string path = dir + "/master.key";
  std::ofstream(path) << good_key_text() << "\n";
  for (mode_t m : {0640, 0604, 0644, 0660, 0610, 0601}) {
    ASSERT_EQ(::chmod(path.c_str(), m), 0);
    EXPECT_EQ(load_master_key({std::nullopt, path}).status().code(), StatusCode::kInvalidArgument) << std::oct << m;
  }
  ASSERT_EQ(::chmod(path.c_str(), 0400), 0);
  EXPECT_TRUE(load_master_key({std::nullopt, path}).ok());
  const std::string link = dir + "/link.key";
  ASSERT_EQ(::symlink(path.c_str(), link.c_str()), 0);
  EXPECT_EQ(load_master_key({std::nullopt, link}).status().code(), StatusCode::kInvalidArgument);
}

TEST(MasterKeyTest, KnownAndDefaultKeysAreRefused) {
  crypto::Bytes zeros(32, 0), same(32, 0x41), counting(32), ascii;
  for (int i = 0; i < 32; ++i) counting[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(i);
  const std::string text = "changeme-changeme-changeme-chang";
  ascii.assign(text.begin(), text.end());
  for (const crypto::Bytes& k : {zeros, same, counting, ascii}) {
    EXPECT_TRUE(is_weak_master_key(k));
    Result<crypto::SecretBuffer> r = load_master_key({crypto::base64_encode(k), "/unused"});
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(r.status().field(), "FINGUARD_MASTER_KEY");
  }
  for (int i = 0; i < 100; ++i) EXPECT_FALSE(is_weak_master_key(crypto::random_bytes(32)));
}

TEST(MasterKeyTest, EnvironmentKeyMustBeBase64Of32Bytes) {
  EXPECT_TRUE(load_master_key({good_key_text(), "/unused"}).ok());
  EXPECT_FALSE(load_master_key({"not base64", "/unused"}).ok());
  EXPECT_FALSE(load_master_key({crypto::base64_encode(crypto::random_bytes(16)), "/unused"}).ok());
  EXPECT_FALSE(load_master_key({"", "/unused"}).ok());
}

TEST(MasterKeyTest, SourcePrefersTheEnvironment) {
  Config cfg;
  cfg.data_dir = "/srv/fg";
  ::unsetenv("FINGUARD_MASTER_KEY");
  MasterKeySource s = master_key_source(cfg);
  EXPECT_FALSE(s.env_value.has_value());
  EXPECT_EQ(s.file_path, "/srv/fg/keys/master.key");
  const std::string k = good_key_text();
  ::setenv("FINGUARD_MASTER_KEY", k.c_str(), 1);
  s = master_key_source(cfg);
  ::unsetenv("FINGUARD_MASTER_KEY");
  ASSERT_TRUE(s.env_value.has_value());
  EXPECT_EQ(*s.env_value, k);
}

}  // namespace
}  // namespace fg::vault
