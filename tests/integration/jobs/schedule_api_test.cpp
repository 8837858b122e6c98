// The schedules API over a real socket on 127.0.0.1, on SQLite and PostgreSQL: 401 without credentials,
// 403 for roles without jobs.read / jobs.manage, 404 for another org's schedule (like a missing one),
// 400 naming the field, 409 for a duplicate name, and an audit entry per mutation.
#include <map>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api/application/api_service.hpp"
#include "api/routes/identity/identity_api.hpp"
#include "api/routes/jobs/job_routes.hpp"
#include "api/routes/jobs/schedule_routes.hpp"
#include "audit/audit_reader.hpp"
#include "identity/org_service.hpp"
#include "raw_client.hpp"
#include "support/store_fixture.hpp"

namespace fg::api {
namespace {

using nlohmann::json;

constexpr std::string_view kPassword = "schedule-Passw0rd-heron-quartz";

struct Resp {
  int status = 0;
  std::string body;
  json j() const { return body.empty() ? json() : json::parse(body, nullptr, false); }
  std::string field() const { return j()["error"].value("field", ""); }
};

class ScheduleApiTest : public store::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ctx_ = std::make_unique<identity::IdentityContext>(
        identity::IdentityContext{*db_, audit_, SystemClock::instance(), hasher_, key_, {}});
    org_a_ = make_org("Acme Corp", "owner@acme.test");
    org_b_ = make_org("Beta Ltd", "owner@beta.test");

    Config config;
    config.listen = "127.0.0.1:0";
    ApiServiceOptions options;
    options.threads = 2;
    options.rate_per_ip.auth = {100000, 100000};
    options.rate_per_ip.mutation = {100000, 100000};
    options.rate_per_ip.read = {100000, 100000};
    options.rate_per_principal = options.rate_per_ip;
    ApiDependencies deps;
    install_identity(deps, std::make_shared<IdentityApi>(*ctx_));
    store::Database* db = db_.get();
    deps.route_sets.push_back([db, this](Router& r) { return add_job_routes(r, *db, audit_); });
    deps.route_sets.push_back(
        [db, this](Router& r) { return add_schedule_routes(r, *db, audit_, {.allow_test_kinds = true}); });
    Result<std::unique_ptr<ApiService>> s = ApiService::start(config, std::move(deps), options);
    ASSERT_TRUE(s.ok()) << s.status().to_string();
    service_ = std::move(*s);
    port_ = service_->port();
    for (const char* role : {"administrator", "analyst", "member", "viewer"}) keys_[role] = key_header(org_a_, role);
    keys_["b-owner"] = key_header(org_b_, "owner");
  }

  OrgId make_org(const std::string& name, const std::string& email) {
    Result<identity::CreatedOrg> c = identity::create_org_with_owner(
        *ctx_, testing::ScopeForTest::org(OrgId::random(), {Actor::Kind::kOperator, "os:test", "operator"}),
        {name, email, std::string(kPassword), ""});
    EXPECT_TRUE(c.ok()) << c.status().to_string();
    owner_email_[c->org_id.to_string()] = email;
    return c->org_id;
  }

  Resp call(const std::string& method, const std::string& path, const std::string& body = "",
            const std::string& headers = "") {
    test::RawClient c(port_);
    std::string req = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + headers;
    if (!body.empty())
      req += "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
    req += "\r\n" + body;
    EXPECT_TRUE(c.send(req));
    std::optional<test::RawResponse> r = c.read_response();
    EXPECT_TRUE(r.has_value()) << method << " " << path;
    return r ? Resp{r->status, r->body} : Resp{};
  }

  //! "Authorization: Bearer ...\r\n" for a new API key of `role` in `org`, made by that org's Owner.
  std::string key_header(const OrgId& org, const std::string& role) {
    std::string cookie;
    test::RawClient c(port_);
    const std::string body =
        json{{"email", owner_email_[org.to_string()]}, {"password", std::string(kPassword)}}.dump();
    EXPECT_TRUE(
        c.send("POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
               "Content-Type: application/json\r\nContent-Length: " +
               std::to_string(body.size()) + "\r\n\r\n" + body));
    std::optional<test::RawResponse> r = c.read_response();
    EXPECT_TRUE(r.has_value());
    for (const Headers::Entry& h : r->headers.entries()) {
      if (!iequals(h.first, "Set-Cookie")) continue;
      const std::string v = h.second.substr(0, h.second.find(';'));
      if (v.rfind("fg_session=", 0) == 0) cookie = "Cookie: " + v + "\r\n";
    }
    const std::string csrf =
        "X-CSRF-Token: " + json::parse(r->body, nullptr, false).value("csrf_token", std::string()) + "\r\n";
    Resp key = call("POST", "/api/v1/api-keys", json{{"name", role}, {"role", role}}.dump(), cookie + csrf);
    EXPECT_EQ(key.status, 201) << key.body;
    return "Authorization: Bearer " + key.j().value("key", std::string()) + "\r\n";
  }

  Resp create(const std::string& as, const json& body) {
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

  audit::AuditLog audit_;
  crypto::PasswordHasher hasher_{crypto::PasswordHasherOptions{{1, 8192}, 4, std::chrono::milliseconds(2000)}};
  identity::TotpKey key_ = identity::TotpKey::random_for_test();
  std::unique_ptr<identity::IdentityContext> ctx_;
  std::unique_ptr<ApiService> service_;
  std::uint16_t port_ = 0;
  OrgId org_a_, org_b_;
  std::map<std::string, std::string> owner_email_, keys_;
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
  Resp made = create("administrator", hourly());
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string path = "/api/v1/schedules/" + made.j()["id"].get<std::string>();
  for (const char* role : {"analyst", "member", "viewer"}) {
    EXPECT_EQ(call("GET", "/api/v1/schedules", "", keys_[role]).status, 403) << role;
    EXPECT_EQ(create(role, hourly("mine")).status, 403) << role;
    EXPECT_EQ(call("PATCH", path, R"({"enabled":false})", keys_[role]).status, 403) << role;
    EXPECT_EQ(call("DELETE", path, "", keys_[role]).status, 403) << role;
  }
  EXPECT_EQ(audited(org_a_), std::vector<std::string>{"schedule.created administrator"});
}

TEST_P(ScheduleApiTest, AdministratorCreatesListsChangesAndDeletesWithAudit) {
  Resp made = create("administrator", hourly());
  ASSERT_EQ(made.status, 201) << made.body;
  EXPECT_EQ(made.j()["kind"], "test.count");
  EXPECT_EQ(made.j()["enabled"], true);
  EXPECT_TRUE(made.j()["last_run_at"].is_null());
  const std::string path = "/api/v1/schedules/" + made.j()["id"].get<std::string>();
  // time_zone is optional (UTC).
  Resp second = create("administrator", {{"name", "nightly"}, {"kind", "test.count"}, {"cron", "0 2 * * *"}});
  ASSERT_EQ(second.status, 201) << second.body;
  EXPECT_EQ(second.j()["time_zone"], "UTC");
  EXPECT_EQ(create("administrator", hourly()).status, 409);

  Resp list = call("GET", "/api/v1/schedules", "", keys_["administrator"]);
  ASSERT_EQ(list.status, 200);
  ASSERT_EQ(list.j()["schedules"].size(), 2u);
  EXPECT_EQ(list.j()["schedules"][0]["name"], "hourly");

  Resp off = call("PATCH", path, R"({"enabled":false,"cron":"30 6 * * 1-5","time_zone":"Europe/Paris"})",
                  keys_["administrator"]);
  ASSERT_EQ(off.status, 200) << off.body;
  EXPECT_EQ(off.j()["enabled"], false);
  EXPECT_EQ(off.j()["cron"], "30 6 * * 1-5");
  EXPECT_EQ(off.j()["time_zone"], "Europe/Paris");
  EXPECT_EQ(call("DELETE", path, "", keys_["administrator"]).status, 204);
  EXPECT_EQ(call("DELETE", path, "", keys_["administrator"]).status, 404);
  EXPECT_EQ(call("GET", "/api/v1/schedules", "", keys_["administrator"]).j()["schedules"].size(), 1u);
  EXPECT_EQ(audited(org_a_),
            (std::vector<std::string>{"schedule.deleted administrator", "schedule.updated administrator",
                                      "schedule.created administrator", "schedule.created administrator"}));
  EXPECT_TRUE(audited(org_b_).empty());
}

TEST_P(ScheduleApiTest, AnotherOrgsScheduleIs404LikeAMissingOne) {
  Resp theirs = create("b-owner", hourly());
  ASSERT_EQ(theirs.status, 201) << theirs.body;
  const std::string their_path = "/api/v1/schedules/" + theirs.j()["id"].get<std::string>();
  const std::string missing_path = "/api/v1/schedules/" + Uuid::random().to_string();
  Resp patch = call("PATCH", their_path, R"({"enabled":false})", keys_["administrator"]);
  Resp patch_missing = call("PATCH", missing_path, R"({"enabled":false})", keys_["administrator"]);
  EXPECT_EQ(patch.status, 404);
  EXPECT_EQ(patch_missing.status, 404);
  EXPECT_EQ(patch.j()["error"]["message"], patch_missing.j()["error"]["message"]);
  EXPECT_EQ(call("DELETE", their_path, "", keys_["administrator"]).status, 404);
  EXPECT_TRUE(call("GET", "/api/v1/schedules", "", keys_["administrator"]).j()["schedules"].empty());
  // Still there, still enabled, for its own org.
  Resp own = call("GET", "/api/v1/schedules", "", keys_["b-owner"]);
  ASSERT_EQ(own.j()["schedules"].size(), 1u);
  EXPECT_EQ(own.j()["schedules"][0]["enabled"], true);
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
    Resp r = create("administrator", body);
    EXPECT_EQ(r.status, 400) << body.dump();
    EXPECT_EQ(r.field(), field) << body.dump() << " -> " << r.body;
  }
  Resp made = create("administrator", hourly());
  ASSERT_EQ(made.status, 201);
  const std::string path = "/api/v1/schedules/" + made.j()["id"].get<std::string>();
  const std::vector<std::pair<std::string, std::string>> patches = {
      {"enabled", R"({})"},
      {"enabled", R"({"enabled":"no"})"},
      {"cron", R"({"cron":"every minute"})"},
      {"time_zone", R"({"time_zone":"UTC+2"})"},
      {"kind", R"({"kind":"test.fail"})"},
  };
  for (const auto& [field, body] : patches) {
    Resp r = call("PATCH", path, body, keys_["administrator"]);
    EXPECT_EQ(r.status, 400) << body;
    EXPECT_EQ(r.field(), field) << body << " -> " << r.body;
  }
  Resp bad_id = call("PATCH", "/api/v1/schedules/not-a-uuid", R"({"enabled":false})", keys_["administrator"]);
  EXPECT_EQ(bad_id.status, 400);
  EXPECT_EQ(bad_id.field(), "id");
  EXPECT_EQ(audited(org_a_), std::vector<std::string>{"schedule.created administrator"});
}

INSTANTIATE_TEST_SUITE_P(Backends, ScheduleApiTest,
                         ::testing::Values(store::Dialect::kSqlite, store::Dialect::kPostgres), store::backend_name);

}  // namespace
}  // namespace fg::api
