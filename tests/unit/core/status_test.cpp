#include "core/status.hpp"

#include <gtest/gtest.h>

#include "core/result.hpp"

namespace fg {
namespace {

Result<int> half(int v) {
  if (v % 2 != 0) return invalid_argument_error("odd", "v");
  return v / 2;
}

Result<int> quarter(int v) {
  int h = 0;
  FG_ASSIGN_OR_RETURN(h, half(v));
  return half(h);
}

Status check_even(int v) {
  FG_TRY(half(v));
  return ok_status();
}

TEST(StatusTest, CodesHaveCanonicalNames) {
  EXPECT_EQ(status_code_name(StatusCode::kInvalidArgument), "invalid_argument");
  EXPECT_EQ(status_code_name(StatusCode::kUnauthenticated), "unauthenticated");
  EXPECT_EQ(status_code_name(StatusCode::kPermissionDenied), "permission_denied");
  EXPECT_EQ(status_code_name(StatusCode::kNotFound), "not_found");
  EXPECT_EQ(status_code_name(StatusCode::kConflict), "conflict");
  EXPECT_EQ(status_code_name(StatusCode::kResourceExhausted), "resource_exhausted");
  EXPECT_EQ(status_code_name(StatusCode::kUnavailable), "unavailable");
  EXPECT_EQ(status_code_name(StatusCode::kInternal), "internal");
}

TEST(StatusTest, ContextKeepsCodeAndField) {
  Status s = invalid_argument_error("bad date", "from").with_context("costs query");
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.field(), "from");
  EXPECT_EQ(s.message(), "costs query: bad date");
  EXPECT_EQ(s.to_string(), "invalid_argument: costs query: bad date [from]");
}

TEST(StatusTest, ResultPropagates) {
  EXPECT_EQ(*quarter(8), 2);
  EXPECT_FALSE(quarter(6).ok());
  EXPECT_EQ(quarter(6).status().field(), "v");
  EXPECT_TRUE(check_even(4).ok());
  EXPECT_FALSE(check_even(3).ok());
  EXPECT_EQ(half(3).value_or(-1), -1);
}

TEST(StatusDeathTest, ValueOfFailedResultAborts) {
  Result<int> r = half(3);
  EXPECT_DEATH((void)r.value(), "check failed");
}

}  // namespace
}  // namespace fg
