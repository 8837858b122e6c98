#include "jobs/job_queue.hpp"

#include <algorithm>

#include "core/log.hpp"

namespace fg::jobs {
namespace {

using store::SqlValue;

constexpr std::size_t kMaxRefBytes = 256;    // a reference (an id, a key id), never a payload
constexpr std::size_t kMaxErrorBytes = 500;  // last_error is a summary, not a log
constexpr int kMaxListLimit = 500;

// The fence of invariant 3: only the worker holding this very attempt may move the job on.
#define FG_JOB_FENCE " WHERE id = $1 AND org_id = $2 AND status = 'running' AND worker_id = $3 AND attempts = $4"

std::vector<SqlValue> fence_params(const Job& job) {
  return {job.id, job.org_id, job.worker_id, job.attempts};
}

std::string join_kinds(const std::vector<std::string>& kinds) {
  std::string out;
  for (const std::string& k : kinds) {
    if (!out.empty()) out += ',';
    out += k;
  }
  return out;
}

Status check_request(const EnqueueRequest& r) {
  if (r.kind.name.empty() || r.kind.name.size() > 64)
    return invalid_argument_error("kind: must be 1..64 bytes", "kind");
  if (r.ref_id.size() > kMaxRefBytes) return invalid_argument_error("ref_id: longer than 256 bytes", "ref_id");
  if (r.unique_key && (r.unique_key->empty() || r.unique_key->size() > kMaxRefBytes)) {
    return invalid_argument_error("unique_key: must be 1..256 bytes", "unique_key");
  }
  if (r.kind.max_attempts < 1) return invalid_argument_error("max_attempts: must be at least 1", "max_attempts");
  return ok_status();
}

}  // namespace

std::string error_summary(const Status& error) {
  std::string text = log::redact(std::string(status_code_name(error.code())) + ": " + error.message());
  if (text.size() > kMaxErrorBytes) text.resize(kMaxErrorBytes);
  return text;
}

Result<EnqueueResult> JobQueue::enqueue(const OrgScope& scope, const EnqueueRequest& request) {
  FG_TRY(check_request(request));
  FG_ASSIGN_OR_RETURN(store::OrgTransaction tx, db_.begin(scope));
  FG_ASSIGN_OR_RETURN(EnqueueResult r, enqueue(tx, request));
  FG_TRY(tx.commit());
  return r;
}

Result<EnqueueResult> JobQueue::enqueue(store::OrgTransaction& tx, const EnqueueRequest& request) {
  FG_TRY(check_request(request));
  const Timestamp now = clock_.now();
  const Uuid id = Uuid::random();
  const SqlValue key = request.unique_key ? SqlValue(*request.unique_key) : SqlValue();
  // ON CONFLICT DO NOTHING: a pending job with the same unique key (partial unique index) is not an
  // error, and on PostgreSQL it must not abort the caller's transaction either.
  FG_ASSIGN_OR_RETURN(std::int64_t inserted,
                      tx.exec("INSERT INTO jobs (id, org_id, kind, ref_id, unique_key, idempotent, status, attempts, "
                              "max_attempts, run_after, created_at) VALUES ($1, $2, $3, $4, $5, $6, 'queued', 0, $7, "
                              "$8, $9) ON CONFLICT DO NOTHING",
                              {id, tx.org_id(), request.kind.name, request.ref_id, key, request.kind.idempotent,
                               request.kind.max_attempts, request.run_after.value_or(now).micros, now.micros}));
  if (inserted == 1) return EnqueueResult{id, true};
  if (!request.unique_key) return internal_error("jobs: enqueue inserted nothing");
  FG_ASSIGN_OR_RETURN(store::RowSet rs,
                      tx.query("SELECT id FROM jobs WHERE org_id = $1 AND kind = $2 AND unique_key = $3 AND status IN "
                               "('queued', 'running', 'failed')",
                               {tx.org_id(), request.kind.name, *request.unique_key}));
  if (rs.empty()) return conflict_error("jobs: a job with this id already exists");
  FG_ASSIGN_OR_RETURN(Uuid existing, Uuid::parse(rs.text(0, 0)));
  return EnqueueResult{existing, false};
}

Result<std::optional<Job>> JobQueue::claim(const std::vector<std::string>& kinds, const std::string& worker_id,
                                           std::chrono::milliseconds lease) {
  if (kinds.empty()) return std::optional<Job>();
  const Timestamp now = clock_.now();
  FG_ASSIGN_OR_RETURN(store::SystemTransaction tx, db_.begin_system());
  FG_ASSIGN_OR_RETURN(store::RowSet rs, tx.call(store::PrivilegedCall::kClaimJob,
                                                {join_kinds(kinds), worker_id, now.micros,
                                                 now.micros + static_cast<std::int64_t>(lease.count()) * 1000}));
  FG_TRY(tx.commit());
  if (rs.empty()) return std::optional<Job>();
  FG_ASSIGN_OR_RETURN(Job job, job_from_row(rs, 0));
  return std::optional<Job>(std::move(job));
}

Result<std::int64_t> JobQueue::transition(const OrgScope& scope, std::string_view sql,
                                          const std::vector<SqlValue>& params) {
  FG_ASSIGN_OR_RETURN(store::OrgTransaction tx, db_.begin(scope));
  FG_ASSIGN_OR_RETURN(std::int64_t changed, tx.exec(sql, params));
  FG_TRY(tx.commit());
  return changed;
}

Status JobQueue::heartbeat(const OrgScope& scope, const Job& job, std::chrono::milliseconds lease) {
  const Timestamp now = clock_.now();
  std::vector<SqlValue> p = fence_params(job);
  p.emplace_back(now.micros + static_cast<std::int64_t>(lease.count()) * 1000);
  p.emplace_back(now.micros);
  FG_ASSIGN_OR_RETURN(std::int64_t n,
                      transition(scope, "UPDATE jobs SET lease_until = $5, heartbeat_at = $6" FG_JOB_FENCE, p));
  return n == 1 ? ok_status() : conflict_error("jobs: lease lost");
}

Status JobQueue::complete(const OrgScope& scope, const Job& job) {
  std::vector<SqlValue> p = fence_params(job);
  p.emplace_back(clock_.now().micros);
  FG_ASSIGN_OR_RETURN(
      std::int64_t n,
      transition(
          scope,
          "UPDATE jobs SET status = 'succeeded', finished_at = $5, lease_until = NULL, last_error = NULL" FG_JOB_FENCE,
          p));
  return n == 1 ? ok_status() : conflict_error("jobs: lease lost");
}

Result<JobStatus> JobQueue::fail(const OrgScope& scope, const Job& job, const Status& error, bool permanent) {
  const Timestamp now = clock_.now();
  const bool retry = !permanent && job.idempotent && job.attempts < job.max_attempts;
  const JobStatus next = retry ? JobStatus::kFailed : JobStatus::kDead;
  const std::int64_t run_after =
      retry ? now.micros + backoff_delay_micros(backoff_, job.attempts, random_jitter()) : job.run_after.micros;
  std::vector<SqlValue> p = fence_params(job);
  p.emplace_back(std::string(status_name(next)));
  p.emplace_back(run_after);
  p.emplace_back(retry ? SqlValue() : SqlValue(now.micros));
  p.emplace_back(error_summary(error));
  FG_ASSIGN_OR_RETURN(std::int64_t n, transition(scope,
                                                 "UPDATE jobs SET status = $5, run_after = $6, finished_at = $7, "
                                                 "last_error = $8, lease_until = NULL" FG_JOB_FENCE,
                                                 p));
  if (n != 1) return conflict_error("jobs: lease lost");
  return next;
}

Result<JobStatus> JobQueue::release(const OrgScope& scope, const Job& job, bool safe) {
  std::vector<SqlValue> p = fence_params(job);
  std::int64_t n = 0;
  if (safe) {
    // The attempt is given back: a shutdown is not the job's failure.
    FG_ASSIGN_OR_RETURN(n, transition(scope,
                                      "UPDATE jobs SET status = 'queued', attempts = attempts - 1, lease_until = NULL, "
                                      "worker_id = NULL" FG_JOB_FENCE,
                                      p));
  } else {
    p.emplace_back(clock_.now().micros);
    FG_ASSIGN_OR_RETURN(n, transition(scope,
                                      "UPDATE jobs SET status = 'dead', finished_at = $5, lease_until = NULL, "
                                      "last_error = 'interrupted by worker shutdown; not idempotent'" FG_JOB_FENCE,
                                      p));
  }
  if (n != 1) return conflict_error("jobs: lease lost");
  return safe ? JobStatus::kQueued : JobStatus::kDead;
}

Result<std::vector<ReapedJob>> JobQueue::reap_expired() {
  FG_ASSIGN_OR_RETURN(store::SystemTransaction tx, db_.begin_system());
  FG_ASSIGN_OR_RETURN(store::RowSet rs, tx.call(store::PrivilegedCall::kReapExpiredJobs, {clock_.now().micros}));
  FG_TRY(tx.commit());
  std::vector<ReapedJob> out;
  for (std::size_t r = 0; r < rs.size(); ++r) {
    Result<Uuid> id = Uuid::parse(rs.text(r, store::columns::ReapExpiredJobs::kId));
    Result<OrgId> org = OrgId::parse(rs.text(r, store::columns::ReapExpiredJobs::kOrgId));
    std::optional<JobStatus> st = parse_status(rs.text(r, store::columns::ReapExpiredJobs::kStatus));
    if (!id.ok() || !org.ok() || !st) return internal_error("jobs: malformed reaped row");
    out.push_back({*id, *org, rs.text(r, store::columns::ReapExpiredJobs::kKind), *st});
  }
  return out;
}

Result<Job> JobQueue::retry(const OrgScope& scope, const audit::AuditLog& audit, const Uuid& id,
                            const audit::Origin& origin) {
  FG_ASSIGN_OR_RETURN(store::OrgTransaction tx, db_.begin(scope));
  FG_ASSIGN_OR_RETURN(store::RowSet rs, tx.query("SELECT " FG_JOB_COLUMNS " FROM jobs WHERE id = $1 AND org_id = $2",
                                                 {id, scope.org_id()}));
  if (rs.empty()) return not_found_error("job not found");
  FG_ASSIGN_OR_RETURN(Job job, job_from_row(rs, 0));
  if (job.status != JobStatus::kDead) return conflict_error("only a dead job can be retried");
  const Timestamp now = clock_.now();
  FG_ASSIGN_OR_RETURN(std::int64_t n, tx.exec("UPDATE jobs SET status = 'queued', attempts = 0, run_after = $3, "
                                              "lease_until = NULL, worker_id = NULL, finished_at = NULL, "
                                              "last_error = NULL WHERE id = $1 AND org_id = $2 AND status = 'dead'",
                                              {id, scope.org_id(), now.micros}));
  if (n != 1) return conflict_error("only a dead job can be retried");
  const audit::AuditEvent event{.action = audit::AuditAction::kJobRetried,
                                .target_type = "job",
                                .target_id = id.to_string(),
                                .origin = origin,
                                .context = {{"kind", job.kind}, {"attempts_before", job.attempts}}};
  FG_TRY(audit.append(tx, event));
  FG_TRY(tx.commit());
  job.status = JobStatus::kQueued;
  job.attempts = 0;
  job.run_after = now;
  job.lease_until.reset();
  job.worker_id.clear();
  job.finished_at.reset();
  job.last_error.clear();
  return job;
}

Result<std::vector<Job>> JobQueue::list(const OrgScope& scope, const JobFilter& filter) {
  const int limit = std::clamp(filter.limit, 1, kMaxListLimit);
  const std::string status = filter.status ? std::string(status_name(*filter.status)) : std::string();
  FG_ASSIGN_OR_RETURN(store::OrgTransaction tx, db_.begin(scope, store::TxMode::kRead));
  FG_ASSIGN_OR_RETURN(store::RowSet rs,
                      tx.query("SELECT " FG_JOB_COLUMNS " FROM jobs WHERE org_id = $1 AND (status = $2 OR $2 = '') "
                               "AND (kind = $3 OR $3 = '') ORDER BY created_at DESC, id LIMIT $4",
                               {scope.org_id(), status, filter.kind, limit}));
  FG_TRY(tx.commit());
  std::vector<Job> out;
  out.reserve(rs.size());
  for (std::size_t r = 0; r < rs.size(); ++r) {
    FG_ASSIGN_OR_RETURN(Job j, job_from_row(rs, r));
    out.push_back(std::move(j));
  }
  return out;
}

Result<Job> JobQueue::get(const OrgScope& scope, const Uuid& id) {
  FG_ASSIGN_OR_RETURN(store::OrgTransaction tx, db_.begin(scope, store::TxMode::kRead));
  FG_ASSIGN_OR_RETURN(store::RowSet rs, tx.query("SELECT " FG_JOB_COLUMNS " FROM jobs WHERE id = $1 AND org_id = $2",
                                                 {id, scope.org_id()}));
  FG_TRY(tx.commit());
  if (rs.empty()) return not_found_error("job not found");
  return job_from_row(rs, 0);
}

}  // namespace fg::jobs
