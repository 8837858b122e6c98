// Password policy (NIST SP 800-63B Rev. 4 numbers from CORRECTIONS.md) and org slugs.
#include "identity/password_policy.hpp"

#include <gtest/gtest.h>

#include "identity/slug.hpp"

namespace fg::identity {
namespace {

TEST(PasswordPolicy, FifteenCharactersWithoutMfaEightWithIt) {
  EXPECT_EQ(PasswordPolicy::for_org(false).min_chars, 15u);
  EXPECT_EQ(PasswordPolicy::for_org(true).min_chars, 8u);
  EXPECT_GE(PasswordPolicy::for_org(true).max_chars, 64u);
  const PasswordPolicy p = PasswordPolicy::for_org(false);
  EXPECT_FALSE(check_password(p, "Tr1cky-but-14c", "a@b.test").ok());
  EXPECT_TRUE(check_password(p, "Tr1cky-but-15ch", "a@b.test").ok());
  EXPECT_TRUE(check_password(PasswordPolicy::for_org(true), "zebra-k9-lamp", "a@b.test").ok());
}

TEST(PasswordPolicy, StrictestAmongTheUsersOrgs) {
  EXPECT_EQ(PasswordPolicy::strictest({true, true}).min_chars, 8u);
  EXPECT_EQ(PasswordPolicy::strictest({true, false}).min_chars, 15u);
  EXPECT_EQ(PasswordPolicy::strictest({}).min_chars, 15u);
}

TEST(PasswordPolicy, AllowsAtLeast64AndCountsCodePoints) {
  const PasswordPolicy p = PasswordPolicy::for_org(false);
  EXPECT_TRUE(check_password(p, std::string(64, 'x') + "q7", "a@b.test").ok());
  EXPECT_FALSE(check_password(p, std::string(129, 'y'), "a@b.test").ok());
  // 15 code points of 2 bytes each: long enough by characters.
  std::string umlauts;
  for (int i = 0; i < 15; ++i) umlauts += (i % 2 ? "\xc3\xa4" : "\xc3\xb6");
  EXPECT_TRUE(check_password(p, umlauts, "a@b.test").ok());
  EXPECT_FALSE(check_password(p, std::string(20, '\xff'), "a@b.test").ok());
}

TEST(PasswordPolicy, RejectsCommonPasswordsAndTheEmail) {
  const PasswordPolicy p = PasswordPolicy::for_org(true);
  EXPECT_TRUE(is_common_password("password123"));
  EXPECT_TRUE(is_common_password("PassWord123"));
  EXPECT_TRUE(is_common_password("qwertyuiop"));
  Status s = check_password(p, "iloveyou2024", "a@b.test");
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.field(), "password");
  EXPECT_EQ(s.message().find("iloveyou"), std::string::npos) << "never echo the password";
  EXPECT_FALSE(check_password(p, "Alice@Example.test", "alice@example.test").ok());
}

TEST(Slug, DerivedFromTheName) {
  EXPECT_EQ(*make_slug("Acme Corp"), "acme-corp");
  EXPECT_EQ(*make_slug("  ACME -- Corp!! 2 "), "acme-corp-2");
  EXPECT_EQ(*make_slug("demo"), "demo");
  EXPECT_FALSE(make_slug("!!!").ok());
  EXPECT_FALSE(make_slug("").ok());
  EXPECT_FALSE(make_slug(std::string(101, 'a')).ok());
  EXPECT_EQ(make_slug("a\nb").status().field(), "name");
}

}  // namespace
}  // namespace fg::identity
