#include "core/uuid.hpp"

#include <gtest/gtest.h>

#include <set>

namespace fg {
namespace {

TEST(UuidTest, RandomIsVersion4AndUnique) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    const Uuid u = Uuid::random();
    const std::string s = u.to_string();
    EXPECT_EQ(s[14], '4');
    EXPECT_TRUE(s[19] == '8' || s[19] == '9' || s[19] == 'a' || s[19] == 'b');
    EXPECT_TRUE(seen.insert(s).second);
  }
}

TEST(UuidTest, ParsesAndFormats) {
  Result<Uuid> u = Uuid::parse("123E4567-e89b-12d3-a456-426614174000");
  ASSERT_TRUE(u.ok());
  EXPECT_EQ(u->to_string(), "123e4567-e89b-12d3-a456-426614174000");
  for (const char* bad : {"", "123e4567e89b12d3a456426614174000", "123e4567-e89b-12d3-a456-42661417400g",
                          "123e4567-e89b-12d3-a456-4266141740000", "{123e4567-e89b-12d3-a456-426614174000}"}) {
    EXPECT_FALSE(Uuid::parse(bad).ok()) << bad;
  }
  EXPECT_TRUE(Uuid().is_nil());
}

TEST(UuidTest, TypedIdsDoNotMix) {
  static_assert(!std::is_convertible_v<OrgId, UserId>);
  static_assert(!std::is_constructible_v<OrgId, UserId>);
  static_assert(!std::is_convertible_v<Uuid, OrgId>, "an OrgId is built explicitly");
  const OrgId a = OrgId::random();
  EXPECT_EQ(*OrgId::parse(a.to_string()), a);
}

}  // namespace
}  // namespace fg
