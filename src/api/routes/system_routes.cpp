#include "api/routes/system_routes.hpp"

#include <nlohmann/json.hpp>

#include "api/http/request_context.hpp"
#include "audit/audit_event.hpp"
#include "core/log.hpp"

namespace fg::api {
namespace {

Result<HttpResponse> readyz(const std::vector<ReadinessCheck>& checks) {
  nlohmann::json results = nlohmann::json::object();
  bool ready = true;
  for (const ReadinessCheck& c : checks) {
    Status s;
    try {
      s = c.check();
    } catch (...) {
      s = internal_error("readiness check threw");
    }
    if (!s.ok()) {
      // The reason goes to the log, not to an unauthenticated caller.
      log::warn("readiness check failed", {{"check", c.name}, {"reason", s.to_string()}});
      ready = false;
    }
    results[c.name] = s.ok() ? "ok" : "failed";
  }
  nlohmann::json body = {{"status", ready ? "ready" : "not_ready"}, {"checks", results}};
  return HttpResponse::json_value(ready ? 200 : 503, body);
}

}  // namespace

Status add_system_routes(Router& router, std::vector<ReadinessCheck> checks) {
  FG_TRY(router.add(Route{.pattern = "/healthz",
                          .operation_id = "getHealth",
                          .summary = "Liveness: the process is up",
                          .tag = "system",
                          .rate_class = RateClass::kExempt,
                          .response = responds(200, schema::object({{"status", schema::enumeration({"ok"})}})),
                          .handler = [](RequestContext&, const HttpRequest&) -> Result<HttpResponse> {
                            return HttpResponse::json(200, R"({"status":"ok"})");
                          }}));

  FG_TRY(router.add(
      Route{.pattern = "/readyz",
            .operation_id = "getReadiness",
            .summary = "Readiness: database reachable, migrations current, keys loaded",
            .tag = "system",
            .rate_class = RateClass::kExempt,
            .response = responds(200,
                                 schema::object({{"status", schema::enumeration({"ready", "not_ready"})},
                                                 {"checks", schema::map_of(schema::enumeration({"ok", "failed"}))}}),
                                 "Ready (503 with the same body when a check failed)")
                            .or_status(503),
            .handler = [checks = std::move(checks)](RequestContext&, const HttpRequest&) { return readyz(checks); }}));

  FG_TRY(router.add(Route{.pattern = "/api/v1/me",
                          .operation_id = "getMe",
                          .summary = "The principal this request runs as: subject, organization, role and auth method",
                          .tag = "identity",
                          .access = Access::authenticated(),
                          .response = responds(200, schema::object({{"subject_id", schema::string()},
                                                                    {"subject_kind", schema::string()},
                                                                    {"org_id", schema::uuid()},
                                                                    {"role", schema::string()},
                                                                    {"auth_method", schema::string()}})),
                          .handler = [](RequestContext& ctx, const HttpRequest&) -> Result<HttpResponse> {
                            const Principal& p = *ctx.principal;
                            nlohmann::json body = {
                                {"subject_id", p.subject_id()},
                                {"subject_kind", std::string(audit::actor_kind_name(p.scope.actor().kind))},
                                {"org_id", p.scope.org_id().to_string()},
                                {"role", p.role()},
                                {"auth_method", std::string(auth_method_name(p.method))},
                            };
                            return HttpResponse::json_value(200, body);
                          }}));
  return ok_status();
}

}  // namespace fg::api
