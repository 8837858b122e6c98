// The identity test fixture: the store fixture (SQLite and PostgreSQL) plus a ManualClock, a cheap
// password hasher, a random TOTP key, an org with an Owner, and helpers to add members and sign in.
#pragma once

#include <memory>
#include <string>

#include "audit/audit_log.hpp"
#include "crypto/password.hpp"
#include "identity/authenticator.hpp"
#include "identity/org_service.hpp"
#include "support/store_fixture.hpp"

namespace fg::identity {

inline constexpr std::string_view kOwnerPassword = "correct-horse-battery-staple-7";

class IdentityTest : public store::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ctx_ = std::make_unique<IdentityContext>(IdentityContext{*db_, audit_, clock_, hasher_, key_, {}});
    ctx_->settings.login_failures_per_ip_per_minute = 1000;
    ctx_->settings.login_failures_per_account_per_minute = 1000;
    auth_ = std::make_unique<Authenticator>(*ctx_);
    Result<CreatedOrg> org = create_org_with_owner(
        *ctx_, testing::ScopeForTest::org(OrgId::random(), {Actor::Kind::kOperator, "os:test", "operator"}),
        {"Acme Corp", "owner@acme.test", std::string(kOwnerPassword), "Owner"});
    ASSERT_TRUE(org.ok()) << org.status().to_string();
    org_ = org->org_id;
    owner_ = org->owner_id;
  }

  //! Adds a user with `role` to `org` directly (as the operator would: its email counts as verified)
  //! and returns the id.
  std::string add_user(const OrgId& org, const std::string& email, const std::string& role,
                       const std::string& password = std::string(kOwnerPassword)) {
    const std::string id = Uuid::random().to_string();
    Result<std::string> hash = hasher_.hash(password);
    Result<store::SystemTransaction> tx = db_->begin_system();
    EXPECT_TRUE(tx->exec("INSERT INTO users (id, email, password_hash, created_at, updated_at, email_verified_at) "
                         "VALUES ($1, $2, $3, $4, $4, $4)",
                         {id, email, *hash, clock_.now().micros})
                    .ok());
    EXPECT_TRUE(tx->commit().ok());
    add_member(org, id, role);
    return id;
  }

  Result<IssuedSession> login(const std::string& email, const std::string& password = std::string(kOwnerPassword),
                              std::optional<std::string> totp = std::nullopt) {
    return auth_->login({email, password, std::move(totp), std::nullopt}, meta_);
  }

  //! The scope of a user as the authenticator would build it (tests only).
  OrgScope user_scope(const OrgId& org, const std::string& user, const std::string& role) {
    return testing::ScopeForTest::org(org, {Actor::Kind::kUser, user, role});
  }

  std::int64_t count(const std::string& sql, const std::vector<store::SqlValue>& params = {}) {
    Result<store::SystemTransaction> tx = db_->begin_system(store::TxMode::kRead);
    Result<store::RowSet> rs = tx->query(sql, params);
    EXPECT_TRUE(rs.ok()) << rs.status().to_string();
    return rs.ok() ? rs->int64(0, 0) : -1;
  }

  //! A count inside one org's scope (RLS applies on PostgreSQL).
  std::int64_t org_count(const OrgId& org, const std::string& sql, const std::vector<store::SqlValue>& params = {}) {
    Result<store::OrgTransaction> tx = db_->begin(testing::ScopeForTest::org(org), store::TxMode::kRead);
    Result<store::RowSet> rs = tx->query(sql, params);
    EXPECT_TRUE(rs.ok()) << rs.status().to_string();
    return rs.ok() ? rs->int64(0, 0) : -1;
  }

  ManualClock clock_{Timestamp::from_seconds(1'750'000'000)};
  crypto::PasswordHasher hasher_{crypto::PasswordHasherOptions{{1, 8192}, 4, std::chrono::milliseconds(2000)}};
  TotpKey key_ = TotpKey::random_for_test();
  audit::AuditLog audit_{clock_};
  std::unique_ptr<IdentityContext> ctx_;
  std::unique_ptr<Authenticator> auth_;
  audit::Origin meta_{.request_id = "req-1", .source_ip = "192.0.2.10", .user_agent = "test-agent"};
  OrgId org_;
  UserId owner_;
};

}  // namespace fg::identity
