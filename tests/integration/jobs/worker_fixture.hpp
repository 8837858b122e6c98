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

  //! An org whose jobs count_status() sees.
  OrgId new_org(const std::string& slug) {
    orgs_.push_back(create_org(slug));
    return orgs_.back();
  }

  //! Count of jobs in `status` over the orgs made by new_org().
  std::int64_t count_status(const std::string& status) {
    std::int64_t n = 0;
    for (const OrgId& org : orgs_) {
      Result<store::OrgTransaction> tx = db_->begin(scope_for(org), store::TxMode::kRead);
      if (!tx.ok()) return -1;
      Result<store::RowSet> rs =
          tx->query("SELECT count(*) FROM jobs WHERE org_id = $1 AND status = $2", {org, status});
      if (!rs.ok()) return -1;
      n += rs->int64(0, 0);
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
  std::vector<OrgId> orgs_;
};

}  // namespace fg::jobs
