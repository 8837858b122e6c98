#include "core/secret_file.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <fstream>

#include "support/test_env.hpp"

namespace fg {
namespace {

TEST(SecretFileTest, AcceptsOnlyPrivateRegularFiles) {
  const std::string dir = testing::make_temp_dir("fg-secret-");
  const std::string f = dir + "/k";
  std::ofstream(f) << "x";
  ASSERT_EQ(::chmod(f.c_str(), 0600), 0);
  EXPECT_TRUE(check_private_file(f, "master_key_file").ok());
  ASSERT_EQ(::chmod(f.c_str(), 0400), 0);
  EXPECT_TRUE(check_private_file(f, "master_key_file").ok());
  for (mode_t m : {0644, 0640, 0604, 0660, 0601, 0610}) {
    ASSERT_EQ(::chmod(f.c_str(), m), 0);
    Status s = check_private_file(f, "master_key_file");
    EXPECT_FALSE(s.ok()) << std::oct << m;
    EXPECT_EQ(s.field(), "master_key_file");
  }
  ASSERT_EQ(::chmod(f.c_str(), 0600), 0);
  const std::string link = dir + "/link";
  ASSERT_EQ(::symlink(f.c_str(), link.c_str()), 0);
  EXPECT_FALSE(check_private_file(link, "master_key_file").ok());
  EXPECT_FALSE(check_private_file(dir, "master_key_file").ok());
  EXPECT_EQ(check_private_file(dir + "/missing", "master_key_file").code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace fg
