// Scheduler: per-org cron schedules (stored in `schedules`, under RLS) and the single active evaluator.
//
// Notes (why a period fires exactly once with many workers):
//   1. Every worker runs a Scheduler, but only the holder of the `scheduler` row of scheduler_leases
//      (an unexpired lease, renewed on every tick) looks for due schedules. A holder that dies stops
//      renewing; another takes the lease once it expires (lease 30 s, ticks every second: takeover
//      well within a minute). A holder shutting down releases the lease at once.
//   2. Firing is fenced on the schedule's next_run_at: the UPDATE that moves next_run_at on succeeds
//      for one transaction only, so even two schedulers that both believe they hold the lease (a
//      stalled holder waking up) cannot fire one period twice. The job is enqueued with the unique
//      key "schedule:<id>:<period>" in the same transaction, with its schedule.ran audit entry.
//   3. Missed periods (every scheduler down) are not back-filled: a late schedule fires once and
//      moves on to its next time after now.
//   4. Due schedules are found across orgs by PrivilegedCall::kDueSchedules (ids and cron text only);
//      each is fired in an OrgTransaction of its own org, with a scope the caller's factory builds
//      (the worker's JobScopeFactory).
#pragma once

#include <chrono>
#include <functional>
#include <string>

#include "audit/audit_log.hpp"
#include "core/org_scope.hpp"
#include "core/time.hpp"
#include "jobs/job_kind.hpp"
#include "store/database.hpp"

namespace fg::jobs {

class Scheduler {
 public:
  using ScopeForOrg = std::function<OrgScope(const OrgId&)>;

  Scheduler(store::Database& db, const audit::AuditLog& audit, const Clock& clock, std::string holder,
            ScopeForOrg scope_for, std::chrono::milliseconds lease = std::chrono::seconds(30))
      : db_(db),
        audit_(audit),
        clock_(clock),
        holder_(std::move(holder)),
        scope_for_(std::move(scope_for)),
        lease_(lease) {}

  //! Takes or renews the lease. True while this scheduler holds it.
  Result<bool> hold_lease();
  //! Gives the lease up (graceful shutdown), if held.
  Status release_lease();
  //! Fires every due schedule. Precondition: hold_lease() returned true just now. Returns the count.
  Result<int> fire_due();
  //! hold_lease(), then fire_due() when held. Returns the number fired (0 when not the holder).
  Result<int> tick();

 private:
  Result<bool> fire_one(const store::RowSet& due, std::size_t row, Timestamp now);

  store::Database& db_;
  const audit::AuditLog& audit_;
  const Clock& clock_;
  std::string holder_;
  ScopeForOrg scope_for_;
  std::chrono::milliseconds lease_;
};

}  // namespace fg::jobs
