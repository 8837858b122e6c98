// An org is created with its default schedules in one transaction, on both backends (issue 21: the CLI
// bootstrap added them after the org had committed, so a failure in between left an org without them
// that `--if-absent` then skipped as "already bootstrapped").
#include "app/org_provisioning.hpp"

#include <set>

#include "audit/audit_log.hpp"
#include "audit/chain_verifier.hpp"
#include "crypto/password.hpp"
#include "jobs/schedule_store.hpp"
#include "support/store_fixture.hpp"

namespace fg::app {
namespace {

class OrgProvisioningTest : public store::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ctx_ =
        std::make_unique<identity::IdentityContext>(identity::IdentityContext{*db_, audit_, clock_, hasher_, key_, {}});
  }

  OrgScope operator_scope(const OrgId& org) {
    return testing::ScopeForTest::org(org, {Actor::Kind::kOperator, "os:test", "operator"});
  }

  //! users is platform-wide: read by a system transaction.
  std::int64_t users_with_email(const std::string& email) {
    Result<store::SystemTransaction> tx = db_->begin_system(store::TxMode::kRead);
    Result<store::RowSet> rs = tx->query("SELECT count(*) FROM users WHERE email = $1", {email});
    EXPECT_TRUE(rs.ok()) << rs.status().to_string();
    return rs.ok() ? rs->int64(0, 0) : -1;
  }

  //! Counted inside the org's own scope (PostgreSQL's RLS shows it its rows), with an explicit filter
  //! on `column` for SQLite, which has no RLS.
  std::int64_t org_count(const OrgId& org, const std::string& table, const std::string& where = "1 = 1",
                         const std::string& column = "org_id") {
    Result<store::OrgTransaction> tx = db_->begin(testing::ScopeForTest::org(org), store::TxMode::kRead);
    Result<store::RowSet> rs =
        tx->query("SELECT count(*) FROM " + table + " WHERE " + column + " = $1 AND " + where, {org});
    EXPECT_TRUE(rs.ok()) << rs.status().to_string();
    return rs.ok() ? rs->int64(0, 0) : -1;
  }

  bool chain_intact(const OrgId& org) {
    Result<store::OrgTransaction> tx = db_->begin(testing::ScopeForTest::org(org), store::TxMode::kRead);
    Result<audit::ChainReport> report = audit::verify_org_chain(*tx);
    return report.ok() && report->ok() && report->count > 0;
  }

  ManualClock clock_{Timestamp::from_seconds(1'750'000'000)};
  crypto::PasswordHasher hasher_{crypto::PasswordHasherOptions{{1, 8192}, 4, std::chrono::milliseconds(2000)}};
  identity::TotpKey key_ = identity::TotpKey::random_for_test();
  audit::AuditLog audit_{clock_};
  std::unique_ptr<identity::IdentityContext> ctx_;
};

const identity::NewOrgWithOwner kAcme{"Acme Corp", "owner@acme.test", "correct-horse-battery-staple-7", "Owner"};

TEST_P(OrgProvisioningTest, ANewOrgHasEveryDefaultScheduleWithItsAuditEntry) {
  const OrgId id = OrgId::random();
  Result<identity::CreatedOrg> created = provision_org(*ctx_, operator_scope(id), kAcme);
  ASSERT_TRUE(created.ok()) << created.status().to_string();

  jobs::ScheduleStore schedules(*db_, audit_, {}, clock_);
  Result<std::vector<jobs::Schedule>> listed = schedules.list(operator_scope(id));
  ASSERT_TRUE(listed.ok()) << listed.status().to_string();
  std::set<std::string> names;
  for (const jobs::Schedule& s : *listed) {
    names.insert(s.name);
    EXPECT_TRUE(s.enabled) << s.name;
    EXPECT_GT(s.next_run_at.micros, clock_.now().micros) << s.name;
  }
  std::set<std::string> expected;
  for (const jobs::ScheduleSpec& spec : jobs::default_org_schedules()) expected.insert(spec.name);
  EXPECT_EQ(names, expected);
  EXPECT_EQ(expected, (std::set<std::string>{"audit-checkpoint-daily", "uploads-cleanup-daily"}));
  EXPECT_EQ(org_count(id, "audit_events", "action = 'schedule.created'"), static_cast<std::int64_t>(expected.size()));
  EXPECT_EQ(org_count(id, "audit_events", "action = 'org.created'"), 1);
  EXPECT_TRUE(chain_intact(id)) << "the org's entries and its schedules' form one intact chain";
}

TEST_P(OrgProvisioningTest, AFailureAfterTheOrgRowLeavesNoOrgNoOwnerAndNoSchedule) {
  const OrgId id = OrgId::random();
  const auto refuse = [](store::OrgTransaction&) -> Status {
    return internal_error("planted failure after the default schedules");
  };
  Result<identity::CreatedOrg> created = provision_org(*ctx_, operator_scope(id), kAcme, refuse);
  ASSERT_FALSE(created.ok());
  EXPECT_EQ(created.status().message(), "planted failure after the default schedules");
  EXPECT_EQ(org_count(id, "orgs", "1 = 1", "id"), 0);
  EXPECT_EQ(users_with_email("owner@acme.test"), 0);
  EXPECT_EQ(org_count(id, "schedules"), 0);
  EXPECT_EQ(org_count(id, "audit_events"), 0);

  // So a second attempt (bootstrap --if-absent after the failure) creates all of it, not "already there".
  Result<identity::CreatedOrg> again = provision_org(*ctx_, operator_scope(id), kAcme);
  ASSERT_TRUE(again.ok()) << again.status().to_string();
  EXPECT_EQ(org_count(id, "schedules"), static_cast<std::int64_t>(jobs::default_org_schedules().size()));
}

TEST_P(OrgProvisioningTest, ASecondOrgOfTheSameNameIsAConflictThatAddsNoSchedule) {
  const OrgId first = OrgId::random();
  ASSERT_TRUE(provision_org(*ctx_, operator_scope(first), kAcme).ok());
  const OrgId second = OrgId::random();
  Result<identity::CreatedOrg> dup =
      provision_org(*ctx_, operator_scope(second), {"Acme Corp", "other@acme.test", "another-long-passphrase-9", ""});
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.status().code(), StatusCode::kConflict);
  EXPECT_EQ(org_count(second, "schedules"), 0);
  EXPECT_EQ(org_count(second, "orgs", "1 = 1", "id"), 0);
  EXPECT_EQ(org_count(first, "schedules"), static_cast<std::int64_t>(jobs::default_org_schedules().size()));
}

INSTANTIATE_TEST_SUITE_P(Backends, OrgProvisioningTest,
                         ::testing::Values(store::Dialect::kSqlite, store::Dialect::kPostgres), store::backend_name);

}  // namespace
}  // namespace fg::app
