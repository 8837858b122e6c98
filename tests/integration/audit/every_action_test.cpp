// Every action of the closed audit enum is emitted by the feature that causes it, end to end: the real
// binary (`admin bootstrap`, `keys`, `serve --with-worker`) driven over HTTP on 127.0.0.1 the way a user
// would, then both chains read back from the database. A new action added to the enum without a path
// here fails this test, so the log can't silently miss a kind of event. The chains must also verify.

#include <csignal>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "audit/audit_action.hpp"
#include "audit/audit_reader.hpp"
#include "core/time.hpp"
#include "crypto/encoding.hpp"
#include "crypto/totp.hpp"
#include "raw_client.hpp"
#include "store/database.hpp"
#include "support/scope_for_test.hpp"
#include "support/subprocess.hpp"
#include "support/test_env.hpp"

namespace fg::api {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

constexpr std::string_view kOwnerPassword = "every-action-owner-passphrase";

struct Resp {
  int status = 0;
  Headers headers;
  std::string body;
  json j() const { return body.empty() ? json() : json::parse(body, nullptr, false); }
};

class EveryActionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::make_temp_dir("fg-every-action-");
    env_ = {{"FINGUARD_DATA_DIR", dir_}, {"FINGUARD_LOG_FORMAT", "text"}};
    for (const char* limit : {"AUTH", "MUTATION", "READ"}) {
      for (const char* stage : {"IP", "PRINCIPAL"}) {
        env_[std::string("FINGUARD_RATE_LIMIT_") + limit + "_PER_" + stage + "_PER_MINUTE"] = "100000";
        env_[std::string("FINGUARD_RATE_LIMIT_") + limit + "_PER_" + stage + "_BURST"] = "100000";
      }
    }
    env_["FINGUARD_RATE_LIMIT_LOGIN_FAILURES_PER_IP_PER_MINUTE"] = "1000";
    env_["FINGUARD_RATE_LIMIT_LOGIN_FAILURES_PER_ACCOUNT_PER_MINUTE"] = "1000";
  }

  testing::ProcessResult cli(const std::vector<std::string>& args) {
    std::vector<std::string> argv = {testing::finguard_binary()};
    argv.insert(argv.end(), args.begin(), args.end());
    return testing::run_process(argv, env_);
  }

  Resp call(const std::string& method, const std::string& path, const std::string& body = "",
            const std::string& headers = "", const std::string& content_type = "application/json") {
    test::RawClient c(port_);
    std::string req = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + headers;
    if (!body.empty()) {
      req += "Content-Type: " + content_type + "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
    }
    req += "\r\n" + body;
    EXPECT_TRUE(c.send(req));
    std::optional<test::RawResponse> r = c.read_response(10s);
    EXPECT_TRUE(r.has_value()) << method << " " << path;
    return r ? Resp{r->status, r->headers, r->body} : Resp{};
  }

  //! Cookie and CSRF header lines of a fresh session; the session id in `session_id`.
  std::string login(const std::string& email, const std::string& password, std::string* session_id = nullptr) {
    const json body = {{"email", email}, {"password", password}};
    Resp r = call("POST", "/api/v1/auth/login", body.dump());
    EXPECT_EQ(r.status, 200) << email << " " << r.body;
    std::string cookie;
    for (const Headers::Entry& h : r.headers.entries()) {
      if (!iequals(h.first, "Set-Cookie")) continue;
      const std::string v = h.second.substr(0, h.second.find(';'));
      if (v.rfind("fg_session=", 0) == 0) cookie = "Cookie: " + v + "\r\n";
    }
    if (session_id != nullptr) *session_id = r.j().value("session_id", "");
    org_id_ = r.j().value("org_id", org_id_);
    return cookie + "X-CSRF-Token: " + r.j().value("csrf_token", std::string()) + "\r\n";
  }

  //! Waits for a job to leave queued/running; its final JSON.
  json wait_job(const std::string& headers, const std::string& id) {
    json last;
    for (int i = 0; i < 600; ++i) {
      last = call("GET", "/api/v1/jobs/" + id, "", headers).j();
      const std::string status = last.value("status", "");
      if (status != "queued" && status != "running" && status != "failed") return last;
      std::this_thread::sleep_for(100ms);
    }
    return last;
  }

  //! Every action name in both chains, read straight from the database.
  std::set<std::string> recorded_actions(const OrgId& org) {
    std::set<std::string> out;
    Result<std::unique_ptr<store::Database>> db =
        store::Database::open({.url = "sqlite:" + dir_ + "/finguard.db", .pool_size = 1});
    EXPECT_TRUE(db.ok()) << db.status().to_string();
    if (!db.ok()) return out;
    {
      Result<store::OrgTransaction> tx = (*db)->begin(testing::ScopeForTest::org(org), store::TxMode::kRead);
      EXPECT_TRUE(tx.ok()) << tx.status().to_string();
      if (!tx.ok()) return out;
      EXPECT_TRUE(audit::for_each_event(*tx, [&](const audit::AuditRecord& r) {
                    out.insert(r.action);
                    return ok_status();
                  }).ok());
    }
    Result<store::SystemTransaction> sys = (*db)->begin_system(store::TxMode::kRead);
    EXPECT_TRUE(sys.ok()) << sys.status().to_string();
    if (!sys.ok()) return out;
    EXPECT_TRUE(audit::for_each_platform_event(*sys, [&](const audit::AuditRecord& r) {
                  out.insert(r.action);
                  return ok_status();
                }).ok());
    return out;
  }

  std::string dir_;
  std::map<std::string, std::string> env_;
  std::uint16_t port_ = 0;
  std::string org_id_;  //!< the org of the last login
};

TEST_F(EveryActionTest, EveryActionInTheEnumIsEmittedByItsFeature) {
  // Operator commands: keys, bootstrap (org.created, operator.command, the daily checkpoint schedule).
  ASSERT_EQ(cli({"keys", "init"}).exit_code, 0);
  ASSERT_EQ(cli({"migrate"}).exit_code, 0);
  const std::string password_file = dir_ + "/owner-password";
  std::ofstream(password_file) << kOwnerPassword;
  std::filesystem::permissions(password_file, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  testing::ProcessResult boot = cli(
      {"admin", "bootstrap", "--org", "Every Action", "--email", "owner@every.test", "--password-file", password_file});
  ASSERT_EQ(boot.exit_code, 0) << boot.output;
  testing::ProcessResult rotate = cli({"keys", "rotate"});
  ASSERT_EQ(rotate.exit_code, 0) << rotate.output;
  testing::ProcessResult list = cli({"keys", "list"});
  std::string old_key;
  std::istringstream keys(list.output);
  for (std::string line; std::getline(keys, line);) {
    if (line.find("active") == std::string::npos && line.size() >= 16) old_key = line.substr(0, 16);
  }
  ASSERT_FALSE(old_key.empty()) << list.output;
  testing::ProcessResult retire = cli({"keys", "retire", old_key});
  ASSERT_EQ(retire.exit_code, 0) << retire.output;

  port_ = testing::free_loopback_port();
  testing::BackgroundProcess serve(
      {testing::finguard_binary(), "serve", "--with-worker", "--listen", "127.0.0.1:" + std::to_string(port_)}, env_);
  bool healthy = false;
  for (int i = 0; i < 200 && !healthy; ++i) {
    std::optional<test::RawResponse> r = test::http_get(port_, "/healthz");
    healthy = r && r->status == 200;
    if (!healthy) std::this_thread::sleep_for(50ms);
  }
  ASSERT_TRUE(healthy) << serve.output();

  const std::string owner = login("owner@every.test", std::string(kOwnerPassword));
  const OrgId org = *OrgId::parse(org_id_);

  // An hourly schedule (audit.checkpoint may not run more often) whose minute is the next one:
  // schedule.created now, schedule.ran and audit.checkpoint (its job) by the end of the test, then
  // schedule.updated and schedule.deleted.
  const std::int64_t now_s = SystemClock::instance().now().seconds();
  const std::int64_t minute = ((now_s / 60) + (now_s % 60 > 55 ? 2 : 1)) % 60;  // not the one ending now
  Resp sched =
      call("POST", "/api/v1/schedules",
           json{{"name", "every-minute"}, {"kind", "audit.checkpoint"}, {"cron", std::to_string(minute) + " * * * *"}}
               .dump(),
           owner);
  ASSERT_EQ(sched.status, 201) << sched.body;
  const std::string schedule_id = sched.j()["id"];

  EXPECT_EQ(
      call("POST", "/api/v1/auth/login", json{{"email", "owner@every.test"}, {"password", "wrong"}}.dump()).status,
      401);

  Resp key = call("POST", "/api/v1/api-keys", json{{"name", "ci"}, {"role", "viewer"}}.dump(), owner);
  ASSERT_EQ(key.status, 201) << key.body;
  EXPECT_EQ(call("DELETE", "/api/v1/api-keys/" + key.j()["id"].get<std::string>(), "", owner).status, 204);

  Resp dropped =
      call("POST", "/api/v1/invitations", json{{"email", "bo@every.test"}, {"role", "viewer"}}.dump(), owner);
  ASSERT_EQ(dropped.status, 201) << dropped.body;
  EXPECT_EQ(call("DELETE", "/api/v1/invitations/" + dropped.j()["id"].get<std::string>(), "", owner).status, 204);
  Resp inv = call("POST", "/api/v1/invitations", json{{"email", "ana@every.test"}, {"role", "analyst"}}.dump(), owner);
  ASSERT_EQ(inv.status, 201) << inv.body;
  const std::string ana_password = "analyst-first-passphrase";
  Resp accepted =
      call("POST", "/api/v1/invitations/accept", json{{"token", inv.j()["token"]}, {"password", ana_password}}.dump());
  ASSERT_EQ(accepted.status, 202) << accepted.body;
  std::string ana_id;
  const json users = call("GET", "/api/v1/users", "", owner).j();
  for (const json& m : users["users"]) {
    if (m.value("email", "") == "ana@every.test") ana_id = m.value("id", "");
  }
  ASSERT_FALSE(ana_id.empty());
  EXPECT_EQ(call("PATCH", "/api/v1/users/" + ana_id, R"({"role":"member"})", owner).status, 204);

  std::string first_session;
  login("ana@every.test", ana_password, &first_session);
  const std::string ana = login("ana@every.test", ana_password);
  EXPECT_EQ(call("DELETE", "/api/v1/auth/sessions/" + first_session, "", ana).status, 204);

  const std::string ana_password2 = "analyst-second-passphrase";
  EXPECT_EQ(call("POST", "/api/v1/me/password",
                 json{{"current_password", ana_password}, {"new_password", ana_password2}}.dump(), ana)
                .status,
            204);
  // The API issues the reset without returning it; the operator prints a link for the user.
  Resp reset = call("POST", "/api/v1/users/" + ana_id + "/password-reset", "", owner);
  ASSERT_EQ(reset.status, 202) << reset.body;
  testing::ProcessResult printed =
      cli({"admin", "reset-password", "--org", "every-action", "--email", "ana@every.test"});
  ASSERT_EQ(printed.exit_code, 0) << printed.output;
  const std::size_t at = printed.output.find("#token=");
  ASSERT_NE(at, std::string::npos) << printed.output;
  const std::string reset_token = printed.output.substr(at + 7, printed.output.find_first_of("\r\n", at) - at - 7);
  const std::string ana_password3 = "analyst-third-passphrase";
  EXPECT_EQ(
      call("POST", "/api/v1/auth/password-reset", json{{"token", reset_token}, {"password", ana_password3}}.dump())
          .status,
      204);

  // MFA: enroll, disable (own, with the password), enroll again, reset by the Owner.
  for (int round = 0; round < 2; ++round) {
    const std::string s = login("ana@every.test", ana_password3);
    Resp e = call("POST", "/api/v1/me/mfa/totp/enroll", "", s);
    ASSERT_EQ(e.status, 200) << e.body;
    const crypto::Bytes secret = *crypto::base32_decode(e.j()["secret"].get<std::string>());
    Resp c = call("POST", "/api/v1/me/mfa/totp/confirm",
                  json{{"code", crypto::totp_code(secret, SystemClock::instance().now())}}.dump(), s);
    ASSERT_EQ(c.status, 200) << c.body;
    if (round == 0) {
      EXPECT_EQ(call("DELETE", "/api/v1/me/mfa/totp", json{{"current_password", ana_password3}}.dump(), s).status, 204);
    }
  }
  // Wrong recovery codes lock the second factor (auth.mfa.locked); the Owner ends the lock.
  for (int i = 0; i < 5; ++i) {
    const json wrong{{"email", "ana@every.test"}, {"password", ana_password3}, {"totp_code", "not-a-recovery-code"}};
    EXPECT_EQ(call("POST", "/api/v1/auth/login", wrong.dump()).status, 401) << i;
  }
  EXPECT_EQ(call("POST", "/api/v1/users/" + ana_id + "/mfa/unlock", "", owner).status, 204);
  EXPECT_EQ(call("POST", "/api/v1/users/" + ana_id + "/mfa/reset", "", owner).status, 204);
  Resp security = call("PATCH", "/api/v1/org/security", R"({"session_idle_seconds":1200})", owner);
  EXPECT_EQ(security.status, 204) << security.body;
  EXPECT_EQ(call("POST", "/api/v1/users/" + ana_id + "/deactivate", "", owner).status, 204);

  // Ingest: one good upload (ingest.requested, then ingest.completed by the worker) and one that the
  // strict reader rejects, whose dead job the Owner re-queues (job.retried).
  const std::string good =
      "BillingAccountId,BillingCurrency,BilledCost,ChargePeriodStart,ChargePeriodEnd,ServiceName\r\n"
      "acct-1,USD,12.50,2026-10-01T00:00:00Z,2026-10-01T01:00:00Z,Compute\r\n";
  Resp up = call("POST", "/api/v1/ingest?source=every&mode=lenient&filename=every.csv", good, owner, "text/csv");
  ASSERT_EQ(up.status, 202) << up.body;
  const json done = wait_job(owner, up.j()["job_id"]);
  EXPECT_EQ(done.value("status", ""), "succeeded") << done.dump();
  Resp bad =
      call("POST", "/api/v1/ingest?source=broken&filename=broken.csv", "not,a\r\nfocus,file\r\n", owner, "text/csv");
  ASSERT_EQ(bad.status, 202) << bad.body;
  const json dead = wait_job(owner, bad.j()["job_id"]);
  ASSERT_EQ(dead.value("status", ""), "dead") << dead.dump();
  EXPECT_EQ(call("POST", "/api/v1/jobs/" + dead["id"].get<std::string>() + "/retry", "", owner).status, 200);

  Resp exported = call("GET", "/api/v1/audit/export", "", owner);
  EXPECT_EQ(exported.status, 200);

  // The schedule: wait for its first run and the checkpoint its job writes.
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    seen = recorded_actions(org);
    if (seen.count("schedule.ran") != 0 && seen.count("audit.checkpoint") != 0) break;
    std::this_thread::sleep_for(1s);
  }
  EXPECT_EQ(call("PATCH", "/api/v1/schedules/" + schedule_id, R"({"enabled":false})", owner).status, 200);
  EXPECT_EQ(call("DELETE", "/api/v1/schedules/" + schedule_id, "", owner).status, 204);
  EXPECT_EQ(call("POST", "/api/v1/auth/logout", "", owner).status, 204);

  serve.signal(SIGTERM);
  testing::ProcessResult stopped = serve.wait();
  EXPECT_EQ(stopped.exit_code, 0) << stopped.output;

  seen = recorded_actions(org);
  for (audit::AuditAction a : audit::all_actions()) {
    EXPECT_EQ(seen.count(std::string(audit::action_name(a))), 1u)
        << audit::action_name(a) << " was never recorded: add the feature that emits it to this test";
  }
  // The signed checkpoint was written for shipping, and the whole log verifies against it.
  const std::string checkpoints = dir_ + "/audit/checkpoints/" + org.to_string() + ".jsonl";
  EXPECT_TRUE(std::filesystem::exists(checkpoints));
  testing::ProcessResult verify = cli({"audit", "verify", "--checkpoint", checkpoints});
  EXPECT_EQ(verify.exit_code, 0) << verify.output;
}

}  // namespace
}  // namespace fg::api
