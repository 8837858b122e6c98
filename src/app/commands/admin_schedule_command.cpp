// `finguard admin schedule ...`: an org's job schedules from the server's shell, through the operator
// scope factory (audited operator.command naming the OS user) and the same ScheduleStore, validation
// and audit entries (schedule.created / schedule.deleted) as the API.
//
//   finguard admin schedule list   --org ORG
//   finguard admin schedule add    --org ORG --name N --kind K --cron "0 6 * * *" [--ref-id R] [--time-zone Z]
//   finguard admin schedule remove --org ORG --name N
#include <cstdio>
#include <memory>
#include <string>

#include "app/commands/commands.hpp"
#include "app/database_setup.hpp"
#include "app/operator_scope_factory.hpp"
#include "jobs/schedule_store.hpp"

namespace fg::app {
namespace {

struct ScheduleArgs {
  std::string org;
  jobs::ScheduleSpec spec;
};

int fail(const char* what, const Status& s) {
  const std::string field = s.field().empty() ? "" : " (" + s.field() + ")";
  std::fprintf(stderr, "finguard admin schedule %s: %s%s\n", what, s.message().c_str(), field.c_str());
  return s.code() == StatusCode::kInvalidArgument ? kExitBadConfig : kExitFailure;
}

// Opens the store and the operator's scope of the org, then runs `body` with them.
template <typename Body>
int with_org(CliContext& ctx, const char* what, const std::string& org, Body body) {
  Result<Config> cfg = ctx.load();
  if (!cfg.ok()) return kExitBadConfig;
  Result<std::unique_ptr<store::Database>> db = open_database(*cfg);
  if (!db.ok()) return fail(what, db.status());
  audit::AuditLog log;
  OperatorScopeFactory operators(**db, log);
  Result<OrgScope> scope = operators.for_org(org, std::string("admin schedule ") + what);
  if (!scope.ok()) return fail(what, scope.status());
  jobs::ScheduleStore store(
      **db, log, {.allow_test_kinds = cfg->enable_test_job_kinds, .max_per_org = cfg->max_schedules_per_org});
  return body(store, *scope);
}

int run_list(CliContext& ctx, const ScheduleArgs& a) {
  return with_org(ctx, "list", a.org, [](jobs::ScheduleStore& store, const OrgScope& scope) {
    Result<std::vector<jobs::Schedule>> all = store.list(scope);
    if (!all.ok()) return fail("list", all.status());
    std::printf("%-36s  %-24s  %-16s  %-16s  %-20s  %-7s  %s\n", "id", "name", "kind", "cron", "time_zone", "enabled",
                "next_run_at");
    for (const jobs::Schedule& s : *all) {
      std::printf("%-36s  %-24s  %-16s  %-16s  %-20s  %-7s  %s\n", s.id.to_string().c_str(), s.name.c_str(),
                  s.kind.c_str(), s.cron.c_str(), s.time_zone.c_str(), s.enabled ? "yes" : "no",
                  format_timestamp(s.next_run_at).c_str());
    }
    return kExitOk;
  });
}

int run_add(CliContext& ctx, const ScheduleArgs& a) {
  return with_org(ctx, "add", a.org, [&a](jobs::ScheduleStore& store, const OrgScope& scope) {
    Result<jobs::Schedule> s = store.create(scope, a.spec);
    if (!s.ok()) return fail("add", s.status());
    std::printf("finguard admin schedule add: %s (%s, next run %s)\n", s->id.to_string().c_str(), s->name.c_str(),
                format_timestamp(s->next_run_at).c_str());
    return kExitOk;
  });
}

int run_remove(CliContext& ctx, const ScheduleArgs& a) {
  return with_org(ctx, "remove", a.org, [&a](jobs::ScheduleStore& store, const OrgScope& scope) {
    Result<std::vector<jobs::Schedule>> all = store.list(scope);
    if (!all.ok()) return fail("remove", all.status());
    for (const jobs::Schedule& s : *all) {
      if (s.name != a.spec.name) continue;
      Status removed = store.remove(scope, s.id);
      if (!removed.ok()) return fail("remove", removed);
      std::printf("finguard admin schedule remove: removed %s (%s)\n", s.name.c_str(), s.id.to_string().c_str());
      return kExitOk;
    }
    return fail("remove", not_found_error("no schedule of that name in the org"));
  });
}

}  // namespace

void add_admin_schedule_command(CLI::App& admin, CliContext& ctx) {
  CLI::App* cmd = admin.add_subcommand("schedule", "list, add and remove an org's job schedules");
  cmd->require_subcommand(1);
  auto args = std::make_shared<ScheduleArgs>();
  CLI::App* list = cmd->add_subcommand("list", "list the org's schedules");
  list->add_option("--org", args->org, "organization slug, name or id")->required();
  list->callback([&ctx, args] { ctx.exit_code = run_list(ctx, *args); });

  CLI::App* add = cmd->add_subcommand("add", "put a schedulable job kind on a 5-field cron schedule");
  add->add_option("--org", args->org, "organization slug, name or id")->required();
  add->add_option("--name", args->spec.name, "schedule name, unique in the org")->required();
  add->add_option("--kind", args->spec.kind, "a schedulable job kind")->required();
  add->add_option("--cron", args->spec.cron, "minute hour day month weekday, e.g. \"0 6 * * 1-5\"")->required();
  add->add_option("--ref-id", args->spec.ref_id, "what the job works on (kind-specific)");
  add->add_option("--time-zone", args->spec.time_zone, "IANA zone the cron is read in (default UTC)");
  add->callback([&ctx, args] { ctx.exit_code = run_add(ctx, *args); });

  CLI::App* remove = cmd->add_subcommand("remove", "remove a schedule by name (jobs it enqueued stay)");
  remove->add_option("--org", args->org, "organization slug, name or id")->required();
  remove->add_option("--name", args->spec.name, "the schedule's name")->required();
  remove->callback([&ctx, args] { ctx.exit_code = run_remove(ctx, *args); });
}

}  // namespace fg::app
