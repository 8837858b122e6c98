// ApiServerTest: a real API server on 127.0.0.1 over the store fixture's database (SQLite or
// PostgreSQL), with identity installed, two orgs (A and B) with their Owners, and helpers to call routes
// as a given role. Route tests add their route sets in SetUp before start().
//
//   class MyTest : public api::ApiServerTest {
//     void SetUp() override {
//       ApiServerTest::SetUp(); if (IsSkipped() || HasFatalFailure()) return;
//       start({[this](Router& r) { return add_my_routes(r, *db_, audit_); }});
//     }
//   };
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api/application/api_service.hpp"
#include "api/routes/identity/identity_api.hpp"
#include "identity/org_service.hpp"
#include "raw_client.hpp"
#include "support/store_fixture.hpp"
#include "unthrottled_options.hpp"

namespace fg::api {

struct ApiResp {
  int status = 0;
  Headers headers;
  std::string body;
  nlohmann::json json() const { return body.empty() ? nlohmann::json() : nlohmann::json::parse(body, nullptr, false); }
  std::string field() const {
    const nlohmann::json j = json();
    return j.is_object() && j.contains("error") ? j["error"].value("field", "") : "";
  }
};

class ApiServerTest : public store::StoreTest {
 protected:
  static constexpr std::string_view kPassword = "fixture-Passw0rd-otter-granite";

  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ctx_ = std::make_unique<identity::IdentityContext>(
        identity::IdentityContext{*db_, audit_, SystemClock::instance(), hasher_, key_, {}});
    ctx_->settings.login_failures_per_ip_per_minute = 1000;
    ctx_->settings.login_failures_per_account_per_minute = 1000;
    org_a_ = make_org("Acme Corp", "owner@acme.test");
    org_b_ = make_org("Beta Ltd", "owner@beta.test");
  }

  //! Starts the server with identity and `route_sets`, then makes an API key per role of org A
  //! (keys_["administrator"], ...) and one for org B's Owner (keys_["b-owner"]).
  void start(std::vector<std::function<Status(Router&)>> route_sets) {
    Config config;
    config.listen = "127.0.0.1:0";
    ApiServiceOptions options = api::test::unthrottled_service_options();
    ApiDependencies deps;
    install_identity(deps, std::make_shared<IdentityApi>(*ctx_));
    for (auto& rs : route_sets) deps.route_sets.push_back(std::move(rs));
    Result<std::unique_ptr<ApiService>> s = ApiService::start(config, std::move(deps), options);
    ASSERT_TRUE(s.ok()) << s.status().to_string();
    service_ = std::move(*s);
    port_ = service_->port();
    for (const char* role : {"owner", "administrator", "analyst", "member", "viewer"}) {
      keys_[role] = key_header(org_a_, role);
    }
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

  //! One request on a fresh connection; `headers` are complete lines ("Name: value\r\n").
  ApiResp call(const std::string& method, const std::string& path, const std::string& body = "",
               const std::string& headers = "") {
    test::RawClient c(port_);
    std::string req = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + headers;
    if (!body.empty()) {
      req += "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
    }
    req += "\r\n" + body;
    EXPECT_TRUE(c.send(req));
    std::optional<test::RawResponse> r = c.read_response();
    EXPECT_TRUE(r.has_value()) << method << " " << path;
    if (!r) return {};
    responses_ += r->body;
    return ApiResp{r->status, r->headers, r->body};
  }

  //! "Cookie: ...\r\nX-CSRF-Token: ...\r\n" of a fresh session of `email`.
  std::string session_headers(const std::string& email) {
    ApiResp r = call("POST", "/api/v1/auth/login",
                     nlohmann::json{{"email", email}, {"password", std::string(kPassword)}}.dump());
    EXPECT_EQ(r.status, 200) << r.body;
    std::string cookie;
    for (const Headers::Entry& h : r.headers.entries()) {
      if (!iequals(h.first, "Set-Cookie")) continue;
      const std::string v = h.second.substr(0, h.second.find(';'));
      if (v.rfind("fg_session=", 0) == 0) cookie = "Cookie: " + v + "\r\n";
    }
    return cookie + "X-CSRF-Token: " + r.json().value("csrf_token", std::string()) + "\r\n";
  }

  //! "Authorization: Bearer ...\r\n" for a new API key of `role` in `org`, made by that org's Owner.
  std::string key_header(const OrgId& org, const std::string& role) {
    ApiResp key = call("POST", "/api/v1/api-keys", nlohmann::json{{"name", role}, {"role", role}}.dump(),
                       session_headers(owner_email_[org.to_string()]));
    EXPECT_EQ(key.status, 201) << key.body;
    return "Authorization: Bearer " + key.json().value("key", std::string()) + "\r\n";
  }

  audit::AuditLog audit_;
  crypto::PasswordHasher hasher_{crypto::PasswordHasherOptions{{1, 8192}, 4, std::chrono::milliseconds(2000)}};
  identity::TotpKey key_ = identity::TotpKey::random_for_test();
  std::unique_ptr<identity::IdentityContext> ctx_;
  std::unique_ptr<ApiService> service_;
  std::uint16_t port_ = 0;
  OrgId org_a_, org_b_;
  std::map<std::string, std::string> owner_email_, keys_;
  std::string responses_;  //!< every response body, for canary checks
};

}  // namespace fg::api
