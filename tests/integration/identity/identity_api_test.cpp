// Identity over HTTP on 127.0.0.1: every route's 401 / 403 / 404 / 400 contract, cookies and CSRF,
// session expiry with a ManualClock, the last-Owner rule, and canary secrets that must never come back
// in a response or sit in the database in the clear.
#include "api/routes/identity/identity_api.hpp"

#include <cstdlib>
#include <fstream>
#include <map>
#include <regex>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api/application/api_service.hpp"
#include "api/application/application.hpp"
#include "crypto/encoding.hpp"
#include "crypto/totp.hpp"
#include "identity/org_service.hpp"
#include "identity/password_reset.hpp"
#include "identity/permission_table.hpp"
#include "raw_client.hpp"
#include "store/migrator.hpp"
#include "support/scope_for_test.hpp"
#include "support/test_env.hpp"
#include "unthrottled_options.hpp"

namespace fg::api {
namespace {

constexpr std::string_view kPassword = "canary-Passw0rd-zebra-lantern";  // planted canary

struct Resp {
  int status = 0;
  Headers headers;
  std::string body;
  nlohmann::json json() const { return body.empty() ? nlohmann::json() : nlohmann::json::parse(body, nullptr, false); }
};

class IdentityApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::make_temp_dir("fg-identity-api-");
    const std::string url = "sqlite:" + dir_ + "/finguard.db";
    ASSERT_TRUE(store::migrate(url).ok());
    Result<std::unique_ptr<store::Database>> db = store::Database::open({.url = url, .pool_size = 8});
    ASSERT_TRUE(db.ok());
    db_ = std::move(*db);
    ctx_ =
        std::make_unique<identity::IdentityContext>(identity::IdentityContext{*db_, audit_, clock_, hasher_, key_, {}});
    ctx_->settings.login_failures_per_ip_per_minute = 1000;
    ctx_->settings.login_failures_per_account_per_minute = 1000;
    api_ = std::make_shared<IdentityApi>(*ctx_);

    org_a_ = make_org("Acme Corp", "owner@acme.test");
    org_b_ = make_org("Beta Ltd", "owner@beta.test");
    for (const char* role : {"administrator", "analyst", "member", "viewer"}) {
      users_[role] = add_user(org_a_, std::string(role) + "@acme.test", role);
    }
    user_b_ = add_user(org_b_, "member@beta.test", "member");

    Config config;
    config.listen = "127.0.0.1:0";
    ApiServiceOptions options = api::test::unthrottled_service_options();
    ApiDependencies deps;
    install_identity(deps, api_);
    Result<std::unique_ptr<ApiService>> s = ApiService::start(config, std::move(deps), options);
    ASSERT_TRUE(s.ok()) << s.status().to_string();
    service_ = std::move(*s);
    port_ = service_->port();
  }

  OrgId make_org(const std::string& name, const std::string& email) {
    Result<identity::CreatedOrg> c = identity::create_org_with_owner(
        *ctx_, testing::ScopeForTest::org(OrgId::random(), {Actor::Kind::kOperator, "os:test", "operator"}),
        {name, email, std::string(kPassword), ""});
    EXPECT_TRUE(c.ok()) << c.status().to_string();
    owners_[c->org_id.to_string()] = c->owner_id.to_string();
    return c->org_id;
  }

  std::string add_user(const OrgId& org, const std::string& email, const std::string& role) {
    const std::string id = Uuid::random().to_string();
    Result<store::SystemTransaction> tx = db_->begin_system();
    EXPECT_TRUE(tx->exec("INSERT INTO users (id, email, password_hash, created_at, updated_at, email_verified_at) "
                         "VALUES ($1, $2, $3, 1, 1, 1)",
                         {id, email, *hasher_.hash(kPassword)})
                    .ok());
    EXPECT_TRUE(tx->commit().ok());
    Result<store::OrgTransaction> m = db_->begin(testing::ScopeForTest::org(org));
    EXPECT_TRUE(
        m->exec("INSERT INTO memberships (org_id, user_id, role, created_at) VALUES ($1, $2, $3, 1)", {org, id, role})
            .ok());
    EXPECT_TRUE(m->commit().ok());
    return id;
  }

  Resp call(const std::string& method, const std::string& path, const std::string& body = "",
            const std::string& headers = "") {
    test::RawClient c(port_);
    std::string req = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + headers;
    if (!body.empty() || method == "POST" || method == "PATCH") {
      req += "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
    }
    req += "\r\n" + body;
    EXPECT_TRUE(c.send(req));
    std::optional<test::RawResponse> r = c.read_response();
    EXPECT_TRUE(r.has_value()) << method << " " << path;
    if (!r) return {};
    responses_ += r->body;
    return Resp{r->status, r->headers, r->body};
  }

  struct Session {
    std::string cookie;  // "Cookie: ...\r\n"
    std::string csrf;    // "X-CSRF-Token: ...\r\n"
    std::string both() const { return cookie + csrf; }
    nlohmann::json body;
  };

  Session login(const std::string& email, const std::string& password = std::string(kPassword)) {
    Resp r = call("POST", "/api/v1/auth/login", nlohmann::json{{"email", email}, {"password", password}}.dump());
    EXPECT_EQ(r.status, 200) << r.body;
    Session s;
    s.body = r.json();
    for (const Headers::Entry& h : r.headers.entries()) {
      if (!iequals(h.first, "Set-Cookie")) continue;
      const std::string v = h.second.substr(0, h.second.find(';'));
      if (v.rfind("fg_session=", 0) == 0) s.cookie = "Cookie: " + v + "\r\n";
    }
    s.csrf = "X-CSRF-Token: " + s.body.value("csrf_token", "") + "\r\n";
    return s;
  }

  //! An API key of `role` in org A, created by the org A Owner (so any role is allowed).
  std::string key_header(const std::string& role) {
    Session owner = login("owner@acme.test");
    Resp r = call("POST", "/api/v1/api-keys", nlohmann::json{{"name", role}, {"role", role}}.dump(), owner.both());
    EXPECT_EQ(r.status, 201) << r.body;
    return "Authorization: Bearer " + r.json().value("key", "") + "\r\n";
  }

  //! Every text and blob cell of every table, for the at-rest canary check.
  std::string dump_database() {
    Result<store::SystemTransaction> tx = db_->begin_system(store::TxMode::kRead);
    Result<store::RowSet> tables = tx->query("SELECT name FROM sqlite_master WHERE type = 'table'", {});
    std::string all;
    for (std::size_t t = 0; t < tables->size(); ++t) {
      // The table name comes from the catalog, not from input.
      Result<store::RowSet> rows = tx->query(std::string("SELECT * FROM ") + tables->text(t, 0), {});
      for (std::size_t r = 0; rows.ok() && r < rows->size(); ++r) {
        for (std::size_t c = 0; c < rows->columns().size(); ++c) all += rows->text(r, c) + "\n";
      }
    }
    return all;
  }

  std::string path_for(const Route& route, const std::string& id) {
    return std::regex_replace(route.pattern, std::regex("\\{[a-z_]+\\}"), id);
  }

  std::string dir_;
  ManualClock clock_{Timestamp::from_seconds(1'750'000'000)};
  crypto::PasswordHasher hasher_{crypto::PasswordHasherOptions{{1, 8192}, 4, std::chrono::milliseconds(2000)}};
  identity::TotpKey key_ = identity::TotpKey::random_for_test();
  audit::AuditLog audit_{clock_};
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<identity::IdentityContext> ctx_;
  std::shared_ptr<IdentityApi> api_;
  std::unique_ptr<ApiService> service_;
  std::uint16_t port_ = 0;
  OrgId org_a_, org_b_;
  std::map<std::string, std::string> users_, owners_;
  std::string user_b_;
  std::string responses_;  // every response body, for the canary check
};

TEST_F(IdentityApiTest, EveryProtectedRouteAnswers401WithoutCredentials) {
  int checked = 0;
  for (const Route& route : service_->application().router().routes()) {
    if (route.access.is_public()) continue;
    const std::string body = route.body ? "{}" : "";
    Resp r = call(std::string(method_name(route.method)), path_for(route, Uuid::random().to_string()), body);
    EXPECT_EQ(r.status, 401) << route.operation_id;
    Resp bad = call(
        std::string(method_name(route.method)), path_for(route, Uuid::random().to_string()), body,
        "Cookie: fg_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\r\nAuthorization: Bearer fgk_0123456789abcdef_"
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\r\n");
    EXPECT_EQ(bad.status, 401) << route.operation_id;
    ++checked;
  }
  EXPECT_GE(checked, 16);
}

TEST_F(IdentityApiTest, ProbeUnauthFindsNoOpenOperation) {
  const std::string tool = std::string(FG_SOURCE_DIR) + "/../shared/tools/probe-unauth";
  if (!std::ifstream(tool)) GTEST_SKIP() << "no " << tool;
  const std::string cmd = "python3 " + tool + " http://127.0.0.1:" + std::to_string(port_) + " > /dev/null";
  EXPECT_EQ(std::system(cmd.c_str()), 0);
}

TEST_F(IdentityApiTest, EachRoleLackingThePermissionGets403) {
  std::map<std::string, std::string> keys;
  for (const char* role : {"administrator", "analyst", "member", "viewer"}) keys[role] = key_header(role);
  int checked = 0;
  for (const Route& route : service_->application().router().routes()) {
    if (route.access.kind() != Access::Kind::kPermission) continue;
    for (const auto& [role, header] : keys) {
      if (identity::has_permission(std::string_view(role), route.access.permission_name())) continue;
      Resp r = call(std::string(method_name(route.method)), path_for(route, users_["viewer"]), route.body ? "{}" : "",
                    header);
      EXPECT_EQ(r.status, 403) << route.operation_id << " as " << role << ": " << r.body;
      ++checked;
    }
  }
  EXPECT_GE(checked, 20);
}

TEST_F(IdentityApiTest, AnotherOrgsObjectsAre404LikeAbsentOnes) {
  Session a = login("owner@acme.test");
  Session b = login("owner@beta.test");
  Resp key_b = call("POST", "/api/v1/api-keys", R"({"name":"b","role":"viewer"})", b.both());
  ASSERT_EQ(key_b.status, 201);
  const std::string b_key_id = key_b.json()["id"];
  const std::string b_session = b.body["session_id"];
  const std::string absent = Uuid::random().to_string();
  struct Case {
    std::string method, path, body;
  };
  for (const std::string& target : {user_b_, absent}) {
    for (const Case& c : {Case{"PATCH", "/api/v1/users/" + target, R"({"role":"viewer"})"},
                          Case{"POST", "/api/v1/users/" + target + "/deactivate", ""},
                          Case{"POST", "/api/v1/users/" + target + "/mfa/reset", ""},
                          Case{"POST", "/api/v1/users/" + target + "/mfa/unlock", ""},
                          Case{"POST", "/api/v1/users/" + target + "/password-reset", ""}}) {
      Resp r = call(c.method, c.path, c.body, a.both());
      EXPECT_EQ(r.status, 404) << c.path;
      EXPECT_EQ(r.json()["error"]["message"], "user not found");
    }
  }
  Resp inv_b = call("POST", "/api/v1/invitations", R"({"email":"x@beta.test","role":"viewer"})", b.both());
  ASSERT_EQ(inv_b.status, 201);
  for (const std::string& id : {inv_b.json()["id"].get<std::string>(), absent}) {
    Resp r = call("DELETE", "/api/v1/invitations/" + id, "", a.both());
    EXPECT_EQ(r.status, 404) << r.body;
    EXPECT_EQ(r.json()["error"]["message"], "invitation not found");
  }
  EXPECT_EQ(call("GET", "/api/v1/invitations", "", a.cookie).body.find("beta.test"), std::string::npos);
  Resp del = call("DELETE", "/api/v1/api-keys/" + b_key_id, "", a.both());
  EXPECT_EQ(del.status, 404) << del.body;
  EXPECT_EQ(call("DELETE", "/api/v1/api-keys/0123456789abcdef", "", a.both()).status, 404);
  EXPECT_EQ(call("DELETE", "/api/v1/auth/sessions/" + b_session, "", a.both()).status, 404);
  EXPECT_EQ(call("DELETE", "/api/v1/auth/sessions/" + absent, "", a.both()).status, 404);
  // Org B's objects are untouched.
  EXPECT_EQ(call("GET", "/api/v1/auth/sessions", "", b.cookie).status, 200);
  Resp users = call("GET", "/api/v1/users", "", a.cookie);
  EXPECT_EQ(users.body.find("beta.test"), std::string::npos) << "org B's members never listed";
}

TEST_F(IdentityApiTest, BadInputIs400NamingTheField) {
  Session s = login("owner@acme.test");
  struct Case {
    std::string method, path, body, field;
  };
  for (const Case& c : {
           Case{"POST", "/api/v1/auth/login", R"({"email":"owner@acme.test"})", "password"},
           Case{"POST", "/api/v1/auth/login", R"({"email":"not-an-email","password":"x"})", "email"},
           Case{"POST", "/api/v1/api-keys", R"({"name":"k","role":"root"})", "role"},
           Case{"POST", "/api/v1/api-keys", R"({"name":"k","role":"viewer","expires_at":"2020-01-01T00:00:00Z"})",
                "expires_at"},
           Case{"POST", "/api/v1/invitations", R"({"email":"nope","role":"viewer"})", "email"},
           Case{"DELETE", "/api/v1/invitations/not-an-id", "", "id"},
           Case{"PATCH", "/api/v1/users/" + users_["viewer"], R"({"role":"god"})", "role"},
           Case{"POST", "/api/v1/me/password",
                nlohmann::json{{"current_password", kPassword}, {"new_password", "iloveyouiloveyou"}}.dump(),
                "new_password"},
           Case{"POST", "/api/v1/me/mfa/totp/confirm", R"({"code":"12"})", "code"},
           Case{"PATCH", "/api/v1/org/security", R"({"session_idle_seconds":5})", "session_idle_seconds"},
       }) {
    Resp r = call(c.method, c.path, c.body, s.both());
    EXPECT_EQ(r.status, 400) << c.path << " " << r.body;
    EXPECT_EQ(r.json()["error"]["field"], c.field) << c.path << " " << r.body;
  }
}

TEST_F(IdentityApiTest, UnknownUserAndWrongPasswordGetTheSameAnswer) {
  Resp unknown = call("POST", "/api/v1/auth/login", R"({"email":"ghost@acme.test","password":"whatever-it-is"})");
  Resp wrong = call("POST", "/api/v1/auth/login", R"({"email":"owner@acme.test","password":"whatever-it-is"})");
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(wrong.status, 401);
  nlohmann::json u = unknown.json(), w = wrong.json();
  u["error"].erase("request_id");
  w["error"].erase("request_id");
  EXPECT_EQ(u, w);
}

TEST_F(IdentityApiTest, SessionCookieAttributesCsrfAndLogout) {
  Resp r =
      call("POST", "/api/v1/auth/login", nlohmann::json{{"email", "owner@acme.test"}, {"password", kPassword}}.dump());
  ASSERT_EQ(r.status, 200);
  std::string session_cookie;
  for (const Headers::Entry& h : r.headers.entries()) {
    if (iequals(h.first, "Set-Cookie") && h.second.rfind("fg_session=", 0) == 0) session_cookie = h.second;
  }
  EXPECT_NE(session_cookie.find("; HttpOnly"), std::string::npos);
  EXPECT_NE(session_cookie.find("; SameSite=Strict"), std::string::npos);
  EXPECT_NE(session_cookie.find("; Path=/"), std::string::npos);
  EXPECT_EQ(session_cookie.find("Secure"), std::string::npos) << "plain HTTP without a trusted proxy";
  EXPECT_EQ(r.headers.get("Cache-Control"), "no-store");

  Session s = login("owner@acme.test");
  EXPECT_EQ(call("GET", "/api/v1/auth/sessions", "", s.cookie).status, 200) << "reads need no CSRF token";
  EXPECT_EQ(call("POST", "/api/v1/auth/logout", "", s.cookie).status, 403) << "cookie mutation without CSRF";
  EXPECT_EQ(call("POST", "/api/v1/auth/logout", "", s.cookie + "X-CSRF-Token: forged\r\n").status, 403);
  Session other = login("owner@acme.test");
  EXPECT_EQ(call("POST", "/api/v1/auth/logout", "", s.cookie + other.csrf).status, 403) << "bound to the session";
  EXPECT_EQ(call("POST", "/api/v1/auth/logout", "", s.both()).status, 204);
  EXPECT_EQ(call("GET", "/api/v1/auth/sessions", "", s.cookie).status, 401);
  EXPECT_EQ(call("GET", "/api/v1/auth/sessions", "", other.cookie).status, 200);
}

// Issue 20 (low): over TLS the cookies are __Host- (no sibling subdomain can plant one), and a request
// carrying two session cookies is refused rather than trusting either.
TEST_F(IdentityApiTest, SecureCookiesAreHostPrefixedAndTwoSessionCookiesAreRefused) {
  Session s = login("owner@acme.test");
  Session other = login("analyst@acme.test");
  const std::string other_cookie = other.cookie.substr(other.cookie.find("fg_session="));
  EXPECT_EQ(call("GET", "/api/v1/auth/sessions", "", s.cookie).status, 200);
  Resp two = call("GET", "/api/v1/auth/sessions", "", s.cookie + "Cookie: " + other_cookie);
  EXPECT_EQ(two.status, 401) << two.body;
  const std::string one_header = s.cookie.substr(0, s.cookie.size() - 2) + "; " + other_cookie;
  EXPECT_EQ(call("GET", "/api/v1/auth/sessions", "", one_header).status, 401);

  // Behind a trusted proxy that terminated TLS.
  Config config;
  config.listen = "127.0.0.1:0";
  config.trusted_proxies = {"127.0.0.1/32"};
  ApiDependencies deps;
  install_identity(deps, api_);
  Result<std::unique_ptr<ApiService>> tls =
      ApiService::start(config, std::move(deps), api::test::unthrottled_service_options());
  ASSERT_TRUE(tls.ok()) << tls.status().to_string();
  auto call_tls = [&](const std::string& method, const std::string& path, const std::string& body,
                      const std::string& headers) {
    test::RawClient c((*tls)->port());
    std::string req = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" +
                      "X-Forwarded-Proto: https\r\n" + headers;
    if (method == "POST") {
      req += "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
    }
    EXPECT_TRUE(c.send(req + "\r\n" + body));
    return c.read_response();
  };
  std::optional<test::RawResponse> r = call_tls(
      "POST", "/api/v1/auth/login", nlohmann::json{{"email", "owner@acme.test"}, {"password", kPassword}}.dump(), "");
  ASSERT_TRUE(r.has_value());
  ASSERT_EQ(r->status, 200) << r->body;
  std::string session, csrf;
  for (const Headers::Entry& h : r->headers.entries()) {
    if (!iequals(h.first, "Set-Cookie")) continue;
    if (h.second.rfind("__Host-fg_session=", 0) == 0) session = h.second;
    if (h.second.rfind("__Host-fg_csrf=", 0) == 0) csrf = h.second;
    EXPECT_NE(h.second.rfind("fg_", 0), 0u) << "no bare name over TLS: " << h.second;
  }
  ASSERT_FALSE(session.empty());
  ASSERT_FALSE(csrf.empty());
  for (const std::string& c : {session, csrf}) {
    EXPECT_NE(c.find("; Secure"), std::string::npos) << c;
    EXPECT_NE(c.find("; Path=/"), std::string::npos) << c;
    EXPECT_EQ(c.find("Domain"), std::string::npos) << c;
  }
  const std::string host_cookie = "Cookie: " + session.substr(0, session.find(';')) + "\r\n";
  EXPECT_EQ(call_tls("GET", "/api/v1/auth/sessions", "", host_cookie)->status, 200);
  // The bare name is not this transport's session cookie, and next to the real one it is refused.
  const std::string bare = "Cookie: fg_session=" + session.substr(18, session.find(';') - 18) + "\r\n";
  EXPECT_EQ(call_tls("GET", "/api/v1/auth/sessions", "", bare)->status, 401);
  EXPECT_EQ(call_tls("GET", "/api/v1/auth/sessions", "", host_cookie + s.cookie)->status, 401);
}

TEST_F(IdentityApiTest, SessionsExpireWhenIdleAndAbsolutely) {
  Session s = login("viewer@acme.test");
  clock_.advance_seconds(29 * 60);
  EXPECT_EQ(call("GET", "/api/v1/roles", "", s.cookie).status, 200);
  clock_.advance_seconds(31 * 60);
  EXPECT_EQ(call("GET", "/api/v1/roles", "", s.cookie).status, 401);
  Session busy = login("viewer@acme.test");
  for (int i = 0; i < 47; ++i) {
    clock_.advance_seconds(15 * 60);
    ASSERT_EQ(call("GET", "/api/v1/roles", "", busy.cookie).status, 200) << i;
  }
  clock_.advance_seconds(15 * 60);
  EXPECT_EQ(call("GET", "/api/v1/roles", "", busy.cookie).status, 401) << "12 h absolute";
}

TEST_F(IdentityApiTest, RolesMatrixAndRoleRules) {
  Session owner = login("owner@acme.test");
  Resp m = call("GET", "/api/v1/roles", "", owner.cookie);
  ASSERT_EQ(m.status, 200);
  EXPECT_EQ(m.json()["counts"]["owner"], 35);
  EXPECT_EQ(m.json()["counts"]["viewer"], 6);
  // The last Owner can be neither demoted nor deactivated.
  const std::string me = owners_[org_a_.to_string()];
  EXPECT_EQ(call("PATCH", "/api/v1/users/" + me, R"({"role":"administrator"})", owner.both()).status, 409);
  EXPECT_EQ(call("POST", "/api/v1/users/" + me + "/deactivate", "", owner.both()).status, 409);
  // An Administrator cannot grant Owner, nor touch the Owner.
  Session admin = login("administrator@acme.test");
  EXPECT_EQ(call("PATCH", "/api/v1/users/" + users_["viewer"], R"({"role":"owner"})", admin.both()).status, 403);
  EXPECT_EQ(call("PATCH", "/api/v1/users/" + me, R"({"role":"viewer"})", admin.both()).status, 403);
  EXPECT_EQ(call("POST", "/api/v1/api-keys", R"({"name":"k","role":"owner"})", admin.both()).status, 403);
  // A role change ends the member's sessions (rotation on privilege change).
  Session viewer = login("viewer@acme.test");
  EXPECT_EQ(call("PATCH", "/api/v1/users/" + users_["viewer"], R"({"role":"analyst"})", admin.both()).status, 204);
  EXPECT_EQ(call("GET", "/api/v1/roles", "", viewer.cookie).status, 401);
  EXPECT_EQ(login("viewer@acme.test").body["role"], "analyst");
}

TEST_F(IdentityApiTest, DeactivationKillsSessionsAndKeys) {
  Session member = login("member@acme.test");
  Resp key = call("POST", "/api/v1/api-keys", R"({"name":"mine","role":"member"})", member.both());
  ASSERT_EQ(key.status, 201);
  const std::string bearer = "Authorization: Bearer " + key.json()["key"].get<std::string>() + "\r\n";
  EXPECT_EQ(call("GET", "/api/v1/api-keys", "", bearer).status, 200);
  Session admin = login("administrator@acme.test");
  EXPECT_EQ(call("POST", "/api/v1/users/" + users_["member"] + "/deactivate", "", admin.both()).status, 204);
  EXPECT_EQ(call("GET", "/api/v1/api-keys", "", bearer).status, 401);
  EXPECT_EQ(call("GET", "/api/v1/auth/sessions", "", member.cookie).status, 401);
  EXPECT_EQ(
      call("POST", "/api/v1/auth/login", nlohmann::json{{"email", "member@acme.test"}, {"password", kPassword}}.dump())
          .status,
      401);
}

TEST_F(IdentityApiTest, InvitationAndPasswordResetLinksAreSingleUse) {
  Session admin = login("administrator@acme.test");
  Resp inv = call("POST", "/api/v1/invitations", R"({"email":"new@acme.test","role":"analyst"})", admin.both());
  ASSERT_EQ(inv.status, 201) << inv.body;
  const std::string token = inv.json()["token"];
  const std::string accept =
      nlohmann::json{{"token", token}, {"password", "a-fresh-passphrase-for-new"}, {"display_name", "New"}}.dump();
  EXPECT_EQ(call("POST", "/api/v1/invitations/accept", accept).status, 202);
  EXPECT_EQ(call("POST", "/api/v1/invitations/accept", accept).status, 404);
  Session fresh = login("new@acme.test", "a-fresh-passphrase-for-new");
  EXPECT_EQ(fresh.body["role"], "analyst");

  // The route issues the reset but never returns it; the operator's CLI prints a link for the user.
  Resp reset = call("POST", "/api/v1/users/" + users_["viewer"] + "/password-reset", "", admin.both());
  ASSERT_EQ(reset.status, 202) << reset.body;
  Result<std::string> token2 = identity::issue_password_reset_in_org(
      *ctx_, testing::ScopeForTest::org(org_a_, {Actor::Kind::kOperator, "os:test", "operator"}), "viewer@acme.test");
  ASSERT_TRUE(token2.ok()) << token2.status().to_string();
  const std::string body = nlohmann::json{{"token", *token2}, {"password", "reset-to-this-passphrase"}}.dump();
  Session before = login("viewer@acme.test");
  EXPECT_EQ(call("POST", "/api/v1/auth/password-reset", body).status, 204);
  EXPECT_EQ(call("POST", "/api/v1/auth/password-reset", body).status, 404);
  EXPECT_EQ(call("GET", "/api/v1/roles", "", before.cookie).status, 401) << "reset ends every session";
  login("viewer@acme.test", "reset-to-this-passphrase");
}

// Issue 20 item 6: an Administrator reset a peer's MFA, received the peer's reset token and signed in as them.
TEST_F(IdentityApiTest, CredentialResetsNeedAHigherRoleASessionAndNeverReturnTheToken) {
  const std::string peer = add_user(org_a_, "peer@acme.test", "administrator");
  const std::string owner2 = add_user(org_a_, "owner2@acme.test", "owner");
  Session admin = login("administrator@acme.test");
  for (const std::string path : {"/mfa/reset", "/password-reset"}) {
    Resp r = call("POST", "/api/v1/users/" + peer + path, "", admin.both());
    EXPECT_EQ(r.status, 403) << path << " " << r.body;
    EXPECT_EQ(r.body.find("token"), std::string::npos) << r.body;
  }
  Session owner = login("owner@acme.test");
  EXPECT_EQ(call("POST", "/api/v1/users/" + owner2 + "/password-reset", "", owner.both()).status, 403)
      << "an Owner's peer is the operator's to reset";
  EXPECT_EQ(call("POST", "/api/v1/users/" + owner2 + "/mfa/reset", "", owner.both()).status, 403);
  // API keys cannot call these routes, not even an Owner's.
  const std::string key = key_header("owner");
  EXPECT_EQ(call("POST", "/api/v1/users/" + peer + "/password-reset", "", key).status, 403);
  EXPECT_EQ(call("POST", "/api/v1/users/" + peer + "/mfa/reset", "", key).status, 403);
  // An Owner resets an Administrator: 202, and the body holds no token or link.
  Resp ok = call("POST", "/api/v1/users/" + peer + "/password-reset", "", owner.both());
  ASSERT_EQ(ok.status, 202) << ok.body;
  EXPECT_FALSE(ok.json().contains("token")) << ok.body;
  EXPECT_FALSE(ok.json().contains("link")) << ok.body;
  EXPECT_EQ(ok.body.find("#token="), std::string::npos) << ok.body;
  EXPECT_EQ(call("POST", "/api/v1/users/" + peer + "/mfa/reset", "", owner.both()).status, 204);
}

// Issue 20 item 2: a deactivated Administrator's pending Administrator invitation was accepted (201).
TEST_F(IdentityApiTest, InvitationsAreListedWithoutTokensRevocableAndDieWithTheirInviter) {
  Session admin = login("administrator@acme.test");
  Resp inv =
      call("POST", "/api/v1/invitations", R"({"email":"new-admin@acme.test","role":"administrator"})", admin.both());
  ASSERT_EQ(inv.status, 201) << inv.body;
  const std::string token = inv.json()["token"];
  Resp other = call("POST", "/api/v1/invitations", R"({"email":"v@acme.test","role":"viewer"})", admin.both());
  ASSERT_EQ(other.status, 201) << other.body;

  Resp list = call("GET", "/api/v1/invitations", "", admin.cookie);
  ASSERT_EQ(list.status, 200) << list.body;
  ASSERT_EQ(list.json()["invitations"].size(), 2u) << list.body;
  for (const nlohmann::json& i : list.json()["invitations"]) {
    EXPECT_EQ(i["invited_by"], "administrator@acme.test");
    EXPECT_TRUE(i.contains("expires_at") && i.contains("role") && i.contains("id"));
  }
  EXPECT_EQ(list.body.find(token), std::string::npos) << "never the token";
  EXPECT_EQ(list.body.find("token"), std::string::npos);

  // Revocation: 204, then the link is dead and the listing shrinks.
  const std::string other_id = other.json()["id"];
  EXPECT_EQ(call("DELETE", "/api/v1/invitations/" + other_id, "", admin.both()).status, 204);
  EXPECT_EQ(call("DELETE", "/api/v1/invitations/" + other_id, "", admin.both()).status, 404);
  EXPECT_EQ(call("POST", "/api/v1/invitations/accept",
                 nlohmann::json{{"token", other.json()["token"]}, {"password", "a-fresh-passphrase-for-v"}}.dump())
                .status,
            404);
  EXPECT_EQ(call("GET", "/api/v1/invitations", "", admin.cookie).json()["invitations"].size(), 1u);

  // The inviter is deactivated: their pending invitation is refused like an invalid link.
  Session owner = login("owner@acme.test");
  ASSERT_EQ(call("POST", "/api/v1/users/" + users_["administrator"] + "/deactivate", "", owner.both()).status, 204);
  Resp accept = call("POST", "/api/v1/invitations/accept",
                     nlohmann::json{{"token", token}, {"password", "a-fresh-passphrase-for-new"}}.dump());
  EXPECT_EQ(accept.status, 404) << accept.body;
  EXPECT_EQ(call("GET", "/api/v1/invitations", "", owner.cookie).json()["invitations"].size(), 0u);
}

// Issue 20 item 3: the public accept route verified an existing account's password with no throttle
// and no audit, and answered 401 (existing email) or 400 (new email): a password and account oracle.
TEST_F(IdentityApiTest, InvitationAcceptIsNoOracleAndExistingAccountsJoinSignedIn) {
  Session owner_b = login("owner@beta.test");
  auto invite = [&](const std::string& email) {
    Resp r = call("POST", "/api/v1/invitations", nlohmann::json{{"email", email}, {"role", "viewer"}}.dump(),
                  owner_b.both());
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().value("token", "");
  };
  const std::string existing = invite("analyst@acme.test");  // has an account (in Acme)
  const std::string fresh = invite("fresh@beta.test");       // has none
  auto accept = [&](const std::string& token, const std::string& password) {
    return call("POST", "/api/v1/invitations/accept", nlohmann::json{{"token", token}, {"password", password}}.dump());
  };
  // A policy failure reads the same for both, and so does a well-formed password.
  Resp weak_existing = accept(existing, "short"), weak_fresh = accept(fresh, "short");
  EXPECT_EQ(weak_existing.status, 400);
  EXPECT_EQ(weak_existing.status, weak_fresh.status);
  auto without_request_id = [](const Resp& r) {
    nlohmann::json j = r.json();
    if (j.contains("error")) j["error"].erase("request_id");
    return j.dump();
  };
  EXPECT_EQ(without_request_id(weak_existing), without_request_id(weak_fresh));
  // Many guesses at the existing account's password: each 202 alike, none checked, none throttled.
  Resp guess;
  for (int i = 0; i < 12; ++i) guess = accept(existing, "guess-number-" + std::to_string(i) + "-is-long");
  Resp right = accept(existing, std::string(kPassword));
  Resp created = accept(fresh, "a-fresh-passphrase-for-fresh");
  EXPECT_EQ(guess.status, 202);
  EXPECT_EQ(right.status, 202);
  EXPECT_EQ(created.status, 202);
  EXPECT_EQ(guess.body, created.body);
  EXPECT_EQ(right.body, created.body);
  EXPECT_EQ(created.body.find("user_id"), std::string::npos) << created.body;
  // Nothing happened to the existing account: no membership in Beta, its password unchanged.
  EXPECT_EQ(call("POST", "/api/v1/auth/login",
                 nlohmann::json{{"email", "analyst@acme.test"}, {"password", kPassword}, {"org", "beta-ltd"}}.dump())
                .status,
            401);

  // The existing account joins once signed in (a session proves the password).
  Session analyst = login("analyst@acme.test");
  const std::string join_existing = nlohmann::json{{"token", existing}}.dump();
  EXPECT_EQ(call("POST", "/api/v1/invitations/join", join_existing).status, 401);
  EXPECT_EQ(call("POST", "/api/v1/invitations/join", "{}", analyst.both()).status, 400);
  EXPECT_EQ(call("POST", "/api/v1/invitations/join", join_existing, key_header("analyst")).status, 403);
  Session viewer = login("viewer@acme.test");
  EXPECT_EQ(call("POST", "/api/v1/invitations/join", join_existing, viewer.both()).status, 404)
      << "someone else's invitation is as unknown as a made-up one";
  Resp joined = call("POST", "/api/v1/invitations/join", join_existing, analyst.both());
  ASSERT_EQ(joined.status, 201) << joined.body;
  EXPECT_EQ(joined.json()["org_slug"], "beta-ltd");
  EXPECT_EQ(joined.json()["role"], "viewer");
  EXPECT_EQ(call("POST", "/api/v1/invitations/join", join_existing, analyst.both()).status, 200) << "idempotent";
  Resp as_beta =
      call("POST", "/api/v1/auth/login",
           nlohmann::json{{"email", "analyst@acme.test"}, {"password", kPassword}, {"org", "beta-ltd"}}.dump());
  EXPECT_EQ(as_beta.status, 200) << as_beta.body;
  EXPECT_EQ(as_beta.json()["role"], "viewer");

  // The new account was created with its password; signed in, its join answers the membership again.
  Session newcomer = login("fresh@beta.test", "a-fresh-passphrase-for-fresh");
  EXPECT_EQ(newcomer.body["role"], "viewer");
  Resp again = call("POST", "/api/v1/invitations/join", nlohmann::json{{"token", fresh}}.dump(), newcomer.both());
  EXPECT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.json()["org_slug"], "beta-ltd");
}

// Issue 20 item 5: an account made by accepting an invitation (its password chosen by whoever held the
// link) joins no second org until its email is proved; the refusal says how, and Owners see the state.
TEST_F(IdentityApiTest, AnUnverifiedAccountCannotJoinASecondOrgAndItsMembersListingSaysSo) {
  Session owner_b = login("owner@beta.test");
  Resp made = call("POST", "/api/v1/invitations", R"({"email":"planted@victim.test","role":"viewer"})", owner_b.both());
  ASSERT_EQ(made.status, 201) << made.body;
  ASSERT_EQ(call("POST", "/api/v1/invitations/accept",
                 nlohmann::json{{"token", made.json()["token"]}, {"password", "chosen-by-beta-owner"}}.dump())
                .status,
            202);
  Resp listed = call("GET", "/api/v1/users", "", owner_b.cookie);
  ASSERT_EQ(listed.status, 200);
  for (const nlohmann::json& u : listed.json()["users"]) {
    EXPECT_EQ(u["email_verified"], u["email"] != "planted@victim.test") << u.dump();
  }

  Session acme_owner = login("owner@acme.test");
  Resp real =
      call("POST", "/api/v1/invitations", R"({"email":"planted@victim.test","role":"analyst"})", acme_owner.both());
  ASSERT_EQ(real.status, 201) << real.body;
  Session planted = login("planted@victim.test", "chosen-by-beta-owner");
  Resp join =
      call("POST", "/api/v1/invitations/join", nlohmann::json{{"token", real.json()["token"]}}.dump(), planted.both());
  EXPECT_EQ(join.status, 403) << join.body;
  EXPECT_NE(join.body.find("verify-email"), std::string::npos) << join.body;
  EXPECT_EQ(
      call("POST", "/api/v1/auth/login",
           nlohmann::json{{"email", "planted@victim.test"}, {"password", "chosen-by-beta-owner"}, {"org", "acme-corp"}}
               .dump())
          .status,
      401)
      << "no Acme membership";
}

TEST_F(IdentityApiTest, DemotedInvitersInvitationAboveTheirNewRoleIsRefused) {
  Session admin = login("administrator@acme.test");
  Resp inv =
      call("POST", "/api/v1/invitations", R"({"email":"new-admin@acme.test","role":"administrator"})", admin.both());
  ASSERT_EQ(inv.status, 201) << inv.body;
  Session owner = login("owner@acme.test");
  ASSERT_EQ(call("PATCH", "/api/v1/users/" + users_["administrator"], R"({"role":"analyst"})", owner.both()).status,
            204);
  Resp accept = call("POST", "/api/v1/invitations/accept",
                     nlohmann::json{{"token", inv.json()["token"]}, {"password", "a-fresh-passphrase-for-new"}}.dump());
  EXPECT_EQ(accept.status, 404) << accept.body;
}

TEST_F(IdentityApiTest, TotpOverHttpAndMfaReset) {
  Session s = login("analyst@acme.test");
  Resp e = call("POST", "/api/v1/me/mfa/totp/enroll", "", s.both());
  ASSERT_EQ(e.status, 200) << e.body;
  const std::string secret_b32 = e.json()["secret"];
  crypto::Bytes secret = *crypto::base32_decode(secret_b32);
  Resp c = call("POST", "/api/v1/me/mfa/totp/confirm",
                nlohmann::json{{"code", crypto::totp_code(secret, clock_.now())}}.dump(), s.both());
  ASSERT_EQ(c.status, 200) << c.body;
  EXPECT_EQ(c.json()["recovery_codes"].size(), 10u);
  Resp no_code = call("POST", "/api/v1/auth/login",
                      nlohmann::json{{"email", "analyst@acme.test"}, {"password", kPassword}}.dump());
  EXPECT_EQ(no_code.status, 401);
  clock_.advance_seconds(30);
  Resp ok = call("POST", "/api/v1/auth/login",
                 nlohmann::json{{"email", "analyst@acme.test"},
                                {"password", kPassword},
                                {"totp_code", crypto::totp_code(secret, clock_.now())}}
                     .dump());
  EXPECT_EQ(ok.status, 200) << ok.body;
  Session admin = login("administrator@acme.test");
  EXPECT_EQ(call("POST", "/api/v1/users/" + users_["analyst"] + "/mfa/reset", "", admin.both()).status, 204);
  login("analyst@acme.test");

  // The TOTP secret is never stored in the clear: neither base32 nor raw bytes.
  const std::string db = dump_database();
  EXPECT_EQ(db.find(secret_b32), std::string::npos);
  EXPECT_EQ(db.find(std::string(secret.begin(), secret.end())), std::string::npos);
}

// Issue 20 item 10: wrong second-factor codes lock the factor (429, persisted); Owners see it and unlock it.
TEST_F(IdentityApiTest, SecondFactorLockIs429VisibleToOwnersAndOwnerUnlockable) {
  Session s = login("analyst@acme.test");
  Resp e = call("POST", "/api/v1/me/mfa/totp/enroll", "", s.both());
  ASSERT_EQ(e.status, 200) << e.body;
  crypto::Bytes secret = *crypto::base32_decode(e.json()["secret"].get<std::string>());
  ASSERT_EQ(call("POST", "/api/v1/me/mfa/totp/confirm",
                 nlohmann::json{{"code", crypto::totp_code(secret, clock_.now())}}.dump(), s.both())
                .status,
            200);
  clock_.advance_seconds(30);
  auto totp_login = [&](const std::string& code) {
    return call("POST", "/api/v1/auth/login",
                nlohmann::json{{"email", "analyst@acme.test"}, {"password", kPassword}, {"totp_code", code}}.dump());
  };
  const std::string right = crypto::totp_code(secret, clock_.now());
  const std::string wrong = right == "000000" ? "000001" : "000000";
  for (int i = 0; i < 5; ++i) EXPECT_EQ(totp_login(wrong).status, 401) << i;
  Resp locked = totp_login(right);
  EXPECT_EQ(locked.status, 429) << locked.body;
  EXPECT_EQ(locked.json()["error"]["code"], "resource_exhausted") << locked.body;

  auto analyst_lock = [&](const Session& who) {
    Resp r = call("GET", "/api/v1/users", "", who.cookie);
    EXPECT_EQ(r.status, 200) << r.body;
    const nlohmann::json body = r.json();  // kept: the loop below refers into it
    for (const nlohmann::json& u : body["users"]) {
      if (u["id"] == users_["analyst"]) return u["mfa_locked_until"];
    }
    ADD_FAILURE() << r.body;
    return nlohmann::json();
  };
  Session owner = login("owner@acme.test");
  Session admin = login("administrator@acme.test");
  EXPECT_TRUE(analyst_lock(owner).is_string()) << "Owners see the lock";
  EXPECT_TRUE(analyst_lock(admin).is_null()) << "Owners only";

  const std::string unlock = "/api/v1/users/" + users_["analyst"] + "/mfa/unlock";
  EXPECT_EQ(call("POST", unlock, "").status, 401);
  EXPECT_EQ(call("POST", unlock, "", admin.both()).status, 403);
  EXPECT_EQ(call("POST", unlock, "", owner.cookie).status, 403) << "CSRF";
  Session owner_b = login("owner@beta.test");
  Resp other = call("POST", unlock, "", owner_b.both());
  EXPECT_EQ(other.status, 404) << other.body;
  EXPECT_EQ(totp_login(right).status, 429) << "still locked";

  EXPECT_EQ(call("POST", unlock, "", owner.both()).status, 204);
  EXPECT_TRUE(analyst_lock(owner).is_null());
  EXPECT_EQ(totp_login(right).status, 200);
}

TEST_F(IdentityApiTest, CanarySecretsNeverComeBackOrRestInTheClear) {
  Session s = login("owner@acme.test");
  Resp k = call("POST", "/api/v1/api-keys", R"({"name":"canary","role":"viewer"})", s.both());
  ASSERT_EQ(k.status, 201);
  const std::string api_key = k.json()["key"];
  const std::string secret_part = api_key.substr(api_key.rfind('_') + 1);
  const std::string token = s.cookie.substr(s.cookie.find('=') + 1, 43);
  const std::size_t creation_response = responses_.find(api_key);  // shown once, at creation
  ASSERT_NE(creation_response, std::string::npos);
  responses_.clear();
  call("GET", "/api/v1/api-keys", "", s.cookie);
  call("GET", "/api/v1/users", "", s.cookie);
  call("GET", "/api/v1/auth/sessions", "", s.cookie);
  call("POST", "/api/v1/auth/login", nlohmann::json{{"email", "owner@acme.test"}, {"password", kPassword}}.dump());
  EXPECT_EQ(responses_.find(std::string(kPassword)), std::string::npos);
  EXPECT_EQ(responses_.find(secret_part), std::string::npos);
  EXPECT_EQ(responses_.find("argon2"), std::string::npos);
  const std::string db = dump_database();
  EXPECT_EQ(db.find(std::string(kPassword)), std::string::npos);
  EXPECT_EQ(db.find(secret_part), std::string::npos);
  EXPECT_EQ(db.find(token), std::string::npos);
  EXPECT_NE(db.find("$argon2id$"), std::string::npos) << "passwords are stored as argon2id hashes";
}

}  // namespace
}  // namespace fg::api
