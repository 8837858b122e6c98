// Fixture for the multi-process worker tests: a migrated database (SQLite file or a fresh PostgreSQL
// database, connected as the application role), a data dir, and `finguard worker` processes.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "jobs/job_queue.hpp"
#include "support/store_fixture.hpp"
#include "support/subprocess.hpp"

namespace fg::jobs {

class WorkerProcessTest : public store::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    data_dir_ = testing::make_temp_dir("fg-worker-");
    queue_ = std::make_unique<JobQueue>(*db_);
  }

  std::map<std::string, std::string> worker_env() const {
    return {{"FINGUARD_DATABASE_URL", url_},
            {"FINGUARD_DATA_DIR", data_dir_},
            {"FINGUARD_ENABLE_TEST_JOB_KINDS", "true"},
            {"FINGUARD_LOG_FORMAT", "json"},
            {"FINGUARD_LOG_LEVEL", "info"}};
  }

  std::unique_ptr<testing::BackgroundProcess> start_worker(std::vector<std::string> extra = {}) {
    std::vector<std::string> argv = {testing::finguard_binary(), "worker", "--poll-ms", "20", "--no-scheduler"};
    argv.insert(argv.end(), extra.begin(), extra.end());
    return std::make_unique<testing::BackgroundProcess>(argv, worker_env());
  }

  Uuid enqueue(const OrgId& org, const JobKind& kind, const std::string& ref) {
    Result<EnqueueResult> r = queue_->enqueue(scope_for(org), {kind, ref, {}, {}});
    EXPECT_TRUE(r.ok()) << r.status().to_string();
    return r.ok() ? r->job_id : Uuid();
  }

  //! Count of jobs in `status` over all orgs.
  std::int64_t count_status(const std::string& status) {
    Result<store::SystemTransaction> tx = db_->begin_system(store::TxMode::kRead);
    if (!tx.ok()) return -1;
    Result<store::RowSet> rs = tx->call(store::PrivilegedCall::kJobQueueDepth, {});
    if (!rs.ok()) return -1;
    std::int64_t n = 0;
    for (std::size_t r = 0; r < rs->size(); ++r) {
      if (rs->text(r, 0) == status) n += rs->int64(r, 2);
    }
    return n;
  }

  Job job(const OrgId& org, const Uuid& id) {
    Result<Job> j = queue_->get(scope_for(org), id);
    EXPECT_TRUE(j.ok()) << j.status().to_string();
    return j.ok() ? *j : Job{};
  }

  //! Polls `pred` every 50 ms until it holds or `timeout` passes.
  template <typename Pred>
  bool eventually(Pred pred, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      if (pred()) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return pred();
  }

  std::string data_dir_;
  std::unique_ptr<JobQueue> queue_;
};

}  // namespace fg::jobs
