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
constexpr jobs::JobKind kHangs{"unit.hangs", true, 3};  // ignores the stop request until the test lets go
constexpr jobs::JobKind kSlow{"unit.slow", true, 3};    // a fixed runtime; records when and where it started

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
    EXPECT_TRUE(t.add(kHangs, [this](JobContext&) {
                   while (!let_go_.load()) std::this_thread::sleep_for(milliseconds(5));
                   --hanging_;
                   return ok_status();
                 }).ok());
    EXPECT_TRUE(t.add(kSlow, [this](JobContext& ctx) {
                   {
                     std::lock_guard lock(starts_mu_);
                     starts_.emplace_back(ctx.job().org_id, std::chrono::steady_clock::now());
                   }
                   std::this_thread::sleep_for(kSlowRuntime);
                   return ok_status();
                 }).ok());
    return t;
  }

  std::unique_ptr<Worker> worker(int concurrency = 2, milliseconds shutdown = milliseconds(5000),
                                 TimeLimits limits = {}) {
    WorkerOptions o;
    o.time_limits = std::move(limits);
    o.time_limit_grace = milliseconds(200);
    o.concurrency = concurrency;
    o.poll = milliseconds(10);
    o.shutdown_timeout = shutdown;
    o.worker_id = "unit-worker";
    o.run_scheduler = false;
    return std::make_unique<Worker>(*db_, table(), o, metrics_, audit_);
  }

  Uuid enqueue(const jobs::JobKind& kind, const OrgId* org = nullptr) {
    Result<jobs::EnqueueResult> r = queue_->enqueue(scope_for(org ? *org : org_), {kind, "ref", {}, {}});
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
  std::atomic<bool> let_go_{false};
  std::atomic<int> hanging_{0};
  static constexpr milliseconds kSlowRuntime{600};
  std::mutex starts_mu_;
  std::vector<std::pair<OrgId, std::chrono::steady_clock::time_point>> starts_;
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

// Issue 20: a job past its kind's wall-clock limit is asked to stop and fails for good (dead, the
// limit named in last_error, the lease released); the runner then takes the next job.
TEST_P(WorkerTest, JobPastItsTimeLimitIsDeadAndTheRunnerMovesOn) {
  const Uuid waits = enqueue(kWaits);
  auto w = worker(1, milliseconds(5000), {{std::string(kWaits.name), milliseconds(200)}});
  w->start();
  ASSERT_TRUE(eventually([&] { return job(waits).status == jobs::JobStatus::kDead; }));
  const jobs::Job j = job(waits);
  EXPECT_NE(j.last_error.find("wall-clock limit of 200 ms for unit.waits"), std::string::npos) << j.last_error;
  EXPECT_FALSE(j.lease_until.has_value());
  EXPECT_EQ(j.attempts, 1);  // not retried: it would only run out of time again
  const Uuid quick = enqueue(kQuick);
  ASSERT_TRUE(eventually([&] { return job(quick).status == jobs::JobStatus::kSucceeded; }));
  w->stop();
  EXPECT_TRUE(w->wait());
}

// A handler that ignores the stop request is abandoned after the grace: the worker marks its job dead
// and a replacement runner serves the queue while the old one is still stuck.
TEST_P(WorkerTest, HandlerIgnoringItsTimeLimitIsAbandonedAndItsRunnerReplaced) {
  hanging_ = 1;
  const Uuid hangs = enqueue(kHangs);
  auto w = worker(1, milliseconds(5000), {{std::string(kHangs.name), milliseconds(100)}});
  w->start();
  ASSERT_TRUE(eventually([&] { return job(hangs).status == jobs::JobStatus::kDead; }));
  EXPECT_NE(job(hangs).last_error.find("wall-clock limit"), std::string::npos);
  const Uuid quick = enqueue(kQuick);
  ASSERT_TRUE(eventually([&] { return job(quick).status == jobs::JobStatus::kSucceeded; }));
  EXPECT_EQ(hanging_.load(), 1);  // the abandoned handler is still stuck: a new runner ran the job
  let_go_ = true;
  ASSERT_TRUE(eventually([&] { return hanging_.load() == 0; }));
  EXPECT_EQ(job(hangs).status, jobs::JobStatus::kDead);  // its late return changes nothing
  w->stop();
  EXPECT_TRUE(w->wait());
}

// Issue 20: org A queues 10 slow jobs on a 2-runner worker, then org B one: B's job starts within one
// job runtime (on main it waited for all of A's: five runtimes).
TEST_P(WorkerTest, AnotherOrgsJobStartsWithinOneJobRuntime) {
  const OrgId beta = create_org("beta");
  for (int i = 0; i < 10; ++i) enqueue(kSlow);
  auto w = worker(2);
  w->start();
  ASSERT_TRUE(eventually([&] {
    std::lock_guard lock(starts_mu_);
    return starts_.size() == 2;
  }));
  const auto b_enqueued = std::chrono::steady_clock::now();
  enqueue(kSlow, &beta);
  ASSERT_TRUE(eventually([&] {
    std::lock_guard lock(starts_mu_);
    return std::any_of(starts_.begin(), starts_.end(), [&](const auto& s) { return s.first == beta; });
  }));
  {
    std::lock_guard lock(starts_mu_);
    auto it = std::find_if(starts_.begin(), starts_.end(), [&](const auto& s) { return s.first == beta; });
    const auto waited = std::chrono::duration_cast<milliseconds>(it->second - b_enqueued);
    EXPECT_LE(it - starts_.begin(), 3) << "A jobs started before B's";
    EXPECT_LT(waited, kSlowRuntime + milliseconds(300)) << waited.count() << " ms";
  }
  w->stop();
  w->wait();
}

INSTANTIATE_TEST_SUITE_P(Backends, WorkerTest, ::testing::Values(store::Dialect::kSqlite, store::Dialect::kPostgres),
                         store::backend_name);

}  // namespace
}  // namespace fg::worker
