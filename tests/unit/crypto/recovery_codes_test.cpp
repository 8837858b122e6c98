#include "crypto/recovery_codes.hpp"

#include <regex>
#include <set>

#include <gtest/gtest.h>

namespace fg::crypto {
namespace {

TEST(RecoveryCodesTest, GeneratesDistinctGroupedCodesAndTheirHashes) {
  RecoveryCodes rc = generate_recovery_codes();
  ASSERT_EQ(rc.codes.size(), static_cast<std::size_t>(kRecoveryCodeCount));
  ASSERT_EQ(rc.hashes.size(), rc.codes.size());
  std::set<std::string> seen;
  const std::regex shape("[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}");
  for (std::size_t i = 0; i < rc.codes.size(); ++i) {
    EXPECT_TRUE(std::regex_match(rc.codes[i], shape)) << rc.codes[i];
    EXPECT_TRUE(seen.insert(rc.codes[i]).second);
    EXPECT_EQ(rc.hashes[i], recovery_code_hash(rc.codes[i]));
  }
}

TEST(RecoveryCodesTest, FindsATypedCodeLeniently) {
  RecoveryCodes rc = generate_recovery_codes(3);
  std::string typed = rc.codes[2];
  for (char& c : typed) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  typed.erase(std::remove(typed.begin(), typed.end(), '-'), typed.end());
  EXPECT_EQ(find_recovery_code(typed, rc.hashes), 2);
  EXPECT_EQ(find_recovery_code(rc.codes[0], rc.hashes), 0);
  EXPECT_EQ(find_recovery_code("AAAA-AAAA-AAAA-AAAA", rc.hashes), -1);
  EXPECT_EQ(find_recovery_code(rc.codes[0], {}), -1);
}

}  // namespace
}  // namespace fg::crypto
