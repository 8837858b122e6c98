#include "vault/internal/file_io.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "support/test_env.hpp"

namespace fg::vault::internal {
namespace {

std::string slurp(const std::string& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(FileIoTest, WriteNewFileCreatesWithModeAndRefusesToOverwrite) {
  const std::string dir = fg::testing::make_temp_dir("fg-fileio-");
  const std::string p = dir + "/a/b/key";
  ASSERT_TRUE(write_new_file(p, "one", 0600).ok());
  struct stat st {};
  ASSERT_EQ(::stat(p.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_EQ(write_new_file(p, "two", 0600).code(), StatusCode::kConflict);
  EXPECT_EQ(slurp(p), "one");
}

TEST(FileIoTest, WriteNewFileDoesNotFollowASymlink) {
  const std::string dir = fg::testing::make_temp_dir("fg-fileio-");
  const std::string target = dir + "/target";
  const std::string link = dir + "/link";
  ASSERT_EQ(::symlink(target.c_str(), link.c_str()), 0);
  EXPECT_FALSE(write_new_file(link, "x", 0600).ok());
  EXPECT_NE(::access(target.c_str(), F_OK), 0);
}

TEST(FileIoTest, ReplaceIsAtomicAndReadSecretRoundTrips) {
  const std::string dir = fg::testing::make_temp_dir("fg-fileio-");
  const std::string p = dir + "/active";
  ASSERT_TRUE(replace_file_atomically(p, "first", 0644).ok());
  ASSERT_TRUE(replace_file_atomically(p, "second", 0644).ok());
  EXPECT_EQ(slurp(p), "second");
  EXPECT_NE(::access((p + ".tmp").c_str(), F_OK), 0);
  Result<crypto::SecretBuffer> b = read_secret_file(p, 100);
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->view(), "second");
  EXPECT_EQ(read_secret_file(p, 3).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(read_secret_file(dir + "/none", 100).status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace fg::vault::internal
