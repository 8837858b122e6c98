#include "worker/handler_table.hpp"

#include <gtest/gtest.h>

namespace fg::worker {
namespace {

Status ok_handler(JobContext&) {
  return ok_status();
}

TEST(HandlerTableTest, FindsRegisteredKindsOnly) {
  HandlerTable t;
  EXPECT_TRUE(t.empty());
  ASSERT_TRUE(t.add(jobs::kTestCountKind, ok_handler).ok());
  ASSERT_TRUE(t.add(jobs::kKeyRewrapKind, ok_handler).ok());
  EXPECT_FALSE(t.empty());
  EXPECT_NE(t.find("test.count"), nullptr);
  EXPECT_NE(t.find("keys.rewrap"), nullptr);
  EXPECT_EQ(t.find("ingest.upload"), nullptr);
  EXPECT_EQ(t.find(""), nullptr);
}

TEST(HandlerTableTest, KindsAreSortedSoClaimsAskForAStableList) {
  HandlerTable t;
  ASSERT_TRUE(t.add(jobs::kTestSleepKind, ok_handler).ok());
  ASSERT_TRUE(t.add(jobs::kKeyRewrapKind, ok_handler).ok());
  ASSERT_TRUE(t.add(jobs::kTestCountKind, ok_handler).ok());
  EXPECT_EQ(t.kinds(), (std::vector<std::string>{"keys.rewrap", "test.count", "test.sleep"}));
}

TEST(HandlerTableTest, RefusesADuplicateKind) {
  HandlerTable t;
  ASSERT_TRUE(t.add(jobs::kTestCountKind, ok_handler).ok());
  EXPECT_EQ(t.add(jobs::kTestCountKind, ok_handler).code(), StatusCode::kConflict);
  EXPECT_EQ(t.kinds().size(), 1u);
}

TEST(HandlerTableTest, RefusesAnEmptyKindOrHandler) {
  HandlerTable t;
  EXPECT_EQ(t.add(jobs::JobKind{"", true, 1}, ok_handler).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(t.add(jobs::kTestCountKind, JobHandler()).code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(t.empty());
}

TEST(HandlerTableTest, PermanentFailuresAreTheInputAndAccessCodes) {
  EXPECT_TRUE(is_permanent_failure(invalid_argument_error("bad ref")));
  EXPECT_TRUE(is_permanent_failure(not_found_error("no upload")));
  EXPECT_TRUE(is_permanent_failure(permission_denied_error("wrong org")));
  EXPECT_FALSE(is_permanent_failure(unavailable_error("store busy")));
  EXPECT_FALSE(is_permanent_failure(internal_error("boom")));
  EXPECT_FALSE(is_permanent_failure(conflict_error("lease lost")));
  EXPECT_FALSE(is_permanent_failure(resource_exhausted_error("quota")));
}

}  // namespace
}  // namespace fg::worker
