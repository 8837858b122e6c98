// Single sign-on and MFA self-service over HTTP on 127.0.0.1, against SQLite and PostgreSQL:
//   * the OIDC authorization-code flow end to end against TestIdp (discovery, PKCE S256, token
//     exchange with client_secret_basic, ID token verified against the provider's JWKS), and the
//     attack cases: alg none, HS256 signed with the RSA public key, wrong aud/iss/nonce, expired, nbf
//     in the future, unknown kid, tampered signature, missing nonce, replayed or expired state,
//     unverified or unmapped email; key rotation;
//   * Cloudflare Access assertions, valid and invalid;
//   * DELETE /api/v1/me/mfa/totp: 401, 403 (CSRF, org requires MFA), 400 naming the field, 409, 204
//     and its audit event.
#include <chrono>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api/application/api_service.hpp"
#include "api/routes/identity/identity_api.hpp"
#include "crypto/encoding.hpp"
#include "crypto/totp.hpp"
#include "identity/account_service.hpp"
#include "raw_client.hpp"
#include "test_idp.hpp"
#include "unit/identity/identity_fixture.hpp"
#include "unthrottled_options.hpp"

namespace fg::identity {
namespace {

using testing::TestIdp;

constexpr const char* kRedirectUri = "https://finguard.test/api/v1/auth/oidc/callback";
constexpr const char* kCfAudience = "cf-aud-0123";

struct Resp {
  int status = 0;
  api::Headers headers;
  std::string body;
  nlohmann::json json() const { return nlohmann::json::parse(body, nullptr, false); }
  std::string header(std::string_view name) const { return std::string(headers.get(name).value_or("")); }
  std::string session_cookie() const {
    for (const api::Headers::Entry& h : headers.entries()) {
      if (!api::iequals(h.first, "Set-Cookie")) continue;
      const std::string v = h.second.substr(0, h.second.find(';'));
      if (v.rfind("fg_session=", 0) == 0 && v.size() > 11) return v;
    }
    return "";
  }
};

class SsoTest : public IdentityTest {
 protected:
  void SetUp() override {
    IdentityTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    alice_ = add_user(org_, "alice@acme.test", "analyst");
    Result<CreatedOrg> beta = create_org_with_owner(
        *ctx_, ::fg::testing::ScopeForTest::org(OrgId::random(), {Actor::Kind::kOperator, "os:test", "operator"}),
        {"Beta Ltd", "owner@beta.test", std::string(kOwnerPassword), ""});
    ASSERT_TRUE(beta.ok());
    beta_ = beta->org_id;
    add_user(beta_, "bob@acme-partner.test", "member");
    idp_.set_now(clock_.now().seconds());

    api_ = std::make_shared<api::IdentityApi>(*ctx_);
    net::OutboundPolicy policy;
    policy.allow_loopback = true;  // the test provider listens on 127.0.0.1 (allow_loopback_targets)
    Result<std::unique_ptr<OidcLogin>> oidc = OidcLogin::create(
        {idp_.issuer(),
         TestIdp::kClientId,
         kRedirectUri,
         {"domain:acme.test=acme-corp", "claim:groups=finops-beta=beta-ltd"},
         "openid email profile"},
        crypto::SecretBuffer::copy_of(std::string_view(TestIdp::kClientSecret)), api_->authenticator, policy);
    ASSERT_TRUE(oidc.ok()) << oidc.status().to_string();
    api_->oidc = std::move(*oidc);
    Result<std::unique_ptr<CloudflareAccess>> cf =
        CloudflareAccess::create({idp_.issuer(), kCfAudience}, policy, clock_);
    ASSERT_TRUE(cf.ok()) << cf.status().to_string();
    api_->cf_access = std::move(*cf);

    Config config;
    config.listen = "127.0.0.1:0";
    api::ApiServiceOptions options = api::test::unthrottled_service_options();
    api::ApiDependencies deps;
    api::install_identity(deps, api_);
    Result<std::unique_ptr<api::ApiService>> s = api::ApiService::start(config, std::move(deps), options);
    ASSERT_TRUE(s.ok()) << s.status().to_string();
    service_ = std::move(*s);
  }

  Resp call(const std::string& method, const std::string& target, const std::string& body = "",
            const std::string& headers = "") {
    api::test::RawClient c(service_->port());
    std::string req = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + headers;
    // The test browser: it returns to the callback with the state cookie start() set, as a browser
    // does (SameSite=Lax rides the provider's top-level redirect), unless the test sends its own.
    if (target.rfind("/api/v1/auth/oidc/callback", 0) == 0 && !browser_state_.empty() &&
        headers.find("Cookie:") == std::string::npos) {
      req += "Cookie: " + browser_state_ + "\r\n";
    }
    if (!body.empty() || method == "POST" || method == "PATCH" || method == "DELETE") {
      req += "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
    }
    req += "\r\n" + body;
    EXPECT_TRUE(c.send(req));
    std::optional<api::test::RawResponse> r = c.read_response();
    EXPECT_TRUE(r.has_value()) << method << " " << target;
    if (!r) return {};
    responses_ += r->body;
    for (const auto& h : r->headers.entries()) responses_ += h.second + "\n";
    return Resp{r->status, r->headers, r->body};
  }

  //! GET start; returns the provider URL it redirects to.
  std::string start() {
    Resp r = call("GET", "/api/v1/auth/oidc/start");
    EXPECT_EQ(r.status, 302) << r.body;
    for (const auto& h : r.headers.entries()) {
      if (api::iequals(h.first, "Set-Cookie") && h.second.rfind("fg_oidc_state=", 0) == 0) {
        browser_state_ = h.second.substr(0, h.second.find(';'));
        state_cookie_attributes_ = h.second;
      }
    }
    return r.header("Location");
  }

  //! A whole flow: start, the provider issues `code` for `claims`, the browser comes back.
  Resp sign_in(const nlohmann::json& claims, const std::string& code = "code-1") {
    const std::string location = start();
    idp_.issue_code(code, location, claims);
    return call("GET", "/api/v1/auth/oidc/callback?code=" + code + "&state=" + TestIdp::query_param(location, "state"));
  }

  nlohmann::json alice() { return {{"email", "Alice@acme.test"}, {"email_verified", true}}; }

  std::int64_t platform_failures(const std::string& reason) {
    return count("SELECT count(*) FROM platform_audit_events WHERE action = 'auth.login.failed' AND context LIKE $1",
                 {"%\"" + reason + "\"%"});
  }

  //! A session for a user, with its cookie and CSRF headers.
  std::string session_headers(const std::string& email) {
    Result<IssuedSession> s = login(email);
    EXPECT_TRUE(s.ok()) << s.status().to_string();
    return s.ok() ? "Cookie: fg_session=" + s->token + "\r\nX-CSRF-Token: " + s->csrf_token + "\r\n" : "";
  }

  std::string cf_token(nlohmann::json claims) {
    const std::int64_t now = clock_.now().seconds();
    nlohmann::json base = {{"iss", idp_.issuer()}, {"aud", {kCfAudience}},       {"exp", now + 600}, {"iat", now},
                           {"nbf", now},           {"email", "alice@acme.test"}, {"type", "app"}};
    for (auto& [k, v] : claims.items()) base[k] = v;
    return idp_.sign_rs256({}, base);
  }

  TestIdp idp_;
  std::shared_ptr<api::IdentityApi> api_;
  std::unique_ptr<api::ApiService> service_;
  std::string alice_;
  OrgId beta_;
  std::string responses_;
  std::string browser_state_;            // "fg_oidc_state=..." as the last start() set it
  std::string state_cookie_attributes_;  // that Set-Cookie line in full
};

TEST_P(SsoTest, StartRedirectsToTheProviderWithStateNonceAndPkce) {
  const std::string loc = start();
  EXPECT_EQ(loc.rfind(idp_.issuer() + "/authorize?", 0), 0u) << loc;
  EXPECT_EQ(TestIdp::query_param(loc, "response_type"), "code");
  EXPECT_EQ(TestIdp::query_param(loc, "client_id"), TestIdp::kClientId);
  EXPECT_EQ(TestIdp::query_param(loc, "redirect_uri"), kRedirectUri);
  EXPECT_EQ(TestIdp::query_param(loc, "scope"), "openid email profile");
  EXPECT_EQ(TestIdp::query_param(loc, "code_challenge_method"), "S256");
  EXPECT_EQ(TestIdp::query_param(loc, "state").size(), 43u);
  EXPECT_EQ(TestIdp::query_param(loc, "nonce").size(), 43u);
  EXPECT_EQ(TestIdp::query_param(loc, "code_challenge").size(), 43u);
  // Kept server-side by the hash of state: the state itself is not stored.
  EXPECT_EQ(count("SELECT count(*) FROM oidc_login_states"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM oidc_login_states WHERE state_hash = $1", {TestIdp::query_param(loc, "state")}),
            0);
}

TEST_P(SsoTest, FullCodeFlowOpensANormalSession) {
  Resp r = sign_in(alice());
  ASSERT_EQ(r.status, 302) << r.body << " idp: " << idp_.last_token_error();
  EXPECT_EQ(r.header("Location"), "/");
  const std::string cookie = r.session_cookie();
  ASSERT_FALSE(cookie.empty());
  EXPECT_EQ(idp_.last_token_error(), "");
  // The same session as password login: it authenticates the API and shows in the session list.
  Resp sessions = call("GET", "/api/v1/auth/sessions", "", "Cookie: " + cookie + "\r\n");
  ASSERT_EQ(sessions.status, 200) << sessions.body;
  EXPECT_EQ(sessions.json()["sessions"].size(), 1u);
  EXPECT_EQ(org_count(org_, "SELECT count(*) FROM sessions WHERE user_id = $1", {alice_}), 1);
  EXPECT_EQ(org_count(org_,
                      "SELECT count(*) FROM audit_events WHERE action = 'auth.login.succeeded' AND context LIKE "
                      "'%\"oidc\"%'"),
            1);
  EXPECT_EQ(count("SELECT count(*) FROM oidc_login_states"), 0);  // consumed
  EXPECT_EQ(responses_.find(TestIdp::kClientSecret), std::string::npos);
}

TEST_P(SsoTest, Es256TokensAreAccepted) {
  idp_.set_token_override([this](const nlohmann::json& c) { return idp_.sign_es256({}, c); });
  EXPECT_EQ(sign_in(alice()).status, 302);
}

TEST_P(SsoTest, AStateIsSingleUse) {
  const std::string location = start();
  idp_.issue_code("code-1", location, alice());
  const std::string target = "/api/v1/auth/oidc/callback?code=code-1&state=" + TestIdp::query_param(location, "state");
  EXPECT_EQ(call("GET", target).status, 302);
  idp_.issue_code("code-1", location, alice());  // even with a fresh code
  EXPECT_EQ(call("GET", target).status, 401);
  EXPECT_EQ(platform_failures("unknown_or_used_state"), 1);
}

// Issue 20 item 4: login CSRF. A callback URL replayed from another client signed that client in as
// whoever started the flow. The state is bound to the starting browser by a cookie.
TEST_P(SsoTest, ACallbackFromAnotherBrowserIsRefusedAndTheFlowStaysUsable) {
  const std::string location = start();
  EXPECT_NE(state_cookie_attributes_.find("SameSite=Lax"), std::string::npos) << state_cookie_attributes_;
  EXPECT_NE(state_cookie_attributes_.find("HttpOnly"), std::string::npos);
  EXPECT_NE(state_cookie_attributes_.find("Path=/"), std::string::npos);
  EXPECT_NE(state_cookie_attributes_.find("Max-Age=600"), std::string::npos);
  EXPECT_EQ(state_cookie_attributes_.find("Domain"), std::string::npos);
  idp_.issue_code("code-1", location, alice());
  const std::string target = "/api/v1/auth/oidc/callback?code=code-1&state=" + TestIdp::query_param(location, "state");
  // Another client: no state cookie at all, or the cookie of a flow it started itself.
  EXPECT_EQ(call("GET", target, "", "Cookie: fg_session=x\r\n").status, 401);
  const std::string mine = browser_state_;
  start();
  const std::string attackers = browser_state_;
  ASSERT_NE(attackers, mine);
  EXPECT_EQ(call("GET", target, "", "Cookie: " + attackers + "\r\n").status, 401);
  EXPECT_EQ(platform_failures("state_not_bound_to_browser"), 2);
  EXPECT_EQ(idp_.token_requests(), 0) << "refused before the code is exchanged";
  // The browser that started it still finishes, and the answer clears its state cookie.
  Resp ok = call("GET", target, "", "Cookie: " + mine + "\r\n");
  ASSERT_EQ(ok.status, 302) << ok.body;
  bool cleared = false;
  for (const auto& h : ok.headers.entries()) {
    if (api::iequals(h.first, "Set-Cookie") && h.second.rfind("fg_oidc_state=;", 0) == 0) {
      cleared = h.second.find("Max-Age=0") != std::string::npos;
    }
  }
  EXPECT_TRUE(cleared);
}

TEST_P(SsoTest, UnknownAndExpiredStatesAreRefused) {
  EXPECT_EQ(call("GET", "/api/v1/auth/oidc/callback?code=c&state=" + std::string(43, 'A')).status, 401);
  const std::string location = start();
  idp_.issue_code("code-1", location, alice());
  clock_.advance_seconds(601);
  idp_.set_now(clock_.now().seconds());
  EXPECT_EQ(
      call("GET", "/api/v1/auth/oidc/callback?code=code-1&state=" + TestIdp::query_param(location, "state")).status,
      401);
  EXPECT_EQ(idp_.token_requests(), 0);  // refused before the code is ever exchanged
}

TEST_P(SsoTest, CallbackInputIsValidatedNamingTheField) {
  Resp no_code = call("GET", "/api/v1/auth/oidc/callback?state=abc");
  EXPECT_EQ(no_code.status, 400);
  EXPECT_EQ(no_code.json()["error"]["field"], "code");
  Resp no_state = call("GET", "/api/v1/auth/oidc/callback?code=abc");
  EXPECT_EQ(no_state.status, 400);
  EXPECT_EQ(no_state.json()["error"]["field"], "state");
  Resp long_code = call("GET", "/api/v1/auth/oidc/callback?state=s&code=" + std::string(3000, 'c'));
  EXPECT_EQ(long_code.status, 400);
  EXPECT_EQ(long_code.json()["error"]["field"], "code");
  EXPECT_EQ(call("GET", "/api/v1/auth/oidc/callback?error=access_denied&state=s").status, 401);
}

TEST_P(SsoTest, IdTokenAttacksAreRefused) {
  const std::int64_t now = clock_.now().seconds();
  struct Attack {
    const char* name;
    std::function<std::string(const nlohmann::json&)> token;
  };
  auto b64 = [](const nlohmann::json& j) { return crypto::base64url_encode(crypto::as_bytes(j.dump())); };
  auto with = [](nlohmann::json c, const char* k, nlohmann::json v) {
    c[k] = std::move(v);
    return c;
  };
  const std::vector<Attack> attacks = {
      {"alg none",
       [&](const nlohmann::json& c) {
         return b64({{"alg", "none"}}) + "." + b64(c) + ".";
       }},
      {"HS256 with the RSA public key", [&](const nlohmann::json& c) { return idp_.sign_hs256_with_public_key(c); }},
      {"wrong aud", [&](const nlohmann::json& c) { return idp_.sign_rs256({}, with(c, "aud", "other-client")); }},
      {"wrong iss", [&](const nlohmann::json& c) { return idp_.sign_rs256({}, with(c, "iss", "https://evil.test")); }},
      {"expired", [&](const nlohmann::json& c) { return idp_.sign_rs256({}, with(c, "exp", now - 120)); }},
      {"nbf in the future", [&](const nlohmann::json& c) { return idp_.sign_rs256({}, with(c, "nbf", now + 600)); }},
      {"unknown kid",
       [&](const nlohmann::json& c) {
         return idp_.sign_rs256({{"kid", "not-a-key"}}, c);
       }},
      {"tampered signature",
       [&](const nlohmann::json& c) {
         std::string t = idp_.sign_rs256({}, c);
         t[t.size() - 5] = t[t.size() - 5] == 'A' ? 'B' : 'A';
         return t;
       }},
      {"tampered claims",
       [&](const nlohmann::json& c) {
         std::string t = idp_.sign_rs256({}, c);
         const std::size_t d1 = t.find('.'), d2 = t.rfind('.');
         return t.substr(0, d1 + 1) + b64(with(c, "email", "owner@acme.test")) + t.substr(d2);
       }},
      {"missing nonce",
       [&](const nlohmann::json& c) {
         nlohmann::json x = c;
         x.erase("nonce");
         return idp_.sign_rs256({}, x);
       }},
      {"wrong nonce", [&](const nlohmann::json& c) { return idp_.sign_rs256({}, with(c, "nonce", "replayed")); }},
      {"wrong azp", [&](const nlohmann::json& c) { return idp_.sign_rs256({}, with(c, "azp", "other-client")); }},
      {"email not verified",
       [&](const nlohmann::json& c) { return idp_.sign_rs256({}, with(c, "email_verified", false)); }},
      {"unmapped domain",
       [&](const nlohmann::json& c) { return idp_.sign_rs256({}, with(c, "email", "bob@acme-partner.test")); }},
      {"mapped domain, no such user",
       [&](const nlohmann::json& c) { return idp_.sign_rs256({}, with(c, "email", "nobody@acme.test")); }},
  };
  int i = 0;
  for (const Attack& a : attacks) {
    idp_.set_token_override(a.token);
    Resp r = sign_in(alice(), "code-" + std::to_string(++i));
    EXPECT_EQ(r.status, 401) << a.name << ": " << r.body;
    EXPECT_TRUE(r.session_cookie().empty()) << a.name;
  }
  EXPECT_EQ(count("SELECT count(*) FROM sessions WHERE user_id = $1", {alice_}), 0);
  EXPECT_EQ(platform_failures("id_token_refused"), 9);
  EXPECT_EQ(platform_failures("nonce_mismatch"), 2);
  EXPECT_EQ(platform_failures("email_not_verified"), 1);
  EXPECT_EQ(platform_failures("not_mapped"), 1);
  EXPECT_EQ(platform_failures("unknown_user"), 1);
}

TEST_P(SsoTest, ClaimMappingAdmitsOnlyMembersOfTheMappedOrg) {
  // bob is a member of beta-ltd; the groups claim maps him there, his domain maps nowhere.
  Resp r = sign_in({{"email", "bob@acme-partner.test"}, {"email_verified", true}, {"groups", {"finops-beta"}}});
  ASSERT_EQ(r.status, 302) << r.body;
  EXPECT_EQ(org_count(beta_, "SELECT count(*) FROM sessions"), 1);
  // The claim maps to beta-ltd, but this user is no member there.
  Resp a = sign_in({{"email", "nobody@other.test"}, {"email_verified", true}, {"groups", {"finops-beta"}}}, "code-2");
  EXPECT_EQ(a.status, 401);
}

TEST_P(SsoTest, KeyRotationIsPickedUpByRefetchingTheJwks) {
  ASSERT_EQ(sign_in(alice()).status, 302);
  const int fetched = idp_.jwks_requests();
  idp_.rotate_rsa_key("rsa-2");
  // Within the refresh floor an unknown kid does not refetch: the login fails.
  EXPECT_EQ(sign_in(alice(), "code-2").status, 401);
  EXPECT_EQ(idp_.jwks_requests(), fetched);
  clock_.advance_seconds(31);
  idp_.set_now(clock_.now().seconds());
  // Past it, the unknown kid asks the background refresher for the keys and the answer is a 503 at
  // once (the I/O thread never waits for the provider); a retry signs in once the keys are in.
  EXPECT_EQ(sign_in(alice(), "code-3").status, 503);
  int status = 503;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  for (int i = 4; status == 503 && std::chrono::steady_clock::now() < deadline; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    status = sign_in(alice(), "code-" + std::to_string(i)).status;
  }
  EXPECT_EQ(status, 302);
  EXPECT_EQ(idp_.jwks_requests(), fetched + 1);
}

TEST_P(SsoTest, OidcRoutesAnswer503WhenNotConfigured) {
  api_->oidc.reset();
  EXPECT_EQ(call("GET", "/api/v1/auth/oidc/start").status, 503);
  EXPECT_EQ(call("GET", "/api/v1/auth/oidc/callback?code=a&state=b").status, 503);
}

// The sign-in page's question (web/src/pages/SignIn.tsx): is there a single sign-on button to show?
TEST_P(SsoTest, SignInMethodsSayWhetherOidcIsConfiguredAndNothingMore) {
  Resp on = call("GET", "/api/v1/auth/methods");
  ASSERT_EQ(on.status, 200) << on.body;
  EXPECT_EQ(on.json(), (nlohmann::json{{"password", true}, {"oidc", true}}));
  EXPECT_EQ(on.body.find(idp_.issuer()), std::string::npos) << "the provider is not named to strangers";
  EXPECT_EQ(on.body.find(TestIdp::kClientId), std::string::npos);
  Resp bad = call("GET", "/api/v1/auth/methods?provider=x");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.json()["error"].value("field", ""), "query");  // unknown names are not echoed
  api_->oidc.reset();
  Resp off = call("GET", "/api/v1/auth/methods");
  ASSERT_EQ(off.status, 200) << off.body;
  EXPECT_EQ(off.json(), (nlohmann::json{{"password", true}, {"oidc", false}}));
}

TEST_P(SsoTest, CloudflareAccessAssertionAuthenticatesAnActiveMember) {
  Resp ok = call("GET", "/api/v1/roles", "", "Cf-Access-Jwt-Assertion: " + cf_token({}) + "\r\n");
  EXPECT_EQ(ok.status, 200) << ok.body;
  Resp es = call("GET", "/api/v1/roles", "",
                 "Cf-Access-Jwt-Assertion: " +
                     idp_.sign_es256({}, {{"iss", idp_.issuer()},
                                          {"aud", kCfAudience},
                                          {"exp", clock_.now().seconds() + 60},
                                          {"email", "alice@acme.test"}}) +
                     "\r\n");
  EXPECT_EQ(es.status, 200) << es.body;
}

TEST_P(SsoTest, CloudflareAccessInvalidAssertionsAre401) {
  const std::int64_t now = clock_.now().seconds();
  for (const std::string& bad :
       {cf_token({{"aud", {"other-app"}}}), cf_token({{"iss", "https://other.cloudflareaccess.com"}}),
        cf_token({{"exp", now - 600}}), cf_token({{"nbf", now + 600}}), cf_token({{"email", "nobody@acme.test"}}),
        cf_token({{"email", nullptr}}),
        idp_.sign_hs256_with_public_key(
            {{"iss", idp_.issuer()}, {"aud", kCfAudience}, {"exp", now + 60}, {"email", "alice@acme.test"}}),
        std::string("not-a-jwt")}) {
    EXPECT_EQ(call("GET", "/api/v1/roles", "", "Cf-Access-Jwt-Assertion: " + bad + "\r\n").status, 401) << bad;
  }
  // A deactivated membership is refused too.
  {
    Result<store::OrgTransaction> tx = db_->begin(user_scope(org_, owner_.to_string(), "owner"));
    ASSERT_TRUE(tx->exec("UPDATE memberships SET deactivated_at = 1 WHERE user_id = $1", {alice_}).ok());
    ASSERT_TRUE(tx->commit().ok());
  }
  EXPECT_EQ(call("GET", "/api/v1/roles", "", "Cf-Access-Jwt-Assertion: " + cf_token({}) + "\r\n").status, 401);
}

TEST_P(SsoTest, CloudflareAccessMutationsNeedASessionAndUnconfiguredAccessIsIgnored) {
  const std::string h = "Cf-Access-Jwt-Assertion: " + cf_token({}) + "\r\n";
  // Ambient like a cookie, with no CSRF token to match: mutations are refused.
  EXPECT_EQ(call("DELETE", "/api/v1/me/mfa/totp", R"({"current_password":"x"})", h).status, 403);
  api_->cf_access.reset();
  EXPECT_EQ(call("GET", "/api/v1/roles", "", h).status, 401);
}

// DELETE /api/v1/me/mfa/totp

class MfaDisableTest : public SsoTest {
 protected:
  //! Enrolls TOTP for `user` and returns the secret.
  crypto::Bytes enroll(const std::string& user) {
    AccountService account(*ctx_);
    const OrgScope scope = user_scope(org_, user, "analyst");
    Result<TotpEnrollment> e = account.enroll_totp(scope);
    EXPECT_TRUE(e.ok()) << e.status().to_string();
    crypto::Bytes secret = *crypto::base32_decode(e->secret_base32);
    Result<std::vector<std::string>> codes =
        account.confirm_totp(scope, crypto::totp_code(secret, clock_.now()), meta_);
    EXPECT_TRUE(codes.ok()) << codes.status().to_string();
    clock_.advance_seconds(30);  // the confirm code's step is used
    return secret;
  }

  std::string alice_session_after_mfa(const crypto::Bytes& secret) {
    Result<IssuedSession> s =
        login("alice@acme.test", std::string(kOwnerPassword), crypto::totp_code(secret, clock_.now()));
    EXPECT_TRUE(s.ok()) << s.status().to_string();
    clock_.advance_seconds(30);
    return s.ok() ? "Cookie: fg_session=" + s->token + "\r\nX-CSRF-Token: " + s->csrf_token + "\r\n" : "";
  }
};

TEST_P(MfaDisableTest, Unauthenticated401AndMissingCsrf403) {
  EXPECT_EQ(call("DELETE", "/api/v1/me/mfa/totp", R"({"current_password":"x"})").status, 401);
  const crypto::Bytes secret = enroll(alice_);
  const std::string h = alice_session_after_mfa(secret);
  const std::string cookie_only = h.substr(0, h.find("X-CSRF-Token"));
  EXPECT_EQ(call("DELETE", "/api/v1/me/mfa/totp", R"({"current_password":"x"})", cookie_only).status, 403);
  EXPECT_EQ(
      call("DELETE", "/api/v1/me/mfa/totp", R"({"current_password":"x"})", cookie_only + "X-CSRF-Token: wrong\r\n")
          .status,
      403);
}

TEST_P(MfaDisableTest, BadInputIs400NamingTheField) {
  const crypto::Bytes secret = enroll(alice_);
  const std::string h = alice_session_after_mfa(secret);
  struct Case {
    std::string body, field;
  };
  for (const Case& c :
       {Case{"{}", "current_password"}, Case{R"({"current_password":"wrong-password-here"})", "current_password"},
        Case{R"({"code":"000000"})", "code"}, Case{R"({"code":"12"})", "code"},
        Case{R"({"current_password":""})", "current_password"}, Case{R"({"current_password":5})", "current_password"},
        Case{R"({"other":1})", "other"}}) {
    Resp r = call("DELETE", "/api/v1/me/mfa/totp", c.body, h);
    EXPECT_EQ(r.status, 400) << c.body << " " << r.body;
    EXPECT_EQ(r.json()["error"]["field"], c.field) << c.body << " " << r.body;
  }
  EXPECT_EQ(count("SELECT mfa_enabled FROM users WHERE id = $1", {alice_}), 1);
}

TEST_P(MfaDisableTest, RefusedWhenAnOrgRequiresMfaAnd409WhenOff) {
  const crypto::Bytes secret = enroll(alice_);
  const std::string h = alice_session_after_mfa(secret);
  AccountService account(*ctx_);
  ASSERT_TRUE(account.update_security(user_scope(org_, owner_.to_string(), "owner"), {true, {}, {}}, meta_).ok());
  const std::string body = nlohmann::json{{"current_password", std::string(kOwnerPassword)}}.dump();
  EXPECT_EQ(call("DELETE", "/api/v1/me/mfa/totp", body, h).status, 403);
  ASSERT_TRUE(account.update_security(user_scope(org_, owner_.to_string(), "owner"), {false, {}, {}}, meta_).ok());
  EXPECT_EQ(call("DELETE", "/api/v1/me/mfa/totp", body, h).status, 204);
  EXPECT_EQ(call("DELETE", "/api/v1/me/mfa/totp", body, h).status, 409);
}

TEST_P(MfaDisableTest, WithThePasswordTurnsMfaOffAndAudits) {
  const crypto::Bytes secret = enroll(alice_);
  const std::string h = alice_session_after_mfa(secret);
  Resp r = call("DELETE", "/api/v1/me/mfa/totp",
                nlohmann::json{{"current_password", std::string(kOwnerPassword)}}.dump(), h);
  ASSERT_EQ(r.status, 204) << r.body;
  EXPECT_EQ(count("SELECT mfa_enabled FROM users WHERE id = $1", {alice_}), 0);
  EXPECT_EQ(count("SELECT count(*) FROM users WHERE id = $1 AND totp_secret_sealed IS NULL", {alice_}), 1);
  EXPECT_EQ(count("SELECT count(*) FROM recovery_codes WHERE user_id = $1", {alice_}), 0);
  EXPECT_EQ(org_count(org_, "SELECT count(*) FROM audit_events WHERE action = 'auth.mfa.disabled' AND target_id = $1",
                      {alice_}),
            1);
  // Password login no longer asks for a code.
  EXPECT_TRUE(login("alice@acme.test").ok());
}

TEST_P(MfaDisableTest, WithATotpCode) {
  const crypto::Bytes secret = enroll(alice_);
  const std::string h = alice_session_after_mfa(secret);
  Resp r = call("DELETE", "/api/v1/me/mfa/totp",
                nlohmann::json{{"code", crypto::totp_code(secret, clock_.now())}}.dump(), h);
  ASSERT_EQ(r.status, 204) << r.body;
  EXPECT_EQ(count("SELECT mfa_enabled FROM users WHERE id = $1", {alice_}), 0);
}

TEST_P(MfaDisableTest, ApiKeysCannotDisableMfa) {
  const crypto::Bytes secret = enroll(alice_);
  AccountService account(*ctx_);
  Status s = account.disable_totp(::fg::testing::ScopeForTest::org(org_, {Actor::Kind::kApiKey, "k1", "analyst"}),
                                  std::string(kOwnerPassword), std::nullopt, meta_);
  EXPECT_EQ(s.code(), StatusCode::kPermissionDenied);
}

INSTANTIATE_TEST_SUITE_P(Backends, SsoTest, ::testing::Values(store::Dialect::kSqlite, store::Dialect::kPostgres),
                         store::backend_name);
INSTANTIATE_TEST_SUITE_P(Backends, MfaDisableTest,
                         ::testing::Values(store::Dialect::kSqlite, store::Dialect::kPostgres), store::backend_name);

}  // namespace
}  // namespace fg::identity
