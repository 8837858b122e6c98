// Authenticator: login, sessions (expiry with a ManualClock, CSRF), API keys, throttling, canaries.
#include "identity/authenticator.hpp"

#include "crypto/encoding.hpp"
#include "crypto/totp.hpp"
#include "identity/account_service.hpp"
#include "identity/api_key_service.hpp"
#include "identity/password_reset.hpp"
#include "identity/session_service.hpp"
#include "identity_fixture.hpp"

namespace fg::identity {
namespace {

using AuthenticatorTest = IdentityTest;

// Enrolls and confirms TOTP for `scope`'s user; the secret.
crypto::Bytes enroll_totp_for(const IdentityContext& ctx, const OrgScope& scope, const audit::Origin& meta) {
  AccountService account(ctx);
  Result<TotpEnrollment> e = account.enroll_totp(scope);
  EXPECT_TRUE(e.ok()) << e.status().to_string();
  Result<crypto::Bytes> secret = crypto::base32_decode(e.ok() ? e->secret_base32 : std::string());
  EXPECT_TRUE(secret.ok());
  if (!secret.ok()) return {};
  EXPECT_TRUE(account.confirm_totp(scope, crypto::totp_code(*secret, ctx.clock.now()), meta).ok());
  return *secret;
}

TEST_P(AuthenticatorTest, LoginOpensASessionThatAuthenticates) {
  Result<IssuedSession> s = login("owner@acme.test");
  ASSERT_TRUE(s.ok()) << s.status().to_string();
  EXPECT_EQ(s->role, "owner");
  EXPECT_EQ(s->org_id, org_);
  Result<AuthenticatedPrincipal> p = auth_->authenticate_session(s->token, std::nullopt, false);
  ASSERT_TRUE(p.ok()) << p.status().to_string();
  EXPECT_EQ(p->scope.org_id(), org_);
  EXPECT_EQ(p->scope.actor().role, "owner");
  EXPECT_EQ(p->scope.actor().id, owner_.to_string());
  // The token is stored only as its hash.
  EXPECT_EQ(count("SELECT count(*) FROM users u, sessions s WHERE s.token_hash = $1", {s->token}), 0);
}

TEST_P(AuthenticatorTest, EmailIsCaseInsensitive) {
  EXPECT_TRUE(login("Owner@ACME.test").ok());
}

TEST_P(AuthenticatorTest, UnknownUserAndWrongPasswordLookTheSame) {
  Result<IssuedSession> unknown = login("nobody@acme.test");
  Result<IssuedSession> wrong = login("owner@acme.test", "not-the-password-at-all");
  ASSERT_FALSE(unknown.ok());
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(unknown.status(), wrong.status());
  EXPECT_EQ(unknown.status().code(), StatusCode::kUnauthenticated);
}

TEST_P(AuthenticatorTest, FailedLoginsAreThrottledPerAccountAndClientAndAudited) {
  ctx_->settings.login_failures_per_ip_per_minute = 1000;
  ctx_->settings.login_failures_per_account_per_minute = 5;
  Authenticator strict(*ctx_);
  meta_.source_ip = "198.51.100.7";
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(strict.login({"owner@acme.test", "wrong-password-xx", {}, {}}, meta_).status().code(),
              StatusCode::kUnauthenticated);
  }
  EXPECT_EQ(strict.login({"owner@acme.test", std::string(kOwnerPassword), {}, {}}, meta_).status().code(),
            StatusCode::kResourceExhausted)
      << "this client has used the account's budget";
  clock_.advance_seconds(61);
  EXPECT_TRUE(strict.login({"owner@acme.test", std::string(kOwnerPassword), {}, {}}, meta_).ok());
  EXPECT_EQ(org_count(org_, "SELECT count(*) FROM audit_events WHERE action = 'auth.login.failed'"), 5);
  EXPECT_EQ(count("SELECT count(*) FROM platform_audit_events WHERE action = 'auth.login.failed' AND "
                  "result = 'denied'"),
            1);
}

// Issue 20 item 3: any password check goes through the login throttle and is audited. A stolen
// session could guess the password at /me/password without either.
TEST_P(AuthenticatorTest, CurrentPasswordChecksDrawFromTheLoginThrottleAndAreAudited) {
  ctx_->settings.login_failures_per_ip_per_minute = 1000;
  ctx_->settings.login_failures_per_account_per_minute = 3;
  Authenticator strict(*ctx_);
  AccountService account(*ctx_, &strict.login_throttle());
  const OrgScope scope = user_scope(org_, owner_.to_string(), "owner");
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(account.change_password(scope, "", "wrong-current-pw", "a-brand-new-passphrase-9", meta_).field(),
              "current_password");
  }
  // The budget is spent: the right password is refused here, and at sign-in too (one budget).
  EXPECT_EQ(account.change_password(scope, "", std::string(kOwnerPassword), "a-brand-new-passphrase-9", meta_).code(),
            StatusCode::kResourceExhausted);
  EXPECT_EQ(strict.login({"owner@acme.test", std::string(kOwnerPassword), {}, {}}, meta_).status().code(),
            StatusCode::kResourceExhausted);
  EXPECT_EQ(org_count(org_,
                      "SELECT count(*) FROM audit_events WHERE action = 'auth.login.failed' AND result = "
                      "'failed' AND context LIKE '%wrong_current_password%' AND context LIKE '%password_change%'"),
            3);
  EXPECT_EQ(org_count(org_,
                      "SELECT count(*) FROM audit_events WHERE action = 'auth.login.failed' AND result = "
                      "'denied' AND context LIKE '%throttled%'"),
            1);
  clock_.advance_seconds(61);
  EXPECT_TRUE(account.change_password(scope, "", std::string(kOwnerPassword), "a-brand-new-passphrase-9", meta_).ok());
}

// Issue 20 (low): a correct password plus second factor is not locked out by someone else's failures.
TEST_P(AuthenticatorTest, AnotherClientsFailuresDoNotLockOutPasswordPlusTotp) {
  ctx_->settings.login_failures_per_ip_per_minute = 5;
  ctx_->settings.login_failures_per_account_per_minute = 5;
  Authenticator strict(*ctx_);
  const crypto::Bytes secret = enroll_totp_for(*ctx_, user_scope(org_, owner_.to_string(), "owner"), meta_);
  audit::Origin attacker = meta_;
  attacker.source_ip = "203.0.113.66";
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(strict.login({"owner@acme.test", "wrong-password-xx", {}, {}}, attacker).status().code(),
              StatusCode::kUnauthenticated);
  }
  EXPECT_EQ(strict.login({"owner@acme.test", "wrong-password-xx", {}, {}}, attacker).status().code(),
            StatusCode::kResourceExhausted);
  clock_.advance_seconds(30);
  Result<IssuedSession> own = strict.login(
      {"owner@acme.test", std::string(kOwnerPassword), crypto::totp_code(secret, clock_.now()), {}}, meta_);
  EXPECT_TRUE(own.ok()) << own.status().to_string();
}

TEST_P(AuthenticatorTest, PastTheAccountCeilingOnlyPasswordPlusSecondFactorGetsIn) {
  ctx_->settings.login_failures_per_ip_per_minute = 1000;
  ctx_->settings.login_failures_per_account_per_minute = 1;
  Authenticator strict(*ctx_);
  add_user(org_, "plain@acme.test", "viewer");
  const crypto::Bytes secret = enroll_totp_for(*ctx_, user_scope(org_, owner_.to_string(), "owner"), meta_);
  for (const std::string email : {"owner@acme.test", "plain@acme.test"}) {
    for (int i = 0; i < kAccountCeilingFactor; ++i) {
      audit::Origin m = meta_;
      m.source_ip = "198.51.100." + std::to_string(i);  // one failure each: only the ceiling is reached
      EXPECT_EQ(strict.login({email, "wrong-password-xx", {}, {}}, m).status().code(), StatusCode::kUnauthenticated);
    }
  }
  // No oracle: a wrong and a right password get the same answer past the ceiling.
  const Status wrong = strict.login({"plain@acme.test", "wrong-password-xx", {}, {}}, meta_).status();
  const Status right = strict.login({"plain@acme.test", std::string(kOwnerPassword), {}, {}}, meta_).status();
  EXPECT_EQ(wrong.code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(wrong, right) << "a user without MFA waits out the campaign";
  EXPECT_EQ(strict.login({"owner@acme.test", std::string(kOwnerPassword), {}, {}}, meta_).status(), right)
      << "no 'totp_code required' hint either";
  clock_.advance_seconds(30);
  Result<IssuedSession> s = strict.login(
      {"owner@acme.test", std::string(kOwnerPassword), crypto::totp_code(secret, clock_.now()), {}}, meta_);
  EXPECT_TRUE(s.ok()) << s.status().to_string();
}

TEST_P(AuthenticatorTest, FailedLoginsArePerIpToo) {
  ctx_->settings.login_failures_per_ip_per_minute = 5;
  ctx_->settings.login_failures_per_account_per_minute = 1000;
  Authenticator strict(*ctx_);
  for (int i = 0; i < 5; ++i) {
    strict.login({"user" + std::to_string(i) + "@x.test", "wrong-password-xx", {}, {}}, meta_).status();
  }
  EXPECT_EQ(strict.login({"owner@acme.test", std::string(kOwnerPassword), {}, {}}, meta_).status().code(),
            StatusCode::kResourceExhausted);
}

TEST_P(AuthenticatorTest, SessionIdleAndAbsoluteExpiry) {
  Result<IssuedSession> s = login("owner@acme.test");
  ASSERT_TRUE(s.ok());
  clock_.advance_seconds(29 * 60);
  EXPECT_TRUE(auth_->authenticate_session(s->token, std::nullopt, false).ok());
  clock_.advance_seconds(29 * 60);  // active again 29 minutes later: last_seen moved
  EXPECT_TRUE(auth_->authenticate_session(s->token, std::nullopt, false).ok());
  clock_.advance_seconds(31 * 60);  // idle over 30 minutes
  EXPECT_EQ(auth_->authenticate_session(s->token, std::nullopt, false).status().code(), StatusCode::kUnauthenticated);

  Result<IssuedSession> busy = login("owner@acme.test");
  ASSERT_TRUE(busy.ok());
  for (int i = 0; i < 12 * 4 - 1; ++i) {  // active every 15 minutes for just under 12 hours
    clock_.advance_seconds(15 * 60);
    ASSERT_TRUE(auth_->authenticate_session(busy->token, std::nullopt, false).ok()) << i;
  }
  clock_.advance_seconds(15 * 60);
  EXPECT_FALSE(auth_->authenticate_session(busy->token, std::nullopt, false).ok()) << "absolute 12 h";
}

TEST_P(AuthenticatorTest, CsrfTokenIsBoundToTheSession) {
  Result<IssuedSession> a = login("owner@acme.test");
  Result<IssuedSession> b = login("owner@acme.test");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(a->token, b->token) << "a fresh token per login";
  EXPECT_TRUE(auth_->authenticate_session(a->token, a->csrf_token, true)->csrf_verified);
  EXPECT_FALSE(auth_->authenticate_session(a->token, b->csrf_token, true)->csrf_verified);
  EXPECT_FALSE(auth_->authenticate_session(a->token, std::nullopt, true)->csrf_verified);
  EXPECT_FALSE(auth_->authenticate_session(a->token, "", true)->csrf_verified);
}

TEST_P(AuthenticatorTest, GarbageTokensAreRefused) {
  for (std::string_view t : {"", "x", "' OR 1=1 --", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}) {
    EXPECT_EQ(auth_->authenticate_session(t, std::nullopt, false).status().code(), StatusCode::kUnauthenticated);
    EXPECT_EQ(auth_->authenticate_api_key(t).status().code(), StatusCode::kUnauthenticated);
  }
}

TEST_P(AuthenticatorTest, LogoutAndRevokeEndSessions) {
  Result<IssuedSession> s = login("owner@acme.test");
  Result<IssuedSession> other = login("owner@acme.test");
  SessionService sessions(*ctx_);
  const OrgScope scope = user_scope(org_, owner_.to_string(), "owner");
  Result<std::vector<SessionInfo>> list = sessions.list(scope, s->session_id);
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(list->size(), 2u);
  ASSERT_TRUE(sessions.revoke(scope, other->session_id, meta_).ok());
  EXPECT_FALSE(auth_->authenticate_session(other->token, std::nullopt, false).ok());
  EXPECT_EQ(sessions.revoke(scope, other->session_id, meta_).code(), StatusCode::kNotFound);
  ASSERT_TRUE(sessions.logout(scope, s->session_id, meta_).ok());
  EXPECT_FALSE(auth_->authenticate_session(s->token, std::nullopt, false).ok());
}

TEST_P(AuthenticatorTest, AnotherOrgsSessionIsNotFound) {
  Result<IssuedSession> s = login("owner@acme.test");
  const OrgId other = create_org("other");
  const std::string stranger = add_user(other, "x@other.test", "owner");
  SessionService sessions(*ctx_);
  EXPECT_EQ(sessions.revoke(user_scope(other, stranger, "owner"), s->session_id, meta_).code(), StatusCode::kNotFound);
  EXPECT_TRUE(auth_->authenticate_session(s->token, std::nullopt, false).ok());
}

TEST_P(AuthenticatorTest, ApiKeyAuthenticatesWithItsRoleAndExpires) {
  ApiKeyService keys(*ctx_);
  const OrgScope scope = user_scope(org_, owner_.to_string(), "owner");
  Result<CreatedApiKey> k =
      keys.create(scope, {"ci", "", Role::kAnalyst, Timestamp{clock_.now().micros + 3600LL * 1000000}}, meta_);
  ASSERT_TRUE(k.ok()) << k.status().to_string();
  EXPECT_EQ(k->key.rfind("fgk_", 0), 0u);
  Result<AuthenticatedPrincipal> p = auth_->authenticate_api_key(k->key);
  ASSERT_TRUE(p.ok()) << p.status().to_string();
  EXPECT_EQ(p->scope.actor().role, "analyst");
  EXPECT_EQ(p->scope.actor().kind, Actor::Kind::kApiKey);
  EXPECT_EQ(count("SELECT count(*) FROM users WHERE 1 = 0"), 0);
  Result<std::vector<ApiKeyInfo>> list = keys.list(scope, true);
  ASSERT_EQ(list->size(), 1u);
  EXPECT_TRUE(list->front().last_used_at.has_value());
  clock_.advance_seconds(3601);
  EXPECT_FALSE(auth_->authenticate_api_key(k->key).ok()) << "expired";
}

// Issue 20 item 7: API keys survived a password reset, so whoever had minted one with the old password
// kept access. A completed reset or a password change revokes the user's keys in every org.
TEST_P(AuthenticatorTest, ApiKeysDieWithAPasswordResetOrChangeInEveryOrg) {
  ApiKeyService keys(*ctx_);
  const std::string member = add_user(org_, "m@acme.test", "member");
  const OrgId other = create_org("other");
  add_member(other, member, "member");
  const OrgScope here = user_scope(org_, member, "member"), there = user_scope(other, member, "member");
  Result<CreatedApiKey> k1 = keys.create(here, {"ci", "", Role::kViewer, std::nullopt}, meta_);
  Result<CreatedApiKey> k2 = keys.create(there, {"ci", "", Role::kViewer, std::nullopt}, meta_);
  Result<CreatedApiKey> owners =
      keys.create(user_scope(org_, owner_.to_string(), "owner"), {"ci", "", Role::kViewer, std::nullopt}, meta_);
  ASSERT_TRUE(k1.ok() && k2.ok() && owners.ok());
  ASSERT_TRUE(auth_->authenticate_api_key(k1->key).ok());

  Result<std::string> token = issue_password_reset_in_org(
      *ctx_, testing::ScopeForTest::org(org_, {Actor::Kind::kOperator, "os:test", "operator"}), "m@acme.test");
  ASSERT_TRUE(token.ok()) << token.status().to_string();
  ASSERT_TRUE(auth_->complete_password_reset(*token, "a-reset-passphrase-for-m", meta_).ok());
  EXPECT_FALSE(auth_->authenticate_api_key(k1->key).ok());
  EXPECT_FALSE(auth_->authenticate_api_key(k2->key).ok()) << "in the other org too";
  EXPECT_TRUE(auth_->authenticate_api_key(owners->key).ok()) << "nobody else's";
  EXPECT_EQ(count("SELECT count(*) FROM platform_audit_events WHERE action = 'api_key.revoked' AND context LIKE "
                  "'%password_reset%'"),
            2);

  AccountService account(*ctx_);
  Result<CreatedApiKey> k3 = keys.create(here, {"ci", "", Role::kViewer, std::nullopt}, meta_);
  ASSERT_TRUE(k3.ok());
  ASSERT_TRUE(auth_->authenticate_api_key(k3->key).ok());
  ASSERT_TRUE(account.change_password(here, "", "a-reset-passphrase-for-m", "a-changed-passphrase-for-m", meta_).ok());
  EXPECT_FALSE(auth_->authenticate_api_key(k3->key).ok());
}

// Issue 20 item 7: require_mfa did not apply to API keys. A key of a creator without MFA acts with no
// role in an org that requires it (as their sessions do), and regains it once they enroll.
TEST_P(AuthenticatorTest, RequireMfaAppliesToApiKeysOfUnenrolledCreators) {
  ApiKeyService keys(*ctx_);
  const std::string member = add_user(org_, "m@acme.test", "member");
  Result<CreatedApiKey> k = keys.create(user_scope(org_, member, "member"), {"ci", "", Role::kViewer, {}}, meta_);
  ASSERT_TRUE(k.ok());
  EXPECT_EQ(auth_->authenticate_api_key(k->key)->scope.actor().role, "viewer");
  auto exec = [&](const std::string& sql, const std::vector<store::SqlValue>& params) {
    Result<store::SystemTransaction> tx = db_->begin_system();
    ASSERT_TRUE(tx.ok());
    ASSERT_TRUE(tx->exec(sql, params).ok()) << sql;
    ASSERT_TRUE(tx->commit().ok());
  };
  {
    Result<store::OrgTransaction> tx = db_->begin(testing::ScopeForTest::org(org_));
    ASSERT_TRUE(tx->exec("UPDATE orgs SET require_mfa = 1 WHERE id = $1", {org_}).ok());
    ASSERT_TRUE(tx->commit().ok());
  }
  Result<AuthenticatedPrincipal> p = auth_->authenticate_api_key(k->key);
  ASSERT_TRUE(p.ok()) << p.status().to_string();
  EXPECT_EQ(p->scope.actor().role, "") << "no role until the creator enrolls";
  exec("UPDATE users SET mfa_enabled = 1 WHERE id = $1", {member});
  EXPECT_EQ(auth_->authenticate_api_key(k->key)->scope.actor().role, "viewer");
}

// Issue 20 (low): an Administrator revoked an Owner's API keys.
TEST_P(AuthenticatorTest, OnlyMembersRankedAtLeastTheCreatorRevokeTheirKeys) {
  ApiKeyService keys(*ctx_);
  const std::string admin = add_user(org_, "a@acme.test", "administrator");
  const OrgScope owner = user_scope(org_, owner_.to_string(), "owner");
  const OrgScope administrator = user_scope(org_, admin, "administrator");
  Result<CreatedApiKey> owners = keys.create(owner, {"ci", "", Role::kViewer, {}}, meta_);
  Result<CreatedApiKey> admins = keys.create(administrator, {"ci", "", Role::kViewer, {}}, meta_);
  ASSERT_TRUE(owners.ok() && admins.ok());
  EXPECT_EQ(keys.revoke(administrator, owners->info.id, true, meta_).code(), StatusCode::kPermissionDenied);
  EXPECT_TRUE(auth_->authenticate_api_key(owners->key).ok());
  EXPECT_TRUE(keys.revoke(owner, admins->info.id, true, meta_).ok());
  EXPECT_TRUE(keys.revoke(owner, owners->info.id, true, meta_).ok());
}

// Note 6: last_used_at is written once per interval, but revocation still holds from the next request.
TEST_P(AuthenticatorTest, ApiKeyUsageIsWrittenOncePerIntervalAndRevocationIsImmediate) {
  ApiKeyService keys(*ctx_);
  const OrgScope scope = user_scope(org_, owner_.to_string(), "owner");
  Result<CreatedApiKey> k = keys.create(scope, {"ci", "", Role::kViewer, std::nullopt}, meta_);
  ASSERT_TRUE(k.ok()) << k.status().to_string();
  auto last_used = [&] { return keys.list(scope, true)->front().last_used_at.value_or(Timestamp{0}).micros; };
  ASSERT_TRUE(auth_->authenticate_api_key(k->key).ok());
  const std::int64_t first = last_used();
  EXPECT_EQ(first, clock_.now().micros);
  clock_.advance_seconds(ctx_->settings.last_seen_write_seconds - 1);
  ASSERT_TRUE(auth_->authenticate_api_key(k->key).ok());
  EXPECT_EQ(last_used(), first) << "within the interval: no write";
  clock_.advance_seconds(1);
  ASSERT_TRUE(auth_->authenticate_api_key(k->key).ok());
  EXPECT_EQ(last_used(), clock_.now().micros);
  ASSERT_TRUE(keys.revoke(scope, k->info.id, true, meta_).ok());
  EXPECT_EQ(auth_->authenticate_api_key(k->key).status().code(), StatusCode::kUnauthenticated);
}

TEST_P(AuthenticatorTest, ApiKeyRoleCannotExceedItsCreator) {
  const std::string analyst = add_user(org_, "analyst@acme.test", "analyst");
  ApiKeyService keys(*ctx_);
  EXPECT_EQ(
      keys.create(user_scope(org_, analyst, "analyst"), {"k", "", Role::kAdministrator, {}}, meta_).status().code(),
      StatusCode::kPermissionDenied);
  EXPECT_EQ(keys.create(user_scope(org_, analyst, "analyst"), {"k", "", Role::kViewer, {clock_.now()}}, meta_)
                .status()
                .field(),
            "expires_at");
}

TEST_P(AuthenticatorTest, RevokedKeyStopsWorking) {
  ApiKeyService keys(*ctx_);
  const OrgScope scope = user_scope(org_, owner_.to_string(), "owner");
  Result<CreatedApiKey> k = keys.create(scope, {"ci", "", Role::kViewer, {}}, meta_);
  ASSERT_TRUE(k.ok());
  const OrgId other = create_org("other");
  const std::string stranger = add_user(other, "x@other.test", "owner");
  EXPECT_EQ(keys.revoke(user_scope(other, stranger, "owner"), k->info.id, true, meta_).code(), StatusCode::kNotFound);
  ASSERT_TRUE(keys.revoke(scope, k->info.id, false, meta_).ok());
  EXPECT_FALSE(auth_->authenticate_api_key(k->key).ok());
}

TEST_P(AuthenticatorTest, TotpLoginEndToEnd) {
  AccountService account(*ctx_);
  const OrgScope scope = user_scope(org_, owner_.to_string(), "owner");
  Result<TotpEnrollment> e = account.enroll_totp(scope);
  ASSERT_TRUE(e.ok()) << e.status().to_string();
  EXPECT_EQ(e->otpauth_uri.rfind("otpauth://totp/", 0), 0u);
  Result<crypto::Bytes> secret = crypto::base32_decode(e->secret_base32);
  ASSERT_TRUE(secret.ok());
  EXPECT_EQ(account.confirm_totp(scope, "000000", meta_).status().field(), "code");
  Result<std::vector<std::string>> codes = account.confirm_totp(scope, crypto::totp_code(*secret, clock_.now()), meta_);
  ASSERT_TRUE(codes.ok()) << codes.status().to_string();
  EXPECT_EQ(codes->size(), 10u);
  // The secret is stored sealed, never in the clear.
  EXPECT_EQ(count("SELECT count(*) FROM users WHERE totp_secret_sealed IS NOT NULL"), 1);

  Result<IssuedSession> no_code = login("owner@acme.test");
  EXPECT_EQ(no_code.status().message(), "totp_code required");
  clock_.advance_seconds(60);
  const std::string code = crypto::totp_code(*secret, clock_.now());
  EXPECT_TRUE(login("owner@acme.test", std::string(kOwnerPassword), code).ok());
  EXPECT_FALSE(login("owner@acme.test", std::string(kOwnerPassword), code).ok()) << "a code is good once";
  EXPECT_FALSE(login("owner@acme.test", "wrong-password-xx", crypto::totp_code(*secret, clock_.now())).ok());
  EXPECT_TRUE(login("owner@acme.test", std::string(kOwnerPassword), codes->front()).ok()) << "recovery code";
  EXPECT_FALSE(login("owner@acme.test", std::string(kOwnerPassword), codes->front()).ok()) << "single use";
}

TEST_P(AuthenticatorTest, PasswordChangeKillsOtherSessions) {
  Result<IssuedSession> current = login("owner@acme.test");
  Result<IssuedSession> other = login("owner@acme.test");
  AccountService account(*ctx_);
  const OrgScope scope = user_scope(org_, owner_.to_string(), "owner");
  EXPECT_EQ(account.change_password(scope, current->session_id, "wrong-current-pw", "a-brand-new-passphrase-9", meta_)
                .field(),
            "current_password");
  EXPECT_EQ(account.change_password(scope, current->session_id, std::string(kOwnerPassword), "short", meta_).field(),
            "new_password");
  ASSERT_TRUE(
      account
          .change_password(scope, current->session_id, std::string(kOwnerPassword), "a-brand-new-passphrase-9", meta_)
          .ok());
  EXPECT_TRUE(auth_->authenticate_session(current->token, std::nullopt, false).ok());
  EXPECT_FALSE(auth_->authenticate_session(other->token, std::nullopt, false).ok());
  EXPECT_FALSE(login("owner@acme.test").ok());
  EXPECT_TRUE(login("owner@acme.test", "a-brand-new-passphrase-9").ok());
}

INSTANTIATE_TEST_SUITE_P(Backends, AuthenticatorTest,
                         ::testing::Values(store::Dialect::kSqlite, store::Dialect::kPostgres), store::backend_name);

}  // namespace
}  // namespace fg::identity
