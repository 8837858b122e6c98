#include "store/database.hpp"

#include <atomic>
#include <set>
#include <thread>

#include "support/store_fixture.hpp"

namespace fg::store {
namespace {

TEST_P(StoreTest, WritesAndReadsTenantRowsInScope) {
  const OrgId org = create_org("acme");
  const std::string user = create_user("a@acme.test");
  add_member(org, user, "owner");
  Result<OrgTransaction> tx = db_->begin(scope_for(org), TxMode::kRead);
  ASSERT_TRUE(tx.ok());
  Result<RowSet> rs = tx->query("SELECT user_id, role FROM memberships WHERE org_id = $1", {tx->org_id()});
  ASSERT_TRUE(rs.ok()) << rs.status().to_string();
  ASSERT_EQ(rs->size(), 1u);
  EXPECT_EQ(rs->text(0, 0), user);
  EXPECT_EQ(rs->text(0, 1), "owner");
}

TEST_P(StoreTest, UncommittedTransactionRollsBack) {
  const OrgId org = create_org("acme");
  const std::string user = create_user("a@acme.test");
  {
    Result<OrgTransaction> tx = db_->begin(scope_for(org));
    ASSERT_TRUE(tx.ok());
    ASSERT_TRUE(tx->exec("INSERT INTO memberships (org_id, user_id, role, created_at) VALUES ($1, $2, 'viewer', 1)",
                         {org, user})
                    .ok());
  }
  Result<OrgTransaction> tx = db_->begin(scope_for(org), TxMode::kRead);
  ASSERT_TRUE(tx.ok());
  EXPECT_TRUE(tx->query("SELECT 1 FROM memberships WHERE org_id = $1", {org})->empty());
}

TEST_P(StoreTest, FailedStatementPreventsCommit) {
  const OrgId org = create_org("acme");
  const std::string user = create_user("a@acme.test");
  Result<OrgTransaction> tx = db_->begin(scope_for(org));
  ASSERT_TRUE(tx.ok());
  ASSERT_TRUE(
      tx->exec("INSERT INTO memberships (org_id, user_id, role, created_at) VALUES ($1, $2, 'viewer', 1)", {org, user})
          .ok());
  Result<std::int64_t> bad = tx->exec(
      "INSERT INTO memberships (org_id, user_id, role, created_at) VALUES ($1, $2, 'emperor', 1)", {org, user});
  EXPECT_FALSE(bad.ok());
  Status committed = tx->commit();
  EXPECT_FALSE(committed.ok());
  Result<OrgTransaction> check = db_->begin(scope_for(org), TxMode::kRead);
  EXPECT_TRUE(check->query("SELECT 1 FROM memberships WHERE org_id = $1", {org})->empty());
}

TEST_P(StoreTest, MapsConstraintViolationsToCanonicalCodes) {
  create_org("acme");
  const OrgId other = OrgId::random();
  Result<OrgTransaction> tx = db_->begin(scope_for(other));
  ASSERT_TRUE(tx.ok());
  Result<std::int64_t> dup =
      tx->exec("INSERT INTO orgs (id, slug, name, created_at) VALUES ($1, 'acme', 'Other', 1)", {other});
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.status().code(), StatusCode::kConflict);
  // The engine's own text (table and constraint names) stays in the log.
  EXPECT_EQ(dup.status().message().find("orgs"), std::string::npos);
}

TEST_P(StoreTest, BindsEveryValueKind) {
  Result<SystemTransaction> tx = db_->begin_system(TxMode::kRead);
  ASSERT_TRUE(tx.ok());
  const std::string tricky = "x'); DROP TABLE users; --";
  Result<RowSet> rs = tx->query("SELECT $1, $2, $3", {std::int64_t{-42}, tricky, SqlValue()});
  ASSERT_TRUE(rs.ok()) << rs.status().to_string();
  EXPECT_EQ(rs->int64(0, 0), -42);
  EXPECT_EQ(rs->text(0, 1), tricky);
  EXPECT_TRUE(rs->is_null(0, 2));
}

TEST_P(StoreTest, PrivilegedLookupsCrossOrgsOnlyAsDocumented) {
  const OrgId a = create_org("alpha");
  const OrgId b = create_org("beta");
  const std::string user = create_user("u@x.test");
  add_member(a, user, "analyst");
  add_member(b, user, "viewer");
  Result<SystemTransaction> tx = db_->begin_system(TxMode::kRead);
  ASSERT_TRUE(tx.ok());
  Result<RowSet> ms = tx->call(PrivilegedCall::kUserMemberships, {user});
  ASSERT_TRUE(ms.ok()) << ms.status().to_string();
  ASSERT_EQ(ms->size(), 2u);
  EXPECT_EQ(ms->text(0, 2), "alpha");
  EXPECT_EQ(ms->text(0, 1), "analyst");
  EXPECT_EQ(ms->text(1, 2), "beta");
  for (const std::string& key : {std::string("beta"), std::string("beta Inc"), b.to_string()}) {
    Result<RowSet> org = tx->call(PrivilegedCall::kOrgBySlugOrName, {key});
    ASSERT_TRUE(org.ok()) << org.status().to_string();
    ASSERT_EQ(org->size(), 1u) << key;
    EXPECT_EQ(org->text(0, 0), b.to_string());
  }
  EXPECT_TRUE(tx->call(PrivilegedCall::kOrgBySlugOrName, {"gamma"})->empty());
}

// Callers read these rows by store::columns names (issue 21), so each call must return exactly the
// columns its enum names, on both backends.
TEST_P(StoreTest, EachPrivilegedCallReturnsTheColumnsItsEnumNames) {
  const OrgId a = create_org("alpha");
  const std::string user = create_user("u@x.test");
  add_member(a, user, "analyst");
  namespace c = store::columns;
  const struct {
    PrivilegedCall call;
    std::vector<SqlValue> args;
    std::size_t columns;
  } calls[] = {
      {PrivilegedCall::kUserMemberships, {user}, c::UserMemberships::kName + 1},
      {PrivilegedCall::kOrgBySlugOrName, {"alpha"}, c::OrgBySlugOrName::kName + 1},
      {PrivilegedCall::kPlatformOrgSummary, {}, c::PlatformOrgSummary::kMemberCount + 1},
      {PrivilegedCall::kDueSchedules, {now(), 10}, c::DueSchedules::kNextRunAt + 1},
      {PrivilegedCall::kJobQueueDepth, {}, c::JobQueueDepth::kCount + 1},
      {PrivilegedCall::kSecretKeyUsage, {"k"}, c::SecretKeyUsage::kCount + 1},
      {PrivilegedCall::kOrgsNeedingRewrap, {"k"}, c::OrgsNeedingRewrap::kOrgId + 1},
      {PrivilegedCall::kSessionLookup, {"no-such-hash"}, c::SessionLookup::kMfaEnabled + 1},
      {PrivilegedCall::kApiKeyLookup, {"no-such-key"}, c::ApiKeyLookup::kCreatorMfaEnabled + 1},
      {PrivilegedCall::kInvitationLookup, {"no-such-hash"}, c::InvitationLookup::kExpiresAt + 1},
      {PrivilegedCall::kUserOrgPolicies, {user}, c::UserOrgPolicies::kRequireMfa + 1},
      {PrivilegedCall::kReapExpiredJobs, {now()}, c::ReapExpiredJobs::kStatus + 1},
      {PrivilegedCall::kRevokeUserSessions, {user, Null{}, now()}, c::RevokeUserSessions::kRevoked + 1},
      {PrivilegedCall::kRevokeUserApiKeys, {user, now()}, c::RevokeUserApiKeys::kOrgId + 1},
  };
  for (const auto& k : calls) {
    Result<SystemTransaction> tx = db_->begin_system();
    ASSERT_TRUE(tx.ok());
    Result<RowSet> rs = tx->call(k.call, k.args);
    ASSERT_TRUE(rs.ok()) << static_cast<int>(k.call) << ": " << rs.status().to_string();
    EXPECT_EQ(rs->columns().size(), k.columns) << "call " << static_cast<int>(k.call);
    tx->rollback();
  }
  Result<SystemTransaction> tx = db_->begin_system(TxMode::kRead);
  Result<RowSet> ms = tx->call(PrivilegedCall::kUserMemberships, {user});
  ASSERT_EQ(ms->size(), 1u);
  EXPECT_EQ(ms->text(0, c::UserMemberships::kSlug), "alpha");
  EXPECT_EQ(ms->text(0, c::UserMemberships::kRole), "analyst");
  EXPECT_EQ(ms->text(0, c::UserMemberships::kOrgId), a.to_string());
}

TEST_P(StoreTest, PlatformReadIsReadOnly) {
  create_org("alpha");
  create_org("beta");
  Result<PlatformReadTransaction> tx = db_->begin_platform_read(testing::ScopeForTest::platform());
  ASSERT_TRUE(tx.ok());
  Result<RowSet> summary = tx->call(PrivilegedCall::kPlatformOrgSummary, {});
  ASSERT_TRUE(summary.ok()) << summary.status().to_string();
  EXPECT_EQ(summary->size(), 2u);
  Result<RowSet> claim = tx->call(PrivilegedCall::kClaimJob, {"noop", "w", now(), now()});
  ASSERT_FALSE(claim.ok());
  EXPECT_EQ(claim.status().code(), StatusCode::kPermissionDenied);
}

// A job row for the claim tests.
void enqueue(Database& db, const OrgScope& scope, const std::string& kind, std::int64_t run_after) {
  Result<OrgTransaction> tx = db.begin(scope);
  ASSERT_TRUE(tx.ok());
  ASSERT_TRUE(tx->exec("INSERT INTO jobs (id, org_id, kind, status, run_after, created_at) "
                       "VALUES ($1, $2, $3, 'queued', $4, $4)",
                       {Uuid::random(), scope.org_id(), kind, run_after})
                  .ok());
  ASSERT_TRUE(tx->commit().ok());
}

TEST_P(StoreTest, ClaimsReadyJobsAcrossOrgsInOrder) {
  const OrgId a = create_org("alpha");
  const OrgId b = create_org("beta");
  enqueue(*db_, scope_for(a), "ingest", 100);
  enqueue(*db_, scope_for(b), "ingest", 50);
  enqueue(*db_, scope_for(b), "report", 10);
  enqueue(*db_, scope_for(a), "ingest", now() + 3600LL * 1000000);  // not ready yet
  std::vector<std::string> orgs;
  for (int i = 0; i < 3; ++i) {
    Result<SystemTransaction> tx = db_->begin_system();
    ASSERT_TRUE(tx.ok());
    Result<RowSet> job = tx->call(PrivilegedCall::kClaimJob, {"ingest,scan", "worker-1", now(), now() + 30000000});
    ASSERT_TRUE(job.ok()) << job.status().to_string();
    ASSERT_TRUE(tx->commit().ok());
    if (job->empty()) break;
    EXPECT_EQ(job->text(0, 6), "running");
    EXPECT_EQ(job->int64(0, 7), 1);  // attempts
    orgs.push_back(job->text(0, 1));
  }
  EXPECT_EQ(orgs, (std::vector<std::string>{b.to_string(), a.to_string()}));
}

TEST_P(StoreTest, ConcurrentClaimsNeverShareAJob) {
  const OrgId a = create_org("alpha");
  constexpr int kJobs = 120;
  for (int i = 0; i < kJobs; ++i) enqueue(*db_, scope_for(a), "noop", i);
  std::mutex mu;
  std::multiset<std::string> claimed;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (;;) {
        Result<SystemTransaction> tx = db_->begin_system();
        if (!tx.ok()) continue;  // pool busy: retry
        Result<RowSet> job =
            tx->call(PrivilegedCall::kClaimJob, {"noop", "w" + std::to_string(t), now(), now() + 1000});
        if (!job.ok() || !tx->commit().ok()) continue;  // serialization failure: retry
        if (job->empty()) return;
        std::lock_guard lock(mu);
        claimed.insert(job->text(0, 0));
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(claimed.size(), static_cast<std::size_t>(kJobs));
  EXPECT_EQ(std::set<std::string>(claimed.begin(), claimed.end()).size(), static_cast<std::size_t>(kJobs));
}

TEST_P(StoreTest, PendingUniqueKeyRefusesDuplicates) {
  const OrgId a = create_org("alpha");
  Result<OrgTransaction> tx = db_->begin(scope_for(a));
  ASSERT_TRUE(tx.ok());
  const char* sql =
      "INSERT INTO jobs (id, org_id, kind, unique_key, status, run_after, created_at) "
      "VALUES ($1, $2, 'ingest', 'src:2024-01', 'queued', 1, 1)";
  ASSERT_TRUE(tx->exec(sql, {Uuid::random(), a}).ok());
  Result<std::int64_t> dup = tx->exec(sql, {Uuid::random(), a});
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.status().code(), StatusCode::kConflict);
}

TEST_P(StoreTest, PingAnswers) {
  EXPECT_TRUE(db_->ping().ok());
}

TEST_P(StoreTest, MigrateIsIdempotentAndCurrent) {
  Result<MigrationReport> again = migrate(migrate_url_);
  ASSERT_TRUE(again.ok()) << again.status().to_string();
  EXPECT_EQ(again->applied, 0);
  EXPECT_EQ(again->current, embedded_migrations().back().version);
  Result<bool> current = migrations_current(url_);
  ASSERT_TRUE(current.ok());
  EXPECT_TRUE(*current);
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreTest, ::testing::Values(Dialect::kSqlite, Dialect::kPostgres), backend_name);

TEST(DatabaseOpenTest, RefusesUnknownUrls) {
  for (const char* url : {"", "mysql://x", "sqlite:", "file:/tmp/x"}) {
    Result<std::unique_ptr<Database>> db = Database::open({.url = url});
    ASSERT_FALSE(db.ok()) << url;
    EXPECT_EQ(db.status().field(), "database_url");
  }
}

TEST(DatabaseOpenTest, UnreachableServerIsUnavailableWithoutEchoingTheUrl) {
  Result<std::unique_ptr<Database>> db =
      Database::open({.url = "postgresql://u:SECRETPW@127.0.0.1:1/db?connect_timeout=2"});
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.status().code(), StatusCode::kUnavailable);
  EXPECT_EQ(db.status().message().find("SECRETPW"), std::string::npos);
}

TEST(MigrationsTest, VersionsAreDenseFromOne) {
  int expected = 1;
  for (const Migration& m : embedded_migrations()) {
    EXPECT_EQ(m.version, expected++);
    EXPECT_FALSE(m.sqlite_sql.empty());
    EXPECT_FALSE(m.postgres_sql.empty());
  }
}

}  // namespace
}  // namespace fg::store
