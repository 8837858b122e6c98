// The jobs unit-test fixture: the store fixture (SQLite and PostgreSQL) with a manual clock and a queue.
#pragma once

#include "audit/audit_log.hpp"
#include "jobs/job_queue.hpp"
#include "support/store_fixture.hpp"

namespace fg::jobs {

class JobsTest : public store::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    queue_ = std::make_unique<JobQueue>(*db_, clock_, BackoffPolicy{1000000, 60000000});
    org_ = create_org("alpha");
    other_ = create_org("beta");
  }

  OrgScope admin(const OrgId& org) {
    return testing::ScopeForTest::org(org, {Actor::Kind::kUser, "admin-1", "administrator"});
  }
  OrgScope worker(const OrgId& org) { return testing::ScopeForTest::org(org, {Actor::Kind::kWorker, "worker", ""}); }

  Uuid enqueue(const JobKind& kind, std::string ref = "r", const OrgId* org = nullptr) {
    Result<EnqueueResult> r = queue_->enqueue(scope_for(org ? *org : org_), {kind, std::move(ref), {}, {}});
    EXPECT_TRUE(r.ok()) << r.status().to_string();
    return r.ok() ? r->job_id : Uuid();
  }

  std::optional<Job> claim(const std::string& kind, const std::string& worker_id = "w1",
                           std::chrono::milliseconds lease = std::chrono::seconds(30)) {
    Result<std::optional<Job>> j = queue_->claim({kind}, worker_id, lease);
    EXPECT_TRUE(j.ok()) << j.status().to_string();
    return j.ok() ? *j : std::nullopt;
  }

  ManualClock clock_{Timestamp::from_seconds(1700000000)};
  std::unique_ptr<JobQueue> queue_;
  audit::AuditLog audit_{clock_};
  OrgId org_, other_;
};

}  // namespace fg::jobs
