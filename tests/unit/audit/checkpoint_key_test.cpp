// The checkpoint key: made once (0600 in a 0700 directory), read back the same, and refused when its
// file is loose, a symlink or the wrong size (fail closed: a key others can read signs nothing).
#include "audit/checkpoint_key.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "audit/checkpoint.hpp"
#include "support/test_env.hpp"

namespace fg::audit {
namespace {

TEST(CheckpointKeyTest, IsCreatedPrivateOnceAndReadBackTheSame) {
  const std::string dir = testing::make_temp_dir("fg-cpkey-");
  Result<std::vector<std::uint8_t>> first = load_or_create_checkpoint_key(dir);
  ASSERT_TRUE(first.ok()) << first.status().to_string();
  EXPECT_EQ(first->size(), 32u);
  struct stat st {};
  ASSERT_EQ(::stat(checkpoint_key_path(dir).c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  ASSERT_EQ(::stat((dir + "/keys").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0077, 0u);
  Result<std::vector<std::uint8_t>> again = load_or_create_checkpoint_key(dir);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, *first);
}

TEST(CheckpointKeyTest, LoosePermissionsSymlinksAndWrongSizesAreRefused) {
  const std::string dir = testing::make_temp_dir("fg-cpkey-");
  ASSERT_TRUE(load_or_create_checkpoint_key(dir).ok());
  const std::string path = checkpoint_key_path(dir);
  ASSERT_EQ(::chmod(path.c_str(), 0644), 0);
  EXPECT_FALSE(load_or_create_checkpoint_key(dir).ok());
  ASSERT_EQ(::chmod(path.c_str(), 0600), 0);

  const std::string other = testing::make_temp_dir("fg-cpkey-");
  std::filesystem::create_directories(other + "/keys");
  ASSERT_EQ(::symlink(path.c_str(), checkpoint_key_path(other).c_str()), 0);
  EXPECT_FALSE(load_or_create_checkpoint_key(other).ok());

  const std::string short_dir = testing::make_temp_dir("fg-cpkey-");
  std::filesystem::create_directories(short_dir + "/keys");
  std::ofstream(checkpoint_key_path(short_dir)) << "too short";
  ASSERT_EQ(::chmod(checkpoint_key_path(short_dir).c_str(), 0600), 0);
  Result<std::vector<std::uint8_t>> r = load_or_create_checkpoint_key(short_dir);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
}

TEST(CheckpointKeyTest, CheckpointLinesAppendPrivatelyAndParseBack) {
  const std::string dir = testing::make_temp_dir("fg-cpkey-");
  Result<std::vector<std::uint8_t>> key = load_or_create_checkpoint_key(dir);
  ASSERT_TRUE(key.ok());
  const std::string path = checkpoint_file_path(dir, "org-1");
  Checkpoint cp{"org-1", 7, std::string(64, 'a'), 1700000000000000, ""};
  // A real signature comes from make_checkpoint; here the file mechanics: two appends, two lines.
  ASSERT_TRUE(append_checkpoint_line(path, cp).ok());
  cp.seq = 8;
  ASSERT_TRUE(append_checkpoint_line(path, cp).ok());
  std::ifstream in(path);
  std::string line;
  int lines = 0;
  while (std::getline(in, line)) ++lines;
  EXPECT_EQ(lines, 2);
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
}

}  // namespace
}  // namespace fg::audit
