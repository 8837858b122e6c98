#include "api/routes/jobs/schedule_routes.hpp"

#include "api/http/request_context.hpp"

namespace fg::api {
namespace {

constexpr std::size_t kScheduleBodyLimit = 4 * 1024;  // a few short strings

Result<Uuid> schedule_id(const RequestContext& ctx) {
  Result<Uuid> id = Uuid::parse(ctx.param("id"));
  if (!id.ok()) return invalid_argument_error("id: must be a schedule id (UUID)", "id");
  return id;
}

}  // namespace

nlohmann::json schedule_json(const jobs::Schedule& s) {
  return {{"id", s.id.to_string()},
          {"name", s.name},
          {"kind", s.kind},
          {"ref_id", s.ref_id},
          {"cron", s.cron},
          {"time_zone", s.time_zone},
          {"enabled", s.enabled},
          {"next_run_at", format_timestamp(s.next_run_at)},
          {"last_run_at", s.last_run_at ? nlohmann::json(format_timestamp(*s.last_run_at)) : nlohmann::json(nullptr)},
          {"created_at", format_timestamp(s.created_at)}};
}

nlohmann::json schedule_schema() {
  namespace sc = schema;
  return sc::object({{"id", sc::uuid()},
                     {"name", sc::string()},
                     {"kind", sc::string()},
                     {"ref_id", sc::string()},
                     {"cron", sc::string()},
                     {"time_zone", sc::string()},
                     {"enabled", sc::boolean()},
                     {"next_run_at", sc::date_time()},
                     {"last_run_at", sc::nullable(sc::date_time())},
                     {"created_at", sc::date_time()}});
}

Status add_schedule_routes(Router& router, store::Database& db, const audit::AuditLog& audit,
                           jobs::ScheduleRules rules) {
  auto store = std::make_shared<jobs::ScheduleStore>(db, audit, rules);

  FG_TRY(router.add(Route{.pattern = "/api/v1/schedules",
                          .operation_id = "listSchedules",
                          .summary = "This organization's job schedules, by name",
                          .tag = "jobs",
                          .access = Access::permission(identity::permissions::kJobsRead),
                          .response = responds(200, schema::object({{"schedules", schema::array(schedule_schema())}})),
                          .handler = [store](RequestContext& ctx, const HttpRequest&) -> Result<HttpResponse> {
                            FG_ASSIGN_OR_RETURN(std::vector<jobs::Schedule> found, store->list(ctx.scope()));
                            nlohmann::json items = nlohmann::json::array();
                            for (const jobs::Schedule& s : found) items.push_back(schedule_json(s));
                            return HttpResponse::json_value(200, nlohmann::json{{"schedules", items}});
                          }}));

  FG_TRY(router.add(Route{
      .method = HttpMethod::kPost,
      .pattern = "/api/v1/schedules",
      .operation_id = "createSchedule",
      .summary = "Put a job kind on a cron schedule (5 fields, in an IANA zone); audited schedule.created",
      .tag = "jobs",
      .access = Access::permission(identity::permissions::kJobsManage),
      .body_limit = kScheduleBodyLimit,
      .body = BodySchema{{FieldSpec::string("name").min(1).max(100), FieldSpec::string("kind").min(1).max(64),
                          FieldSpec::string("ref_id").max(256).optional(),
                          FieldSpec::string("cron").min(9).max(128).describe("minute hour day month weekday"),
                          FieldSpec::string("time_zone").min(1).max(64).optional().describe("IANA zone, default UTC")}},
      .response = responds(201, schedule_schema(), "Created"),
      .handler = [store](RequestContext& ctx, const HttpRequest&) -> Result<HttpResponse> {
        const ValidatedBody& b = *ctx.body;
        jobs::ScheduleSpec spec{b.string("name"), b.string("kind"), b.optional_string("ref_id").value_or(""),
                                b.string("cron"), b.optional_string("time_zone").value_or("UTC")};
        FG_ASSIGN_OR_RETURN(jobs::Schedule s, store->create(ctx.scope(), spec, ctx.origin()));
        return HttpResponse::json_value(201, schedule_json(s));
      }}));

  FG_TRY(router.add(Route{.method = HttpMethod::kPatch,
                          .pattern = "/api/v1/schedules/{id}",
                          .operation_id = "updateSchedule",
                          .summary = "Enable, disable or re-time a schedule; audited schedule.updated",
                          .tag = "jobs",
                          .access = Access::permission(identity::permissions::kJobsManage),
                          .body_limit = kScheduleBodyLimit,
                          .body = BodySchema{{FieldSpec::boolean("enabled").optional(),
                                              FieldSpec::string("cron").min(9).max(128).optional(),
                                              FieldSpec::string("time_zone").min(1).max(64).optional()}},
                          .response = responds(200, schedule_schema(), "Updated"),
                          .handler = [store](RequestContext& ctx, const HttpRequest&) -> Result<HttpResponse> {
                            FG_ASSIGN_OR_RETURN(Uuid id, schedule_id(ctx));
                            const ValidatedBody& b = *ctx.body;
                            jobs::ScheduleChange change;
                            if (b.has("enabled")) change.enabled = b.boolean("enabled");
                            change.cron = b.optional_string("cron");
                            change.time_zone = b.optional_string("time_zone");
                            FG_ASSIGN_OR_RETURN(jobs::Schedule s, store->update(ctx.scope(), id, change, ctx.origin()));
                            return HttpResponse::json_value(200, schedule_json(s));
                          }}));

  return router.add(Route{.method = HttpMethod::kDelete,
                          .pattern = "/api/v1/schedules/{id}",
                          .operation_id = "deleteSchedule",
                          .summary = "Remove a schedule (jobs it enqueued stay); audited schedule.deleted",
                          .tag = "jobs",
                          .access = Access::permission(identity::permissions::kJobsManage),
                          .response = responds_empty("Removed"),
                          .handler = [store](RequestContext& ctx, const HttpRequest&) -> Result<HttpResponse> {
                            FG_ASSIGN_OR_RETURN(Uuid id, schedule_id(ctx));
                            FG_TRY(store->remove(ctx.scope(), id, ctx.origin()));
                            return HttpResponse::empty(204);
                          }});
}

}  // namespace fg::api
