// The schedules API over a real socket on 127.0.0.1, on SQLite and PostgreSQL: 401 without credentials,
// 403 for roles without jobs.read / jobs.manage, 404 for another org's schedule (like a missing one),
// 400 naming the field, 409 for a duplicate name, and an audit entry per mutation.
#include <map>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api/routes/jobs/job_routes.hpp"
#include "api/routes/jobs/schedule_routes.hpp"
#include "api_server_fixture.hpp"
#include "audit/audit_reader.hpp"

namespace fg::api {
namespace {

using nlohmann::json;

class ScheduleApiTest : public ApiServerTest {
 protected:
  void SetUp() override {
    ApiServerTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    store::Database* db = db_.get();
    start({[db, this](Router& r) { return install_jobs(r, *db, audit_, {.allow_test_kinds = true}); }});
  }

  ApiResp create(const std::string& as, const json& body) {
    return call("POST", "/api/v1/schedules", body.dump(), keys_[as]);
  }

  json hourly(const std::string& name = "hourly") {
    return {{"name", name}, {"kind", "test.count"}, {"ref_id", "r"}, {"cron", "0 * * * *"}, {"time_zone", "UTC"}};
  }

  std::vector<std::string> audited(const OrgId& org) {
    Result<store::OrgTransaction> tx = db_->begin(scope_for(org), store::TxMode::kRead);
    Result<audit::AuditPage> page = audit::list_events(*tx, {});
    std::vector<std::string> out;
    for (const audit::AuditRecord& r : page->records) {
      if (r.action.rfind("schedule.", 0) == 0) out.push_back(r.action + " " + r.actor_role);
    }
    return out;
  }
};

TEST_P(ScheduleApiTest, EveryScheduleRouteIs401WithoutCredentials) {
  const std::string id = Uuid::random().to_string();
  EXPECT_EQ(call("GET", "/api/v1/schedules").status, 401);
  EXPECT_EQ(call("POST", "/api/v1/schedules", hourly().dump()).status, 401);
  EXPECT_EQ(call("PATCH", "/api/v1/schedules/" + id, R"({"enabled":false})").status, 401);
  EXPECT_EQ(call("DELETE", "/api/v1/schedules/" + id).status, 401);
  EXPECT_EQ(call("GET", "/api/v1/schedules", "", "Authorization: Bearer fgk_0123456789abcdef_AAAA\r\n").status, 401);
}

TEST_P(ScheduleApiTest, RolesBelowAdministratorAre403) {
  ApiResp made = create("administrator", hourly());
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string path = "/api/v1/schedules/" + made.json()["id"].get<std::string>();
  for (const char* role : {"analyst", "member", "viewer"}) {
    EXPECT_EQ(call("GET", "/api/v1/schedules", "", keys_[role]).status, 403) << role;
    EXPECT_EQ(create(role, hourly("mine")).status, 403) << role;
    EXPECT_EQ(call("PATCH", path, R"({"enabled":false})", keys_[role]).status, 403) << role;
    EXPECT_EQ(call("DELETE", path, "", keys_[role]).status, 403) << role;
  }
  EXPECT_EQ(audited(org_a_), std::vector<std::string>{"schedule.created administrator"});
}

TEST_P(ScheduleApiTest, AdministratorCreatesListsChangesAndDeletesWithAudit) {
  ApiResp made = create("administrator", hourly());
  ASSERT_EQ(made.status, 201) << made.body;
  EXPECT_EQ(made.json()["kind"], "test.count");
  EXPECT_EQ(made.json()["enabled"], true);
  EXPECT_TRUE(made.json()["last_run_at"].is_null());
  const std::string path = "/api/v1/schedules/" + made.json()["id"].get<std::string>();
  // time_zone is optional (UTC).
  ApiResp second = create("administrator", {{"name", "nightly"}, {"kind", "test.count"}, {"cron", "0 2 * * *"}});
  ASSERT_EQ(second.status, 201) << second.body;
  EXPECT_EQ(second.json()["time_zone"], "UTC");
  EXPECT_EQ(create("administrator", hourly()).status, 409);

  ApiResp list = call("GET", "/api/v1/schedules", "", keys_["administrator"]);
  ASSERT_EQ(list.status, 200);
  ASSERT_EQ(list.json()["schedules"].size(), 2u);
  EXPECT_EQ(list.json()["schedules"][0]["name"], "hourly");

  ApiResp off = call("PATCH", path, R"({"enabled":false,"cron":"30 6 * * 1-5","time_zone":"Europe/Paris"})",
                     keys_["administrator"]);
  ASSERT_EQ(off.status, 200) << off.body;
  EXPECT_EQ(off.json()["enabled"], false);
  EXPECT_EQ(off.json()["cron"], "30 6 * * 1-5");
  EXPECT_EQ(off.json()["time_zone"], "Europe/Paris");
  EXPECT_EQ(call("DELETE", path, "", keys_["administrator"]).status, 204);
  EXPECT_EQ(call("DELETE", path, "", keys_["administrator"]).status, 404);
  EXPECT_EQ(call("GET", "/api/v1/schedules", "", keys_["administrator"]).json()["schedules"].size(), 1u);
  EXPECT_EQ(audited(org_a_),
            (std::vector<std::string>{"schedule.deleted administrator", "schedule.updated administrator",
                                      "schedule.created administrator", "schedule.created administrator"}));
  EXPECT_TRUE(audited(org_b_).empty());
}

TEST_P(ScheduleApiTest, AnotherOrgsScheduleIs404LikeAMissingOne) {
  ApiResp theirs = create("b-owner", hourly());
  ASSERT_EQ(theirs.status, 201) << theirs.body;
  const std::string their_path = "/api/v1/schedules/" + theirs.json()["id"].get<std::string>();
  const std::string missing_path = "/api/v1/schedules/" + Uuid::random().to_string();
  ApiResp patch = call("PATCH", their_path, R"({"enabled":false})", keys_["administrator"]);
  ApiResp patch_missing = call("PATCH", missing_path, R"({"enabled":false})", keys_["administrator"]);
  EXPECT_EQ(patch.status, 404);
  EXPECT_EQ(patch_missing.status, 404);
  EXPECT_EQ(patch.json()["error"]["message"], patch_missing.json()["error"]["message"]);
  EXPECT_EQ(call("DELETE", their_path, "", keys_["administrator"]).status, 404);
  EXPECT_TRUE(call("GET", "/api/v1/schedules", "", keys_["administrator"]).json()["schedules"].empty());
  // Still there, still enabled, for its own org.
  ApiResp own = call("GET", "/api/v1/schedules", "", keys_["b-owner"]);
  ASSERT_EQ(own.json()["schedules"].size(), 1u);
  EXPECT_EQ(own.json()["schedules"][0]["enabled"], true);
  EXPECT_TRUE(audited(org_a_).empty());
}

TEST_P(ScheduleApiTest, BadInputIs400NamingTheField) {
  const std::vector<std::pair<std::string, json>> cases = {
      {"name", {{"kind", "test.count"}, {"cron", "* * * * *"}}},
      {"name", {{"name", std::string(101, 'n')}, {"kind", "test.count"}, {"cron", "* * * * *"}}},
      {"name", {{"name", "bell\u0007"}, {"kind", "test.count"}, {"cron", "* * * * *"}}},
      {"kind", {{"name", "x"}, {"kind", "keys.rewrap"}, {"cron", "* * * * *"}}},  // operators start re-wraps
      {"kind", {{"name", "x"}, {"kind", "ingest.upload"}, {"cron", "* * * * *"}}},
      {"kind", {{"name", "x"}, {"kind", "no.such.kind"}, {"cron", "* * * * *"}}},
      {"cron", {{"name", "x"}, {"kind", "test.count"}, {"cron", "* * * *"}}},
      {"cron", {{"name", "x"}, {"kind", "test.count"}, {"cron", "* * * * * *"}}},
      {"cron", {{"name", "x"}, {"kind", "test.count"}, {"cron", "0 25 * * *"}}},
      {"cron", {{"name", "x"}, {"kind", "test.count"}, {"cron", "0 0 31 2 *"}}},  // never fires
      {"cron", {{"name", "x"}, {"kind", "test.count"}, {"cron", 5}}},
      {"time_zone", {{"name", "x"}, {"kind", "test.count"}, {"cron", "* * * * *"}, {"time_zone", "Mars/Olympus"}}},
      {"ref_id", {{"name", "x"}, {"kind", "test.count"}, {"cron", "* * * * *"}, {"ref_id", std::string(257, 'r')}}},
      {"owner", {{"name", "x"}, {"kind", "test.count"}, {"cron", "* * * * *"}, {"owner", "me"}}},
  };
  for (const auto& [field, body] : cases) {
    ApiResp r = create("administrator", body);
    EXPECT_EQ(r.status, 400) << body.dump();
    EXPECT_EQ(r.field(), field) << body.dump() << " -> " << r.body;
  }
  ApiResp made = create("administrator", hourly());
  ASSERT_EQ(made.status, 201);
  const std::string path = "/api/v1/schedules/" + made.json()["id"].get<std::string>();
  const std::vector<std::pair<std::string, std::string>> patches = {
      {"enabled", R"({})"},
      {"enabled", R"({"enabled":"no"})"},
      {"cron", R"({"cron":"every minute"})"},
      {"time_zone", R"({"time_zone":"UTC+2"})"},
      {"kind", R"({"kind":"test.fail"})"},
  };
  for (const auto& [field, body] : patches) {
    ApiResp r = call("PATCH", path, body, keys_["administrator"]);
    EXPECT_EQ(r.status, 400) << body;
    EXPECT_EQ(r.field(), field) << body << " -> " << r.body;
  }
  ApiResp bad_id = call("PATCH", "/api/v1/schedules/not-a-uuid", R"({"enabled":false})", keys_["administrator"]);
  EXPECT_EQ(bad_id.status, 400);
  EXPECT_EQ(bad_id.field(), "id");
  EXPECT_EQ(audited(org_a_), std::vector<std::string>{"schedule.created administrator"});
}

INSTANTIATE_TEST_SUITE_P(Backends, ScheduleApiTest,
                         ::testing::Values(store::Dialect::kSqlite, store::Dialect::kPostgres), store::backend_name);

}  // namespace
}  // namespace fg::api
