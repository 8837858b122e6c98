#include "crypto/public_keyring.hpp"

#include <sys/stat.h>

#include <fstream>

#include <gtest/gtest.h>

#include "crypto/encoding.hpp"
#include "support/test_env.hpp"

namespace fg::crypto {
namespace {

PublicKey some_key(std::uint8_t seed) {
  Bytes raw(32);
  for (std::size_t i = 0; i < raw.size(); ++i) raw[i] = static_cast<std::uint8_t>(seed + i);
  return *PublicKey::from_bytes(raw);
}

void write(const std::string& path, const std::string& text, mode_t mode) {
  std::ofstream(path) << text;
  ASSERT_EQ(::chmod(path.c_str(), mode), 0);
}

TEST(PublicKeyringTest, LoadsTheActiveKey) {
  const std::string dir = fg::testing::make_temp_dir("fg-pubring-");
  PublicKey k = some_key(3);
  write(public_key_path(dir, k.id()), k.to_string() + "\n", 0644);
  write(active_key_path(dir), k.id().to_string() + "\n", 0644);
  Result<PublicKey> got = load_active_public_key(dir);
  ASSERT_TRUE(got.ok()) << got.status().to_string();
  EXPECT_TRUE(*got == k);
}

TEST(PublicKeyringTest, MissingKeyringIsNotFound) {
  const std::string dir = fg::testing::make_temp_dir("fg-pubring-");
  EXPECT_EQ(load_active_public_key(dir).status().code(), StatusCode::kNotFound);
}

TEST(PublicKeyringTest, RefusesAFileThatDoesNotMatchItsIdOrThatOthersCanWrite) {
  const std::string dir = fg::testing::make_temp_dir("fg-pubring-");
  PublicKey k = some_key(3), other = some_key(9);
  write(public_key_path(dir, k.id()), other.to_string(), 0644);
  write(active_key_path(dir), k.id().to_string(), 0644);
  EXPECT_EQ(load_active_public_key(dir).status().code(), StatusCode::kInvalidArgument);
  write(public_key_path(dir, k.id()), k.to_string(), 0666);
  EXPECT_EQ(load_active_public_key(dir).status().code(), StatusCode::kInvalidArgument);
  write(public_key_path(dir, k.id()), k.to_string(), 0644);
  EXPECT_TRUE(load_active_public_key(dir).ok());
  write(active_key_path(dir), k.id().to_string(), 0664);
  EXPECT_EQ(load_active_public_key(dir).status().code(), StatusCode::kInvalidArgument);
}

TEST(PublicKeyringTest, PathsFollowTheLayout) {
  PublicKey k = some_key(1);
  EXPECT_EQ(keys_dir_for("/var/lib/fg"), "/var/lib/fg/keys");
  EXPECT_EQ(public_key_path("/k", k.id()), "/k/worker-" + k.id().to_string() + ".pub");
  EXPECT_EQ(private_key_path("/k", k.id()), "/k/worker-" + k.id().to_string() + ".key");
  EXPECT_EQ(active_key_path("/k"), "/k/active");
}

}  // namespace
}  // namespace fg::crypto
