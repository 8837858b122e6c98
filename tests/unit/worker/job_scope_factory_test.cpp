#include "worker/job_scope_factory.hpp"

#include <gtest/gtest.h>

namespace fg::worker {
namespace {

jobs::Job claimed_by(const std::string& worker_id) {
  jobs::Job j;
  j.id = Uuid::random();
  j.org_id = OrgId::random();
  j.kind = "test.count";
  j.status = jobs::JobStatus::kRunning;
  j.worker_id = worker_id;
  return j;
}

TEST(JobScopeFactoryTest, ScopeOfAClaimedJobIsItsOrgWithTheWorkerAsActor) {
  JobScopeFactory f("w-7");
  const jobs::Job j = claimed_by("w-7");
  const OrgScope s = f.for_claimed_job(j);
  EXPECT_EQ(s.org_id(), j.org_id);
  EXPECT_EQ(s.actor().kind, Actor::Kind::kWorker);
  EXPECT_EQ(s.actor().id, "worker:w-7");
  EXPECT_EQ(s.actor().role, "");  // a worker holds no org role
}

TEST(JobScopeFactoryTest, DueScheduleScopeIsTheSchedulesOrg) {
  JobScopeFactory f("w-1");
  const OrgId org = OrgId::random();
  const OrgScope s = f.for_due_schedule(org);
  EXPECT_EQ(s.org_id(), org);
  EXPECT_EQ(s.actor().id, "worker:w-1");
  EXPECT_EQ(f.worker_id(), "w-1");
}

using JobScopeFactoryDeathTest = ::testing::Test;

TEST_F(JobScopeFactoryDeathTest, RefusesAJobAnotherWorkerHolds) {
  JobScopeFactory f("w-1");
  EXPECT_DEATH((void)f.for_claimed_job(claimed_by("w-2")), "");
}

TEST_F(JobScopeFactoryDeathTest, RefusesAJobThatIsNotRunning) {
  JobScopeFactory f("w-1");
  jobs::Job j = claimed_by("w-1");
  j.status = jobs::JobStatus::kQueued;
  EXPECT_DEATH((void)f.for_claimed_job(j), "");
}

}  // namespace
}  // namespace fg::worker
