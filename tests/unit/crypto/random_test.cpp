#include "crypto/random.hpp"

#include <set>

#include <gtest/gtest.h>

#include "crypto/encoding.hpp"

namespace fg::crypto {
namespace {

TEST(RandomTest, TokensAre256BitBase64Url) {
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    std::string t = random_token();
    ASSERT_EQ(t.size(), 43u);
    Result<Bytes> raw = base64url_decode(t);
    ASSERT_TRUE(raw.ok());
    EXPECT_EQ(raw->size(), kTokenBytes);
    EXPECT_TRUE(seen.insert(t).second);
  }
}

TEST(RandomTest, RandomBytesFillsAndDiffers) {
  Bytes a = random_bytes(32), b = random_bytes(32);
  EXPECT_EQ(a.size(), 32u);
  EXPECT_NE(a, b);
  EXPECT_TRUE(random_bytes(0).empty());
}

TEST(RandomTest, EqualConstantTime) {
  EXPECT_TRUE(equal_constant_time(std::string_view("abc"), std::string_view("abc")));
  EXPECT_FALSE(equal_constant_time(std::string_view("abc"), std::string_view("abd")));
  EXPECT_FALSE(equal_constant_time(std::string_view("abc"), std::string_view("ab")));
  EXPECT_TRUE(equal_constant_time(std::string_view(""), std::string_view("")));
}

}  // namespace
}  // namespace fg::crypto
