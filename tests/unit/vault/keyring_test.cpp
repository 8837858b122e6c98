#include "vault/keyring.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "crypto/public_keyring.hpp"
#include "support/test_env.hpp"

namespace fg::vault {
namespace {

struct Ring {
  std::string dir;
  MasterKeySource master;
};

Ring make_ring() {
  Ring r;
  r.dir = fg::testing::make_temp_dir("fg-ring-") + "/keys";
  r.master = {std::nullopt, r.dir + "/master.key"};
  return r;
}

mode_t mode_of(const std::string& p) {
  struct stat st {};
  EXPECT_EQ(::stat(p.c_str(), &st), 0) << p;
  return st.st_mode & 0777;
}

TEST(KeyringTest, InitCreatesMasterKeyAndFirstKeypairWithPrivateModes) {
  Ring r = make_ring();
  Result<crypto::KeyId> id = init_keyring(r.dir, r.master);
  ASSERT_TRUE(id.ok()) << id.status().to_string();
  EXPECT_EQ(mode_of(r.master.file_path), 0600u);
  EXPECT_EQ(mode_of(crypto::private_key_path(r.dir, *id)), 0600u);
  EXPECT_EQ(mode_of(crypto::public_key_path(r.dir, *id)), 0644u);
  EXPECT_EQ(mode_of(r.dir) & 077, 0u);
  EXPECT_EQ(crypto::load_active_public_key(r.dir)->id(), *id);
}

TEST(KeyringTest, InitRefusesToOverwrite) {
  Ring r = make_ring();
  ASSERT_TRUE(init_keyring(r.dir, r.master).ok());
  EXPECT_EQ(init_keyring(r.dir, r.master).status().code(), StatusCode::kConflict);
}

TEST(KeyringTest, InitWithAnEnvironmentKeyWritesNoMasterFile) {
  Ring r = make_ring();
  r.master.env_value = "p2ZzRzv3Xh2U1Z8qk4WcN7bq3m9sJt6yLr0eAuFgHdE=";
  ASSERT_TRUE(init_keyring(r.dir, r.master).ok());
  EXPECT_NE(::access(r.master.file_path.c_str(), F_OK), 0);
}

TEST(KeyringTest, RotateAddsAKeyKeepsTheOldOneAndSwitchesActive) {
  Ring r = make_ring();
  crypto::KeyId first = *init_keyring(r.dir, r.master);
  crypto::SecretBuffer master = *load_master_key(r.master);
  Result<crypto::KeyId> second = rotate_keyring(r.dir, master);
  ASSERT_TRUE(second.ok()) << second.status().to_string();
  EXPECT_NE(*second, first);
  EXPECT_EQ(*crypto::load_active_key_id(r.dir), *second);
  std::vector<KeyInfo> keys = *list_keys(r.dir);
  ASSERT_EQ(keys.size(), 2u);
  for (const KeyInfo& k : keys) {
    EXPECT_TRUE(k.has_private_key);
    EXPECT_EQ(k.active, k.id == *second);
  }
}

TEST(KeyringTest, RotateWithTheWrongMasterKeyChangesNothing) {
  Ring r = make_ring();
  crypto::KeyId first = *init_keyring(r.dir, r.master);
  crypto::SecretBuffer wrong = crypto::SecretBuffer::random(32);
  EXPECT_EQ(rotate_keyring(r.dir, wrong).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(*crypto::load_active_key_id(r.dir), first);
  EXPECT_EQ(list_keys(r.dir)->size(), 1u);
}

TEST(KeyringTest, RetireRefusesTheActiveKeyAndKeysStillInUse) {
  Ring r = make_ring();
  crypto::KeyId first = *init_keyring(r.dir, r.master);
  crypto::KeyId second = *rotate_keyring(r.dir, *load_master_key(r.master));
  auto none = [](const crypto::KeyId&) -> Result<std::uint64_t> { return std::uint64_t{0}; };
  auto three = [](const crypto::KeyId&) -> Result<std::uint64_t> { return std::uint64_t{3}; };
  EXPECT_EQ(retire_key(r.dir, second, none).code(), StatusCode::kConflict);
  Status busy = retire_key(r.dir, first, three);
  EXPECT_EQ(busy.code(), StatusCode::kConflict);
  EXPECT_NE(busy.message().find("3 secret"), std::string::npos);
  EXPECT_EQ(::access(crypto::private_key_path(r.dir, first).c_str(), F_OK), 0);
  ASSERT_TRUE(retire_key(r.dir, first, none).ok());
  EXPECT_NE(::access(crypto::private_key_path(r.dir, first).c_str(), F_OK), 0);
  EXPECT_EQ(retire_key(r.dir, first, none).code(), StatusCode::kNotFound);
}

TEST(KeyringTest, RetirePropagatesAUsageCountError) {
  Ring r = make_ring();
  crypto::KeyId first = *init_keyring(r.dir, r.master);
  ASSERT_TRUE(rotate_keyring(r.dir, *load_master_key(r.master)).ok());
  auto broken = [](const crypto::KeyId&) -> Result<std::uint64_t> { return unavailable_error("db down"); };
  EXPECT_EQ(retire_key(r.dir, first, broken).code(), StatusCode::kUnavailable);
  EXPECT_EQ(::access(crypto::private_key_path(r.dir, first).c_str(), F_OK), 0);
}

}  // namespace
}  // namespace fg::vault
