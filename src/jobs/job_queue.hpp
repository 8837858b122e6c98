// JobQueue: the durable job queue on the metadata store: enqueue, claim, lease, heartbeat, complete,
// fail with back-off, reap lost workers, and an Administrator's retry of a dead job.
//
// Notes (the state machine; function names in brackets):
//
//   queued ──[claim]──> running ──[complete]──> succeeded
//   failed ──[claim]──┘   │
//     ^                   ├─[fail]  idempotent, attempts < max, not permanent ──> failed (run_after = now + back-off)
//     │                   ├─[fail]  otherwise ──────────────────────────────────> dead
//     └───────────────────┼─[reap_expired] lease ran out, idempotent, attempts < max
//                         ├─[reap_expired] otherwise ─────────────────────────────> dead
//                         ├─[release] shutdown, safe (idempotent or handler stopped cleanly) ──> queued
//                         └─[release] shutdown, unsafe ───────────────────────────> dead
//   dead ──[retry] (Administrator, audited job.retried) ──> queued, attempts = 0
//
// Invariants:
//   1. A job row holds references only (kind, ref_id, unique_key): never a secret or a payload.
//   2. Claim is atomic and crosses orgs only through PrivilegedCall::kClaimJob (PostgreSQL: the
//      SECURITY DEFINER fg_claim_job with FOR UPDATE SKIP LOCKED; SQLite: one UPDATE ... RETURNING
//      under BEGIN IMMEDIATE). Two claims never return the same job while it is running.
//   3. Every transition out of `running` is fenced on (id, status = running, worker_id, attempts): a
//      worker that lost its lease (reaped, re-claimed by another) cannot complete, fail or extend the
//      job any more; its calls return conflict.
//   4. Only idempotent kinds run again without a human: a non-idempotent job that fails, loses its
//      worker or is cut off at shutdown goes to `dead`.
//   5. At most one pending (queued/running/failed) job per (org, kind, unique_key): enqueue with a key
//      already pending returns the pending job instead of a second one.
//   6. Transitions after the claim run in an OrgTransaction of the job's org (app.org_id set), so RLS
//      checks them too.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "audit/audit_log.hpp"
#include "audit/origin.hpp"
#include "core/org_scope.hpp"
#include "core/time.hpp"
#include "jobs/backoff.hpp"
#include "jobs/job.hpp"
#include "jobs/job_kind.hpp"
#include "store/database.hpp"

namespace fg::jobs {

struct EnqueueRequest {
  JobKind kind;
  std::string ref_id;                     //!< what to work on; a reference, never a secret
  std::optional<std::string> unique_key;  //!< e.g. "source:2024-01"; one pending job per key
  std::optional<Timestamp> run_after;     //!< default: now
};

struct EnqueueResult {
  Uuid job_id;
  bool created = true;  //!< false: a pending job with the same unique key was returned
};

struct JobFilter {
  std::optional<JobStatus> status;
  std::string kind;  //!< "" = any
  int limit = 100;   //!< 1..500
};

struct ReapedJob {
  Uuid id;
  OrgId org_id;
  std::string kind;
  JobStatus status;  //!< failed (will be retried) or dead
};

class JobQueue {
 public:
  explicit JobQueue(store::Database& db, const Clock& clock = SystemClock::instance(), BackoffPolicy backoff = {})
      : db_(db), clock_(clock), backoff_(backoff) {}

  //! Enqueues in its own transaction. invalid_argument for an empty kind or an over-long ref/key.
  Result<EnqueueResult> enqueue(const OrgScope& scope, const EnqueueRequest& request);
  //! Enqueues inside the caller's transaction, so a mutation and its job commit together.
  Result<EnqueueResult> enqueue(store::OrgTransaction& tx, const EnqueueRequest& request);

  //! Claims the oldest ready job of `kinds` across orgs for `worker_id`, leased for `lease`. nullopt
  //! when none is ready. unavailable when the store is busy (callers retry).
  Result<std::optional<Job>> claim(const std::vector<std::string>& kinds, const std::string& worker_id,
                                   std::chrono::milliseconds lease);

  //! Extends the lease of a running job this worker holds. conflict when the lease was lost.
  Status heartbeat(const OrgScope& scope, const Job& job, std::chrono::milliseconds lease);
  //! running -> succeeded. conflict when the lease was lost.
  Status complete(const OrgScope& scope, const Job& job);
  //! running -> failed (with back-off) or dead (see the notes); `error` is stored as a safe summary.
  //! Returns the new status. conflict when the lease was lost.
  Result<JobStatus> fail(const OrgScope& scope, const Job& job, const Status& error, bool permanent);
  //! Gives a running job back at shutdown: queued (attempt not counted) when `safe`, else dead.
  Result<JobStatus> release(const OrgScope& scope, const Job& job, bool safe);

  //! Moves every running job whose lease ran out to failed or dead (across orgs).
  Result<std::vector<ReapedJob>> reap_expired();

  //! dead -> queued for an Administrator, audited job.retried in the same transaction. not_found for
  //! no such job in this org; conflict when it is not dead or a job with its unique key is pending.
  Result<Job> retry(const OrgScope& scope, const audit::AuditLog& audit, const Uuid& id, const audit::Origin& origin);

  //! This org's jobs, newest first.
  Result<std::vector<Job>> list(const OrgScope& scope, const JobFilter& filter);
  //! One job of this org; not_found otherwise (another org's job looks the same as none).
  Result<Job> get(const OrgScope& scope, const Uuid& id);

 private:
  Result<std::int64_t> transition(const OrgScope& scope, std::string_view sql, const std::vector<store::SqlValue>& p);

  store::Database& db_;
  const Clock& clock_;
  BackoffPolicy backoff_;
};

//! The safe summary stored in last_error: "code: message", redacted and at most 500 bytes.
std::string error_summary(const Status& error);

}  // namespace fg::jobs
