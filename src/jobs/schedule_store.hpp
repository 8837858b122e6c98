// ScheduleStore: an org's cron schedules (the `schedules` table, under RLS): list, read, create, change
// and remove. Every mutation writes its audit entry (schedule.created / updated / deleted) in the same
// transaction. The Scheduler (scheduler.hpp) fires them.
//
// Validation is strict and names the field: name 1..100 printable bytes, a known *schedulable* kind
// (job_kind.hpp; test.* kinds only with allow_test_kinds), ref_id up to 256 bytes, a 5-field cron that
// fires at least once in eight years, an IANA zone. Another org's schedule is not_found, like a missing one.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "audit/audit_log.hpp"
#include "core/org_scope.hpp"
#include "core/time.hpp"
#include "jobs/job_queue.hpp"
#include "store/database.hpp"

namespace fg::jobs {

struct ScheduleSpec {
  std::string name;  //!< unique within the org
  std::string kind;  //!< a schedulable job kind (job_kind.hpp)
  std::string ref_id;
  std::string cron;               //!< 5 fields (cron_expression.hpp)
  std::string time_zone = "UTC";  //!< IANA zone the cron is read in
};

struct Schedule {
  Uuid id;
  std::string name;
  std::string kind;
  std::string ref_id;
  std::string cron;
  std::string time_zone;
  bool enabled = true;
  Timestamp next_run_at;
  std::optional<Timestamp> last_run_at;
  Timestamp created_at;
};

//! A PATCH: absent members stay as they are. A new cron or zone recomputes next_run_at from now.
struct ScheduleChange {
  std::optional<bool> enabled;
  std::optional<std::string> cron;
  std::optional<std::string> time_zone;
};

struct ScheduleRules {
  bool allow_test_kinds = false;  //!< the enable_test_job_kinds setting (refused in production mode)
  int max_per_org = 50;           //!< schedules an org may hold (issue 20: a cap, 400 on create past it)
};

//! The shortest gap allowed between two runs of a schedule of `kind` (issue 20): audit.checkpoint
//! hourly, test kinds none (the cron's minute), every other kind 5 minutes.
std::chrono::seconds min_schedule_interval(std::string_view kind);

//! The schedules every org starts with: the daily audit checkpoint (00:00 UTC; the checkpoints go to
//! DATA_DIR/audit/checkpoints) and the daily sweep of its upload area (00:30 UTC: old quarantine
//! reports, a crash's temp files). An org may change or remove them like any other.
std::vector<ScheduleSpec> default_org_schedules();

class ScheduleStore {
 public:
  //! `db` and `audit` must outlive the store. Thread-safe (each call is one transaction).
  ScheduleStore(store::Database& db, const audit::AuditLog& audit, ScheduleRules rules = {},
                const Clock& clock = SystemClock::instance())
      : db_(db), audit_(audit), rules_(rules), clock_(clock) {}

  //! This org's schedules, by name.
  Result<std::vector<Schedule>> list(const OrgScope& scope);
  //! One schedule of this org; not_found otherwise.
  Result<Schedule> get(const OrgScope& scope, const Uuid& id);
  //! Creates it; its first run is the cron's next time after now. invalid_argument naming the field;
  //! conflict when the org already has a schedule of that name.
  Result<Schedule> create(const OrgScope& scope, const ScheduleSpec& spec, const audit::Origin& origin = {});
  //! create() inside the caller's transaction `tx`, for the org `tx` was begun for; the caller
  //! commits or rolls back.
  Result<Schedule> create_in(store::OrgTransaction& tx, const ScheduleSpec& spec, const audit::Origin& origin = {});
  //! Every schedule of default_org_schedules() for a new org, inside its creating transaction, so no
  //! org exists without them (issue 21: they were made by the CLI bootstrap after the org committed).
  Status create_defaults(store::OrgTransaction& tx);
  //! Applies `change`. invalid_argument naming the field (nothing to change is `enabled`'s error);
  //! not_found for no such schedule in this org.
  Result<Schedule> update(const OrgScope& scope, const Uuid& id, const ScheduleChange& change,
                          const audit::Origin& origin = {});
  //! Removes it (jobs it already enqueued stay). not_found for no such schedule in this org.
  Status remove(const OrgScope& scope, const Uuid& id, const audit::Origin& origin = {});

  //! The spec checks of create(), without the store.
  Status validate(const ScheduleSpec& spec) const;

 private:
  store::Database& db_;
  const audit::AuditLog& audit_;
  ScheduleRules rules_;
  const Clock& clock_;
};

//! The first run of `cron` in `time_zone` after `after`; invalid_argument naming cron or time_zone,
//! also for a cron that never fires (e.g. "0 0 30 2 *").
Result<Timestamp> next_schedule_run(std::string_view cron, std::string_view time_zone, Timestamp after);

}  // namespace fg::jobs
