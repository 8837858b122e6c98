#include "jobs/job_queue.hpp"

#include <gtest/gtest.h>

#include "audit/audit_reader.hpp"
#include "unit/jobs/jobs_fixture.hpp"

namespace fg::jobs {
namespace {

constexpr JobKind kOnce{"once", false, 1};
constexpr JobKind kTwice{"twice", true, 2};

TEST_P(JobsTest, EnqueueThenClaimThenComplete) {
  const Uuid id = enqueue(kTwice, "upload-1");
  std::optional<Job> job = claim("twice");
  ASSERT_TRUE(job);
  EXPECT_EQ(job->id, id);
  EXPECT_EQ(job->org_id, org_);
  EXPECT_EQ(job->status, JobStatus::kRunning);
  EXPECT_EQ(job->attempts, 1);
  EXPECT_EQ(job->ref_id, "upload-1");
  EXPECT_FALSE(claim("twice"));  // nothing else ready
  ASSERT_TRUE(queue_->complete(worker(org_), *job).ok());
  Result<Job> done = queue_->get(scope_for(org_), id);
  ASSERT_TRUE(done.ok());
  EXPECT_EQ(done->status, JobStatus::kSucceeded);
  EXPECT_TRUE(done->finished_at.has_value());
  // A second completion is refused: the job is no longer running under this lease.
  EXPECT_EQ(queue_->complete(worker(org_), *job).code(), StatusCode::kConflict);
}

TEST_P(JobsTest, UniqueKeyReturnsThePendingJob) {
  EnqueueRequest req{kTwice, "src", std::string("src:2024-01"), {}};
  Result<EnqueueResult> a = queue_->enqueue(scope_for(org_), req);
  Result<EnqueueResult> b = queue_->enqueue(scope_for(org_), req);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_TRUE(a->created);
  EXPECT_FALSE(b->created);
  EXPECT_EQ(a->job_id, b->job_id);
  // Another org has its own key space.
  Result<EnqueueResult> c = queue_->enqueue(scope_for(other_), req);
  ASSERT_TRUE(c.ok());
  EXPECT_TRUE(c->created);
  // Once finished, the key is free again.
  std::optional<Job> job = claim("twice");
  ASSERT_TRUE(job);
  std::optional<Job> job2 = claim("twice");
  ASSERT_TRUE(job2);
  ASSERT_TRUE(queue_->complete(worker(org_), job->org_id == org_ ? *job : *job2).ok());
  Result<EnqueueResult> d = queue_->enqueue(scope_for(org_), req);
  ASSERT_TRUE(d.ok());
  EXPECT_TRUE(d->created);
}

TEST_P(JobsTest, RefusesOverlongReferences) {
  Result<EnqueueResult> r = queue_->enqueue(scope_for(org_), {kTwice, std::string(300, 'x'), {}, {}});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().field(), "ref_id");
}

TEST_P(JobsTest, IdempotentFailureBacksOffThenDies) {
  const Uuid id = enqueue(kTwice);
  std::optional<Job> job = claim("twice");
  ASSERT_TRUE(job);
  Result<JobStatus> s = queue_->fail(worker(org_), *job, unavailable_error("provider down"), false);
  ASSERT_TRUE(s.ok()) << s.status().to_string();
  EXPECT_EQ(*s, JobStatus::kFailed);
  EXPECT_FALSE(claim("twice"));  // backing off: 0.5..1 s for the first retry
  clock_.advance_seconds(2);
  job = claim("twice");
  ASSERT_TRUE(job);
  EXPECT_EQ(job->attempts, 2);
  s = queue_->fail(worker(org_), *job, unavailable_error("provider down"), false);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(*s, JobStatus::kDead);  // attempts exhausted
  Result<Job> dead = queue_->get(scope_for(org_), id);
  EXPECT_EQ(dead->last_error, "unavailable: provider down");
  clock_.advance_seconds(3600);
  EXPECT_FALSE(claim("twice"));
}

TEST_P(JobsTest, NonIdempotentFailureGoesStraightToDead) {
  enqueue(kOnce);
  std::optional<Job> job = claim("once");
  ASSERT_TRUE(job);
  Result<JobStatus> s = queue_->fail(worker(org_), *job, internal_error("boom"), false);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(*s, JobStatus::kDead);
}

TEST_P(JobsTest, ExpiredLeaseIsReapedAndTheOldHolderIsFencedOut) {
  enqueue(kTwice, "idem");
  enqueue(kOnce, "unsafe");
  std::optional<Job> a = claim("twice", "w1", std::chrono::seconds(5));
  std::optional<Job> b = claim("once", "w1", std::chrono::seconds(5));
  ASSERT_TRUE(a && b);
  ASSERT_TRUE(queue_->heartbeat(worker(org_), *a, std::chrono::seconds(5)).ok());
  Result<std::vector<ReapedJob>> none = queue_->reap_expired();
  ASSERT_TRUE(none.ok()) << none.status().to_string();
  EXPECT_TRUE(none->empty());
  clock_.advance_seconds(6);
  Result<std::vector<ReapedJob>> reaped = queue_->reap_expired();
  ASSERT_TRUE(reaped.ok());
  ASSERT_EQ(reaped->size(), 2u);
  for (const ReapedJob& r : *reaped) {
    EXPECT_EQ(r.status, r.kind == "twice" ? JobStatus::kFailed : JobStatus::kDead) << r.kind;
  }
  // The idempotent one runs again, on another worker; the first worker can no longer touch it.
  std::optional<Job> again = claim("twice", "w2");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->id, a->id);
  EXPECT_EQ(again->attempts, 2);
  EXPECT_EQ(queue_->complete(worker(org_), *a).code(), StatusCode::kConflict);
  EXPECT_EQ(queue_->heartbeat(worker(org_), *a, std::chrono::seconds(5)).code(), StatusCode::kConflict);
  EXPECT_TRUE(queue_->complete(worker(org_), *again).ok());
  EXPECT_FALSE(claim("once"));
  EXPECT_EQ(queue_->get(scope_for(org_), b->id)->status, JobStatus::kDead);
}

TEST_P(JobsTest, ReleaseGivesTheAttemptBack) {
  enqueue(kTwice);
  enqueue(kOnce);
  std::optional<Job> a = claim("twice");
  std::optional<Job> b = claim("once");
  ASSERT_TRUE(a && b);
  EXPECT_EQ(*queue_->release(worker(org_), *a, true), JobStatus::kQueued);
  EXPECT_EQ(*queue_->release(worker(org_), *b, false), JobStatus::kDead);
  std::optional<Job> again = claim("twice");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->attempts, 1);
}

TEST_P(JobsTest, AdministratorRetriesADeadJobAudited) {
  const Uuid id = enqueue(kOnce);
  std::optional<Job> job = claim("once");
  ASSERT_TRUE(job);
  ASSERT_TRUE(queue_->fail(worker(org_), *job, internal_error("boom"), false).ok());
  // Not in another org: it looks exactly like a missing job.
  Result<Job> other = queue_->retry(admin(other_), audit_, id, {"req-1", "10.0.0.1"});
  EXPECT_EQ(other.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(queue_->get(scope_for(other_), id).status().code(), StatusCode::kNotFound);
  Result<Job> retried = queue_->retry(admin(org_), audit_, id, {"req-1", "10.0.0.1"});
  ASSERT_TRUE(retried.ok()) << retried.status().to_string();
  EXPECT_EQ(retried->status, JobStatus::kQueued);
  EXPECT_EQ(retried->attempts, 0);
  // Only a dead job can be retried.
  EXPECT_EQ(queue_->retry(admin(org_), audit_, id, {}).status().code(), StatusCode::kConflict);
  EXPECT_TRUE(claim("once"));
  Result<store::OrgTransaction> tx = db_->begin(scope_for(org_), store::TxMode::kRead);
  ASSERT_TRUE(tx.ok());
  Result<audit::AuditPage> page = audit::list_events(*tx, {.action = std::string("job.retried")});
  ASSERT_TRUE(page.ok()) << page.status().to_string();
  ASSERT_EQ(page->records.size(), 1u);
  EXPECT_EQ(page->records[0].target_id, id.to_string());
  EXPECT_EQ(page->records[0].actor_id, "admin-1");
  EXPECT_EQ(page->records[0].request_id, "req-1");
}

TEST_P(JobsTest, ListFiltersByStatusAndKindWithinTheOrg) {
  enqueue(kTwice);
  enqueue(kTwice);
  enqueue(kOnce);
  enqueue(kOnce, "b", &other_);
  ASSERT_TRUE(claim("once"));
  Result<std::vector<Job>> all = queue_->list(scope_for(org_), {});
  ASSERT_TRUE(all.ok()) << all.status().to_string();
  EXPECT_EQ(all->size(), 3u);
  Result<std::vector<Job>> twice = queue_->list(scope_for(org_), {std::nullopt, "twice", 100});
  EXPECT_EQ(twice->size(), 2u);
  Result<std::vector<Job>> running = queue_->list(scope_for(org_), {JobStatus::kRunning, "", 100});
  EXPECT_EQ(running->size(), 1u);
  Result<std::vector<Job>> limited = queue_->list(scope_for(org_), {std::nullopt, "", 1});
  EXPECT_EQ(limited->size(), 1u);
}

TEST_P(JobsTest, EnqueueInsideACallersTransactionRollsBackWithIt) {
  {
    Result<store::OrgTransaction> tx = db_->begin(scope_for(org_));
    ASSERT_TRUE(tx.ok());
    ASSERT_TRUE(queue_->enqueue(*tx, {kTwice, "x", {}, {}}).ok());
    // destroyed uncommitted: rolled back
  }
  EXPECT_TRUE(queue_->list(scope_for(org_), {})->empty());
}

// Issue 20: one org's backlog must not starve another org. The claim takes the oldest ready job of
// the org whose last claim is the oldest; on main it took the oldest job overall (A, A, A, then B).
TEST_P(JobsTest, ClaimIsRoundRobinAcrossOrgs) {
  std::vector<Uuid> a;
  for (int i = 0; i < 3; ++i) {
    a.push_back(enqueue(kTwice, "a" + std::to_string(i)));
    clock_.advance_seconds(1);
  }
  const Uuid b = enqueue(kTwice, "b", &other_);
  clock_.advance_seconds(1);
  std::vector<Uuid> order;
  for (int i = 0; i < 4; ++i) {
    std::optional<Job> j = claim("twice", "w" + std::to_string(i));
    ASSERT_TRUE(j);
    order.push_back(j->id);
  }
  EXPECT_EQ(order, (std::vector<Uuid>{a[0], b, a[1], a[2]}));
  EXPECT_FALSE(claim("twice"));
  // An org that claimed recently goes after one that has waited longer, whatever the job ages.
  const Uuid a3 = enqueue(kTwice, "a3");
  clock_.advance_seconds(1);
  const Uuid b2 = enqueue(kTwice, "b2", &other_);
  clock_.advance_seconds(1);
  std::optional<Job> next = claim("twice");
  ASSERT_TRUE(next);
  EXPECT_EQ(next->id, b2);  // older a3 waits: A's last claim (a[2]) is newer than B's
  next = claim("twice");
  ASSERT_TRUE(next);
  EXPECT_EQ(next->id, a3);
}

INSTANTIATE_TEST_SUITE_P(Backends, JobsTest, ::testing::Values(store::Dialect::kSqlite, store::Dialect::kPostgres),
                         store::backend_name);

}  // namespace
}  // namespace fg::jobs
