#include "api/routes/jobs/job_routes.hpp"

#include "api/http/request_context.hpp"
#include "api/routes/jobs/schedule_routes.hpp"
#include "api/validation/query_values.hpp"
#include "jobs/job_queue.hpp"

namespace fg::api {
namespace {

nlohmann::json time_or_null(const std::optional<Timestamp>& t) {
  return t ? nlohmann::json(format_timestamp(*t)) : nlohmann::json(nullptr);
}

Result<jobs::JobFilter> parse_filter(const HttpRequest& req) {
  jobs::JobFilter f;
  if (std::optional<std::string> s = req.query_param("status"); s && !s->empty()) {
    f.status = jobs::parse_status(*s);
    if (!f.status)
      return invalid_argument_error("status: must be queued, running, succeeded, failed or dead", "status");
  }
  if (std::optional<std::string> k = req.query_param("kind"); k) {
    if (k->size() > 64) return invalid_argument_error("kind: longer than 64 characters", "kind");
    f.kind = *k;
  }
  if (std::optional<std::string> l = req.query_param("limit"); l) {
    FG_ASSIGN_OR_RETURN(std::int64_t n, parse_bounded_integer("limit", *l, 500));
    f.limit = static_cast<int>(n);
  }
  return f;
}

Result<Uuid> job_id(const RequestContext& ctx) {
  Result<Uuid> id = Uuid::parse(ctx.param("id"));
  if (!id.ok()) return invalid_argument_error("id: must be a job id (UUID)", "id");
  return id;
}

}  // namespace

nlohmann::json job_json(const jobs::Job& j) {
  return {{"id", j.id.to_string()},
          {"kind", j.kind},
          {"ref_id", j.ref_id},
          {"status", std::string(jobs::status_name(j.status))},
          {"idempotent", j.idempotent},
          {"attempts", j.attempts},
          {"max_attempts", j.max_attempts},
          {"run_after", format_timestamp(j.run_after)},
          {"lease_until", time_or_null(j.lease_until)},
          {"heartbeat_at", time_or_null(j.heartbeat_at)},
          {"last_error", j.last_error.empty() ? nlohmann::json(nullptr) : nlohmann::json(j.last_error)},
          {"created_at", format_timestamp(j.created_at)},
          {"finished_at", time_or_null(j.finished_at)}};
}

nlohmann::json job_schema() {
  namespace sc = schema;
  return sc::object({{"id", sc::uuid()},
                     {"kind", sc::string()},
                     {"ref_id", sc::string()},
                     {"status", sc::enumeration({"queued", "running", "succeeded", "failed", "dead"})},
                     {"idempotent", sc::boolean()},
                     {"attempts", sc::integer()},
                     {"max_attempts", sc::integer()},
                     {"run_after", sc::date_time()},
                     {"lease_until", sc::nullable(sc::date_time())},
                     {"heartbeat_at", sc::nullable(sc::date_time())},
                     {"last_error", sc::nullable(sc::string())},
                     {"created_at", sc::date_time()},
                     {"finished_at", sc::nullable(sc::date_time())}});
}

namespace {

Status add_job_routes(Router& router, store::Database& db, const audit::AuditLog& audit) {
  FG_TRY(router.add(Route{
      .pattern = "/api/v1/jobs",
      .operation_id = "listJobs",
      .summary = "This organization's jobs, newest first (filter by status and kind)",
      .tag = "jobs",
      .access = Access::permission(identity::permissions::kJobsRead),
      .query = {{
          QueryParam::enumeration("status", {"queued", "running", "succeeded", "failed", "dead"}).blank_is_absent(),
          QueryParam::string("kind", 64),
          QueryParam::integer("limit", 500),
      }},
      .response = responds(200, schema::object({{"jobs", schema::array(job_schema())}})),
      .handler = [&db](RequestContext& ctx, const HttpRequest& req) -> Result<HttpResponse> {
        FG_ASSIGN_OR_RETURN(jobs::JobFilter filter, parse_filter(req));
        jobs::JobQueue queue(db);
        FG_ASSIGN_OR_RETURN(std::vector<jobs::Job> found, queue.list(ctx.scope(), filter));
        nlohmann::json items = nlohmann::json::array();
        for (const jobs::Job& j : found) items.push_back(job_json(j));
        return HttpResponse::json_value(200, nlohmann::json{{"jobs", items}});
      }}));

  FG_TRY(router.add(Route{.pattern = "/api/v1/jobs/{id}",
                          .operation_id = "getJob",
                          .summary = "One job of this organization",
                          .tag = "jobs",
                          .access = Access::permission(identity::permissions::kJobsRead),
                          .response = responds(200, job_schema()),
                          .handler = [&db](RequestContext& ctx, const HttpRequest&) -> Result<HttpResponse> {
                            FG_ASSIGN_OR_RETURN(Uuid id, job_id(ctx));
                            jobs::JobQueue queue(db);
                            FG_ASSIGN_OR_RETURN(jobs::Job j, queue.get(ctx.scope(), id));
                            return HttpResponse::json_value(200, job_json(j));
                          }}));

  return router.add(Route{.method = HttpMethod::kPost,
                          .pattern = "/api/v1/jobs/{id}/retry",
                          .operation_id = "retryJob",
                          .summary = "Re-queue a dead job (Administrator); audited as job.retried",
                          .tag = "jobs",
                          .access = Access::permission(identity::permissions::kJobsManage),
                          .response = responds(200, job_schema(), "Re-queued"),
                          .handler = [&db, &audit](RequestContext& ctx, const HttpRequest&) -> Result<HttpResponse> {
                            FG_ASSIGN_OR_RETURN(Uuid id, job_id(ctx));
                            jobs::JobQueue queue(db);
                            FG_ASSIGN_OR_RETURN(jobs::Job j, queue.retry(ctx.scope(), audit, id, ctx.origin()));
                            return HttpResponse::json_value(200, job_json(j));
                          }});
}

}  // namespace

Status install_jobs(Router& router, store::Database& db, const audit::AuditLog& audit, jobs::ScheduleRules schedules) {
  FG_TRY(add_job_routes(router, db, audit));
  return add_schedule_routes(router, db, audit, schedules);
}

}  // namespace fg::api
