// The Worker in-process on a real store: it runs only the kinds in its table, records outcomes, and on
// shutdown gives back what it could not finish (released, attempt not counted, or dead for a
// non-idempotent kind cut off at the timeout) so nothing stays running.
#include "worker/worker.hpp"

#include <gtest/gtest.h>

#include "support/store_fixture.hpp"

namespace fg::worker {
namespace {

using std::chrono::milliseconds;

constexpr jobs::JobKind kQuick{"unit.quick", true, 3};
constexpr jobs::JobKind kWaits{"unit.waits", true, 3};        // stops at a safe point when asked
constexpr jobs::JobKind kStubborn{"unit.stubborn", true, 3};  // ignores the stop request
constexpr jobs::JobKind kStubbornOnce{"unit.stubborn_once", false, 1};
constexpr jobs::JobKind kBroken{"unit.broken", true, 2};
constexpr jobs::JobKind kThrows{"unit.throws", true, 2};

class WorkerTest : public store::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    org_ = create_org("alpha");
    queue_ = std::make_unique<jobs::JobQueue>(*db_);
  }

  HandlerTable table() {
    HandlerTable t;
    EXPECT_TRUE(t.add(kQuick, [this](JobContext& ctx) {
                   EXPECT_EQ(ctx.scope().org_id(), ctx.job().org_id);
                   ++quick_runs_;
                   return ok_status();
                 }).ok());
    EXPECT_TRUE(t.add(kWaits, [](JobContext& ctx) {
                   while (!ctx.stop_requested()) std::this_thread::sleep_for(milliseconds(5));
                   return ctx.interrupted();
                 }).ok());
    auto stubborn = [](JobContext&) {
      std::this_thread::sleep_for(milliseconds(1200));
      return ok_status();
    };
    EXPECT_TRUE(t.add(kStubborn, stubborn).ok());
    EXPECT_TRUE(t.add(kStubbornOnce, stubborn).ok());
    EXPECT_TRUE(t.add(kBroken, [](JobContext&) { return invalid_argument_error("ref: no such thing", "ref"); }).ok());
    EXPECT_TRUE(t.add(kThrows, [](JobContext&) -> Status { throw std::runtime_error("oops"); }).ok());
    return t;
  }

  std::unique_ptr<Worker> worker(int concurrency = 2, milliseconds shutdown = milliseconds(5000)) {
    WorkerOptions o;
    o.concurrency = concurrency;
    o.poll = milliseconds(10);
    o.shutdown_timeout = shutdown;
    o.worker_id = "unit-worker";
    o.run_scheduler = false;
    return std::make_unique<Worker>(*db_, table(), o, metrics_, audit_);
  }

  Uuid enqueue(const jobs::JobKind& kind) {
    Result<jobs::EnqueueResult> r = queue_->enqueue(scope_for(org_), {kind, "ref", {}, {}});
    EXPECT_TRUE(r.ok()) << r.status().to_string();
    return r.ok() ? r->job_id : Uuid();
  }

  jobs::Job job(const Uuid& id) { return *queue_->get(scope_for(org_), id); }

  template <typename Pred>
  bool eventually(Pred pred, milliseconds timeout = milliseconds(10000)) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      if (pred()) return true;
      std::this_thread::sleep_for(milliseconds(10));
    }
    return pred();
  }

  OrgId org_;
  std::unique_ptr<jobs::JobQueue> queue_;
  jobs::JobMetrics metrics_;
  audit::AuditLog audit_;
  std::atomic<int> quick_runs_{0};
};

TEST_P(WorkerTest, RunsJobsOfItsKindsAndLeavesOthersQueued) {
  std::vector<Uuid> quick;
  for (int i = 0; i < 10; ++i) quick.push_back(enqueue(kQuick));
  const Uuid foreign = enqueue(jobs::JobKind{"unit.nobody", true, 1});
  auto w = worker();
  w->start();
  ASSERT_TRUE(eventually([&] { return w->finished_count() == 10; }));
  for (const Uuid& id : quick) EXPECT_EQ(job(id).status, jobs::JobStatus::kSucceeded);
  EXPECT_EQ(quick_runs_.load(), 10);
  EXPECT_EQ(job(foreign).status, jobs::JobStatus::kQueued);
  w->stop();
  EXPECT_TRUE(w->wait());
  EXPECT_NE(metrics_.render().find("fg_job_outcomes_total{kind=\"unit.quick\",status=\"succeeded\"} 10"),
            std::string::npos);
}

TEST_P(WorkerTest, PermanentErrorIsDeadAndAThrowIsARetriedFailure) {
  const Uuid broken = enqueue(kBroken);
  const Uuid throws = enqueue(kThrows);
  auto w = worker();
  w->start();
  ASSERT_TRUE(eventually([&] { return job(broken).status == jobs::JobStatus::kDead; }));
  ASSERT_TRUE(eventually([&] { return job(throws).status == jobs::JobStatus::kFailed; }));
  w->stop();
  EXPECT_TRUE(w->wait());
  EXPECT_EQ(job(broken).attempts, 1);  // not retried: the input is wrong
  EXPECT_NE(job(throws).last_error.find("internal"), std::string::npos);
}

TEST_P(WorkerTest, ShutdownReleasesAJobStoppedAtASafePointWithoutCountingIt) {
  const Uuid id = enqueue(kWaits);
  auto w = worker();
  w->start();
  ASSERT_TRUE(eventually([&] { return job(id).status == jobs::JobStatus::kRunning; }));
  w->stop();
  EXPECT_TRUE(w->wait());  // the handler stopped by itself
  const jobs::Job j = job(id);
  EXPECT_EQ(j.status, jobs::JobStatus::kQueued);
  EXPECT_EQ(j.attempts, 0);
  EXPECT_TRUE(j.worker_id.empty());
}

TEST_P(WorkerTest, ShutdownTimeoutReleasesIdempotentAndKillsNonIdempotentJobs) {
  const Uuid again = enqueue(kStubborn);
  const Uuid once = enqueue(kStubbornOnce);
  auto w = worker(2, milliseconds(100));
  w->start();
  ASSERT_TRUE(eventually(
      [&] { return job(again).status == jobs::JobStatus::kRunning && job(once).status == jobs::JobStatus::kRunning; }));
  w->stop();
  EXPECT_FALSE(w->wait());  // two handlers ignored the stop request
  EXPECT_EQ(job(again).status, jobs::JobStatus::kQueued);
  EXPECT_EQ(job(once).status, jobs::JobStatus::kDead);
  // The abandoned handlers return later; the worker must not complete the jobs it gave back.
  w.reset();
  EXPECT_EQ(job(again).status, jobs::JobStatus::kQueued);
  EXPECT_EQ(job(once).status, jobs::JobStatus::kDead);
}

TEST_P(WorkerTest, StopIsIdempotentAndAnIdleWorkerStopsCleanly) {
  auto w = worker(4);
  w->start();
  w->stop();
  w->stop();
  EXPECT_TRUE(w->wait());
  const Uuid id = enqueue(kQuick);
  std::this_thread::sleep_for(milliseconds(100));
  EXPECT_EQ(job(id).status, jobs::JobStatus::kQueued);  // a stopped worker claims nothing
}

INSTANTIATE_TEST_SUITE_P(Backends, WorkerTest, ::testing::Values(store::Dialect::kSqlite, store::Dialect::kPostgres),
                         store::backend_name);

}  // namespace
}  // namespace fg::worker
