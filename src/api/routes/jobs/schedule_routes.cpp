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

Route schedule_route(HttpMethod method, std::string pattern, std::string operation_id, std::string summary,
                     identity::Permission permission) {
  Route r;
  r.method = method;
  r.pattern = std::move(pattern);
  r.operation_id = std::move(operation_id);
  r.summary = std::move(summary);
  r.tag = "jobs";
  r.access = Access::permission(permission);
  r.rate_class = method == HttpMethod::kGet ? RateClass::kRead : RateClass::kMutation;
  // DELETE takes no body, but a small limit lets a stray "{}" reach authentication (401) first.
  r.body_limit = method == HttpMethod::kGet ? kNoBody : kScheduleBodyLimit;
  return r;
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

Status add_schedule_routes(Router& router, store::Database& db, const audit::AuditLog& audit,
                           jobs::ScheduleRules rules) {
  auto store = std::make_shared<jobs::ScheduleStore>(db, audit, rules);

  Route list = schedule_route(HttpMethod::kGet, "/api/v1/schedules", "listSchedules",
                              "This organization's job schedules, by name", identity::permissions::kJobsRead);
  list.handler = [store](RequestContext& ctx, const HttpRequest&) -> Result<HttpResponse> {
    FG_ASSIGN_OR_RETURN(std::vector<jobs::Schedule> found, store->list(ctx.scope()));
    nlohmann::json items = nlohmann::json::array();
    for (const jobs::Schedule& s : found) items.push_back(schedule_json(s));
    return HttpResponse::json_value(200, nlohmann::json{{"schedules", items}});
  };
  FG_TRY(router.add(std::move(list)));

  Route create = schedule_route(HttpMethod::kPost, "/api/v1/schedules", "createSchedule",
                                "Put a job kind on a cron schedule (5 fields, in an IANA zone); audited "
                                "schedule.created",
                                identity::permissions::kJobsManage);
  create.body =
      BodySchema{{FieldSpec::string("name").min(1).max(100), FieldSpec::string("kind").min(1).max(64),
                  FieldSpec::string("ref_id").max(256).optional(),
                  FieldSpec::string("cron").min(9).max(128).describe("minute hour day month weekday"),
                  FieldSpec::string("time_zone").min(1).max(64).optional().describe("IANA zone, default UTC")}};
  create.handler = [store](RequestContext& ctx, const HttpRequest&) -> Result<HttpResponse> {
    const ValidatedBody& b = *ctx.body;
    jobs::ScheduleSpec spec{b.string("name"), b.string("kind"), b.optional_string("ref_id").value_or(""),
                            b.string("cron"), b.optional_string("time_zone").value_or("UTC")};
    FG_ASSIGN_OR_RETURN(jobs::Schedule s, store->create(ctx.scope(), spec, ctx.origin()));
    return HttpResponse::json_value(201, schedule_json(s));
  };
  FG_TRY(router.add(std::move(create)));

  Route update = schedule_route(HttpMethod::kPatch, "/api/v1/schedules/{id}", "updateSchedule",
                                "Enable, disable or re-time a schedule; audited schedule.updated",
                                identity::permissions::kJobsManage);
  update.body =
      BodySchema{{FieldSpec::boolean("enabled").optional(), FieldSpec::string("cron").min(9).max(128).optional(),
                  FieldSpec::string("time_zone").min(1).max(64).optional()}};
  update.handler = [store](RequestContext& ctx, const HttpRequest&) -> Result<HttpResponse> {
    FG_ASSIGN_OR_RETURN(Uuid id, schedule_id(ctx));
    const ValidatedBody& b = *ctx.body;
    jobs::ScheduleChange change;
    if (b.has("enabled")) change.enabled = b.boolean("enabled");
    change.cron = b.optional_string("cron");
    change.time_zone = b.optional_string("time_zone");
    FG_ASSIGN_OR_RETURN(jobs::Schedule s, store->update(ctx.scope(), id, change, ctx.origin()));
    return HttpResponse::json_value(200, schedule_json(s));
  };
  FG_TRY(router.add(std::move(update)));

  Route remove = schedule_route(HttpMethod::kDelete, "/api/v1/schedules/{id}", "deleteSchedule",
                                "Remove a schedule (jobs it enqueued stay); audited schedule.deleted",
                                identity::permissions::kJobsManage);
  remove.handler = [store](RequestContext& ctx, const HttpRequest&) -> Result<HttpResponse> {
    FG_ASSIGN_OR_RETURN(Uuid id, schedule_id(ctx));
    FG_TRY(store->remove(ctx.scope(), id, ctx.origin()));
    return HttpResponse::empty(204);
  };
  return router.add(std::move(remove));
}

}  // namespace fg::api
