#include "jobs/schedule_store.hpp"

#include <algorithm>

#include "jobs/cron_expression.hpp"
#include "jobs/job_kind.hpp"

namespace fg::jobs {
namespace {

constexpr std::size_t kMaxNameBytes = 100;
constexpr std::size_t kMaxRefBytes = 256;
constexpr std::size_t kMaxCronBytes = 128;  // five fields of comma lists; bounds the parser's work
constexpr std::size_t kMaxZoneBytes = 64;   // the longest tzdata name is about 32

#define FG_SCHEDULE_COLUMNS "id, name, kind, ref_id, cron, time_zone, enabled, next_run_at, last_run_at, created_at"

Result<Schedule> schedule_from_row(const store::RowSet& rs, std::size_t r) {
  Schedule s;
  FG_ASSIGN_OR_RETURN(s.id, Uuid::parse(rs.text(r, 0)));
  s.name = rs.text(r, 1);
  s.kind = rs.text(r, 2);
  s.ref_id = rs.text(r, 3);
  s.cron = rs.text(r, 4);
  s.time_zone = rs.text(r, 5);
  s.enabled = rs.int64(r, 6) != 0;
  s.next_run_at = Timestamp{rs.int64(r, 7)};
  if (std::optional<std::int64_t> last = rs.opt_int64(r, 8)) s.last_run_at = Timestamp{*last};
  s.created_at = Timestamp{rs.int64(r, 9)};
  return s;
}

bool printable(std::string_view text) {
  return std::none_of(text.begin(), text.end(),
                      [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

audit::AuditEvent event_for(audit::AuditAction action, const Schedule& s, const audit::Origin& origin) {
  audit::AuditEvent e{.action = action, .target_type = "schedule", .target_id = s.id.to_string(), .origin = origin};
  e.context = {
      {"name", s.name}, {"kind", s.kind}, {"cron", s.cron}, {"time_zone", s.time_zone}, {"enabled", s.enabled}};
  return e;
}

Result<Schedule> select_one(store::OrgTransaction& tx, const OrgScope& scope, const Uuid& id) {
  FG_ASSIGN_OR_RETURN(
      store::RowSet rs,
      tx.query("SELECT " FG_SCHEDULE_COLUMNS " FROM schedules WHERE id = $1 AND org_id = $2", {id, scope.org_id()}));
  if (rs.empty()) return not_found_error("schedule not found");
  return schedule_from_row(rs, 0);
}

Status check_cron_text(std::string_view cron) {
  if (cron.size() > kMaxCronBytes) return invalid_argument_error("cron: longer than 128 bytes", "cron");
  return ok_status();
}

Status check_zone_text(std::string_view zone) {
  if (zone.empty() || zone.size() > kMaxZoneBytes) {
    return invalid_argument_error("time_zone: must be an IANA time zone such as Europe/Paris", "time_zone");
  }
  return ok_status();
}

}  // namespace

Result<Timestamp> next_schedule_run(std::string_view cron_text, std::string_view time_zone, Timestamp after) {
  FG_TRY(check_cron_text(cron_text));
  FG_TRY(check_zone_text(time_zone));
  FG_ASSIGN_OR_RETURN(CronExpression cron, CronExpression::parse(cron_text));
  FG_TRY(validate_time_zone(time_zone));
  Result<Timestamp> next = cron.next_after(after, time_zone);
  if (next.status().code() == StatusCode::kNotFound) {
    return invalid_argument_error("cron: never fires (no matching date within eight years)", "cron");
  }
  return next;
}

std::chrono::seconds min_schedule_interval(std::string_view kind) {
  if (is_test_kind(kind)) return std::chrono::seconds(0);
  if (kind == kAuditCheckpointKind.name) return std::chrono::hours(1);
  return std::chrono::minutes(5);
}

namespace {

// Walks the cron's runs for eight days (weekly patterns included, at most 2,500 runs) and refuses
// the first gap shorter than the kind's minimum: "0,1 9 * * *" fires twice a minute apart once a day.
Status check_interval(std::string_view kind, std::string_view cron_text, std::string_view time_zone, Timestamp now) {
  const std::int64_t min_micros = min_schedule_interval(kind).count() * 1000000;
  if (min_micros <= 60 * 1000000) return ok_status();  // a cron never fires more than once a minute
  FG_ASSIGN_OR_RETURN(Timestamp prev, next_schedule_run(cron_text, time_zone, now));
  const std::int64_t horizon = prev.micros + std::int64_t{8} * 86400 * 1000000;
  for (int i = 0; i < 2500 && prev.micros < horizon; ++i) {
    Result<Timestamp> next = next_schedule_run(cron_text, time_zone, prev);
    if (!next.ok()) return ok_status();  // fires once only
    if (next->micros - prev.micros < min_micros) {
      return invalid_argument_error("cron: runs " + std::string(kind) + " more often than every " +
                                        std::to_string(min_micros / 60000000) + " minutes, the minimum for this kind",
                                    "cron");
    }
    prev = *next;
  }
  return ok_status();
}

}  // namespace

std::vector<ScheduleSpec> default_org_schedules() {
  return {{"audit-checkpoint-daily", std::string(kAuditCheckpointKind.name), "", "0 0 * * *", "UTC"},
          {"uploads-cleanup-daily", std::string(kUploadsCleanupKind.name), "", "30 0 * * *", "UTC"}};
}

Status ScheduleStore::validate(const ScheduleSpec& spec) const {
  if (spec.name.empty() || spec.name.size() > kMaxNameBytes || !printable(spec.name)) {
    return invalid_argument_error("name: must be 1..100 printable bytes", "name");
  }
  std::optional<JobKind> kind = find_kind(spec.kind);
  if (!kind || !kind->schedulable || (is_test_kind(kind->name) && !rules_.allow_test_kinds)) {
    return invalid_argument_error("kind: not a job kind that can be scheduled", "kind");
  }
  if (spec.ref_id.size() > kMaxRefBytes || !printable(spec.ref_id)) {
    return invalid_argument_error("ref_id: must be at most 256 printable bytes", "ref_id");
  }
  // Held in a local: status() refers into the Result, which must outlive the check.
  const auto first_run = next_schedule_run(spec.cron, spec.time_zone, clock_.now());
  FG_TRY(first_run.status());
  return check_interval(spec.kind, spec.cron, spec.time_zone, clock_.now());
}

Result<std::vector<Schedule>> ScheduleStore::list(const OrgScope& scope) {
  FG_ASSIGN_OR_RETURN(store::OrgTransaction tx, db_.begin(scope, store::TxMode::kRead));
  FG_ASSIGN_OR_RETURN(
      store::RowSet rs,
      tx.query("SELECT " FG_SCHEDULE_COLUMNS " FROM schedules WHERE org_id = $1 ORDER BY name", {scope.org_id()}));
  FG_TRY(tx.commit());
  std::vector<Schedule> out;
  out.reserve(rs.size());
  for (std::size_t r = 0; r < rs.size(); ++r) {
    FG_ASSIGN_OR_RETURN(Schedule s, schedule_from_row(rs, r));
    out.push_back(std::move(s));
  }
  return out;
}

Result<Schedule> ScheduleStore::get(const OrgScope& scope, const Uuid& id) {
  FG_ASSIGN_OR_RETURN(store::OrgTransaction tx, db_.begin(scope, store::TxMode::kRead));
  FG_ASSIGN_OR_RETURN(Schedule s, select_one(tx, scope, id));
  FG_TRY(tx.commit());
  return s;
}

Result<Schedule> ScheduleStore::create(const OrgScope& scope, const ScheduleSpec& spec, const audit::Origin& origin) {
  FG_ASSIGN_OR_RETURN(store::OrgTransaction tx, db_.begin(scope));
  FG_ASSIGN_OR_RETURN(Schedule s, create_in(tx, spec, origin));
  FG_TRY(tx.commit());
  return s;
}

Result<Schedule> ScheduleStore::create_in(store::OrgTransaction& tx, const ScheduleSpec& spec,
                                          const audit::Origin& origin) {
  FG_TRY(validate(spec));
  const Timestamp now = clock_.now();
  FG_ASSIGN_OR_RETURN(Timestamp next, next_schedule_run(spec.cron, spec.time_zone, now));
  Schedule s{Uuid::random(), spec.name, spec.kind, spec.ref_id, spec.cron, spec.time_zone, true, next, {}, now};
  FG_ASSIGN_OR_RETURN(store::RowSet count, tx.query("SELECT count(*) FROM schedules WHERE org_id = $1", {tx.org_id()}));
  if (count.int64(0, 0) >= rules_.max_per_org) {
    return invalid_argument_error("schedules: this organization already has " + std::to_string(count.int64(0, 0)) +
                                      " schedules, the most allowed (setting max_schedules_per_org)",
                                  "schedules");
  }
  Result<std::int64_t> inserted = tx.exec(
      "INSERT INTO schedules (id, org_id, name, kind, ref_id, cron, time_zone, enabled, next_run_at, "
      "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, $9)",
      {s.id, tx.org_id(), s.name, s.kind, s.ref_id, s.cron, s.time_zone, next.micros, now.micros});
  if (inserted.status().code() == StatusCode::kConflict) {
    return conflict_error("name: this organization already has a schedule of that name");
  }
  FG_TRY(inserted.status());
  FG_TRY(audit_.append(tx, event_for(audit::AuditAction::kScheduleCreated, s, origin)));
  return s;
}

Status ScheduleStore::create_defaults(store::OrgTransaction& tx) {
  for (const ScheduleSpec& spec : default_org_schedules()) {
    Result<Schedule> created = create_in(tx, spec);
    FG_TRY(created.status());
  }
  return ok_status();
}

Result<Schedule> ScheduleStore::update(const OrgScope& scope, const Uuid& id, const ScheduleChange& change,
                                       const audit::Origin& origin) {
  if (!change.enabled && !change.cron && !change.time_zone) {
    return invalid_argument_error("enabled: give at least one of enabled, cron, time_zone", "enabled");
  }
  FG_ASSIGN_OR_RETURN(store::OrgTransaction tx, db_.begin(scope));
  FG_ASSIGN_OR_RETURN(Schedule s, select_one(tx, scope, id));
  const Timestamp now = clock_.now();
  if (change.cron) s.cron = *change.cron;
  if (change.time_zone) s.time_zone = *change.time_zone;
  if (change.enabled) s.enabled = *change.enabled;
  // Re-enabling does not back-fill the periods missed while disabled: it starts from now.
  if (change.cron || change.time_zone || change.enabled.value_or(false)) {
    FG_ASSIGN_OR_RETURN(s.next_run_at, next_schedule_run(s.cron, s.time_zone, now));
  }
  if (change.cron || change.time_zone) FG_TRY(check_interval(s.kind, s.cron, s.time_zone, now));
  FG_ASSIGN_OR_RETURN(std::int64_t n,
                      tx.exec("UPDATE schedules SET cron = $3, time_zone = $4, enabled = $5, next_run_at = $6 "
                              "WHERE id = $1 AND org_id = $2",
                              {id, scope.org_id(), s.cron, s.time_zone, s.enabled, s.next_run_at.micros}));
  if (n != 1) return not_found_error("schedule not found");
  audit::AuditEvent event = event_for(audit::AuditAction::kScheduleUpdated, s, origin);
  std::string changed;  // the fields the request named, "enabled,cron"
  for (const auto& [given, field] :
       {std::pair{change.enabled.has_value(), "enabled"}, std::pair{change.cron.has_value(), "cron"},
        std::pair{change.time_zone.has_value(), "time_zone"}}) {
    if (given) changed += changed.empty() ? field : std::string(",") + field;
  }
  event.context["changed"] = changed;
  FG_TRY(audit_.append(tx, event));
  FG_TRY(tx.commit());
  return s;
}

Status ScheduleStore::remove(const OrgScope& scope, const Uuid& id, const audit::Origin& origin) {
  FG_ASSIGN_OR_RETURN(store::OrgTransaction tx, db_.begin(scope));
  FG_ASSIGN_OR_RETURN(Schedule s, select_one(tx, scope, id));
  FG_ASSIGN_OR_RETURN(std::int64_t n,
                      tx.exec("DELETE FROM schedules WHERE id = $1 AND org_id = $2", {id, scope.org_id()}));
  if (n != 1) return not_found_error("schedule not found");
  FG_TRY(audit_.append(tx, event_for(audit::AuditAction::kScheduleDeleted, s, origin)));
  return tx.commit();
}

}  // namespace fg::jobs
