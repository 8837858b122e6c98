// Worker loss and shutdown: kill -9 while holding jobs (the idempotent job is re-claimed after its
// lease; the non-idempotent one goes to dead for a human), and SIGTERM during long jobs (a cooperative
// job is released, one cut off at the timeout is released or dead; nothing stays running).
#include <signal.h>

#include "integration/jobs/worker_fixture.hpp"

namespace fg::jobs {
namespace {

class LeaseTest : public WorkerProcessTest {};

TEST_P(LeaseTest, KilledWorkersJobsAreReclaimedOrDead) {
  const OrgId a = new_org("alpha");
  const Uuid safe = enqueue(a, kTestSleepKind, "1500");
  const Uuid unsafe = enqueue(a, kTestSleepUnsafeKind, "1500");
  auto first = start_worker({"--concurrency", "2", "--lease-ms", "1000"});
  ASSERT_TRUE(eventually([&] { return count_status("running") == 2; }, std::chrono::seconds(20))) << first->output();
  first->signal(SIGKILL);
  first->wait();
  EXPECT_EQ(job(a, safe).status, JobStatus::kRunning);  // nobody has noticed yet

  auto second = start_worker({"--concurrency", "2", "--lease-ms", "1000"});
  ASSERT_TRUE(eventually([&] { return job(a, safe).status == JobStatus::kSucceeded; }, std::chrono::seconds(20)))
      << second->output();
  const Job s = job(a, safe);
  EXPECT_EQ(s.attempts, 2);
  const Job u = job(a, unsafe);
  EXPECT_EQ(u.status, JobStatus::kDead);
  EXPECT_EQ(u.attempts, 1);  // never silently run again
  EXPECT_NE(u.last_error.find("lease expired"), std::string::npos);
  second->signal(SIGTERM);
  EXPECT_EQ(second->wait().exit_code, 0);
}

TEST_P(LeaseTest, SigtermReleasesLongJobsAndLeavesNothingRunning) {
  const OrgId a = new_org("alpha");
  const Uuid cooperative = enqueue(a, kTestSleepKind, "60000");
  const Uuid stubborn = enqueue(a, kTestSleepUnsafeKind, "60000");
  auto w = start_worker({"--concurrency", "2", "--shutdown-timeout-ms", "1000"});
  ASSERT_TRUE(eventually([&] { return count_status("running") == 2; }, std::chrono::seconds(20))) << w->output();
  const auto t0 = std::chrono::steady_clock::now();
  w->signal(SIGTERM);
  testing::ProcessResult r = w->wait();
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(10));
  EXPECT_EQ(r.exit_code, 1) << r.output;  // one job had to be cut off
  const Job c = job(a, cooperative);
  EXPECT_EQ(c.status, JobStatus::kQueued);
  EXPECT_EQ(c.attempts, 0);  // a shutdown is not the job's failure
  EXPECT_EQ(job(a, stubborn).status, JobStatus::kDead);
  EXPECT_EQ(count_status("running"), 0);
}

TEST_P(LeaseTest, SigtermLetsAShortJobFinish) {
  const OrgId a = new_org("alpha");
  const Uuid id = enqueue(a, kTestSleepUnsafeKind, "1000");
  auto w = start_worker({"--shutdown-timeout-ms", "10000"});
  ASSERT_TRUE(eventually([&] { return count_status("running") == 1; }, std::chrono::seconds(20))) << w->output();
  w->signal(SIGTERM);
  testing::ProcessResult r = w->wait();
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(job(a, id).status, JobStatus::kSucceeded);
}

INSTANTIATE_TEST_SUITE_P(Backends, LeaseTest, ::testing::Values(store::Dialect::kSqlite, store::Dialect::kPostgres),
                         store::backend_name);

}  // namespace
}  // namespace fg::jobs
