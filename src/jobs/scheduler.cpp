#include "jobs/scheduler.hpp"

#include <algorithm>

#include "core/log.hpp"
#include "jobs/cron_expression.hpp"
#include "jobs/job_queue.hpp"

namespace fg::jobs {

using Due = store::columns::DueSchedules;
namespace {

constexpr int kDueBatch = 100;  // schedules fired per tick at most; the rest wait a second

}  // namespace

Result<bool> Scheduler::hold_lease() {
  const Timestamp now = clock_.now();
  FG_ASSIGN_OR_RETURN(store::SystemTransaction tx, db_.begin_system());
  FG_ASSIGN_OR_RETURN(std::int64_t n, tx.exec("UPDATE scheduler_leases SET holder = $1, lease_until = $2 WHERE name = "
                                              "'scheduler' AND (holder = $1 OR lease_until < $3)",
                                              {holder_, now.micros + lease_.count() * 1000, now.micros}));
  FG_TRY(tx.commit());
  return n == 1;
}

Status Scheduler::release_lease() {
  FG_ASSIGN_OR_RETURN(store::SystemTransaction tx, db_.begin_system());
  FG_TRY(tx.exec("UPDATE scheduler_leases SET lease_until = 0 WHERE name = 'scheduler' AND holder = $1", {holder_}));
  return tx.commit();
}

Result<int> Scheduler::fire_due() {
  const Timestamp now = clock_.now();
  store::RowSet due;
  {
    FG_ASSIGN_OR_RETURN(store::SystemTransaction tx, db_.begin_system(store::TxMode::kRead));
    FG_ASSIGN_OR_RETURN(due, tx.call(store::PrivilegedCall::kDueSchedules, {now.micros, kDueBatch}));
    FG_TRY(tx.commit());
  }
  int fired = 0;
  for (std::size_t r = 0; r < due.size(); ++r) {
    Result<bool> f = fire_one(due, r, now);
    if (!f.ok()) {
      // One broken schedule must not stop the others.
      log::warn("schedule not fired", {{"schedule_id", due.text(r, Due::kId)}, {"error", f.status().to_string()}});
      continue;
    }
    if (*f) ++fired;
  }
  return fired;
}

Result<bool> Scheduler::fire_one(const store::RowSet& due, std::size_t r, Timestamp now) {
  FG_ASSIGN_OR_RETURN(Uuid id, Uuid::parse(due.text(r, Due::kId)));
  FG_ASSIGN_OR_RETURN(OrgId org, OrgId::parse(due.text(r, Due::kOrgId)));
  const std::string& kind_name = due.text(r, Due::kKind);
  const Timestamp period{due.int64(r, Due::kNextRunAt)};
  std::optional<JobKind> kind = find_kind(kind_name);
  if (!kind) return invalid_argument_error("schedule names an unknown job kind", "kind");
  FG_ASSIGN_OR_RETURN(CronExpression cron, CronExpression::parse(due.text(r, Due::kCron)));
  FG_ASSIGN_OR_RETURN(Timestamp next, cron.next_after(std::max(now, period), due.text(r, Due::kTimeZone)));
  const OrgScope scope = scope_for_(org);
  FG_ASSIGN_OR_RETURN(store::OrgTransaction tx, db_.begin(scope));
  FG_ASSIGN_OR_RETURN(std::int64_t moved, tx.exec("UPDATE schedules SET next_run_at = $1, last_run_at = $2 WHERE id = "
                                                  "$3 AND org_id = $4 AND next_run_at = $5 AND enabled = 1",
                                                  {next.micros, now.micros, id, org, period.micros}));
  if (moved != 1) return false;  // another scheduler fired this period first
  JobQueue queue(db_, clock_);
  FG_ASSIGN_OR_RETURN(EnqueueResult job,
                      queue.enqueue(tx, {*kind, due.text(r, Due::kRefId),
                                         "schedule:" + id.to_string() + ":" + std::to_string(period.micros), now}));
  const audit::AuditEvent event{
      .action = audit::AuditAction::kScheduleRan,
      .target_type = "schedule",
      .target_id = id.to_string(),
      .context = {{"kind", kind_name}, {"job_id", job.job_id.to_string()}, {"period", format_timestamp(period)}}};
  FG_TRY(audit_.append(tx, event));
  FG_TRY(tx.commit());
  return true;
}

Result<int> Scheduler::tick() {
  FG_ASSIGN_OR_RETURN(bool held, hold_lease());
  if (!held) return 0;
  return fire_due();
}

}  // namespace fg::jobs
