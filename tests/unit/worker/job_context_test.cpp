#include "worker/job_context.hpp"

#include <gtest/gtest.h>

#include "support/store_fixture.hpp"

namespace fg::worker {
namespace {

class JobContextTest : public store::StoreTest {};

TEST_P(JobContextTest, StopFlagAndInterruption) {
  jobs::Job job;
  job.org_id = OrgId::random();
  std::atomic<bool> stop{false};
  JobContext ctx(job, scope_for(job.org_id), *db_, stop);
  EXPECT_FALSE(ctx.stop_requested());
  EXPECT_FALSE(ctx.was_interrupted());
  stop = true;
  EXPECT_TRUE(ctx.stop_requested());
  const Status s = ctx.interrupted();
  EXPECT_EQ(s.code(), StatusCode::kUnavailable);  // transient: never makes the job dead
  EXPECT_TRUE(ctx.was_interrupted());
  EXPECT_EQ(&ctx.job(), &job);
  EXPECT_EQ(ctx.scope().org_id(), job.org_id);
}

INSTANTIATE_TEST_SUITE_P(Backends, JobContextTest, ::testing::Values(store::Dialect::kSqlite), store::backend_name);

}  // namespace
}  // namespace fg::worker
