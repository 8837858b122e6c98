#include "audit/audit_log.hpp"

#include <thread>

#include <sqlite3.h>

#include "audit/audit_reader.hpp"
#include "audit/chain_verifier.hpp"
#include "support/store_fixture.hpp"

namespace fg::audit {
namespace {

using store::Dialect;
using store::OrgTransaction;
using store::TxMode;

class AuditLogTest : public store::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    org_ = create_org("acme");
    other_ = create_org("globex");
  }

  OrgScope actor_scope(const OrgId& org) {
    return testing::ScopeForTest::org(org, {Actor::Kind::kUser, "user-1", "administrator"});
  }

  void append_n(const OrgId& org, int n) {
    for (int i = 0; i < n; ++i) {
      Result<OrgTransaction> tx = db_->begin(actor_scope(org));
      ASSERT_TRUE(tx.ok());
      ASSERT_TRUE(log_.append(*tx, {.action = AuditAction::kSettingsChanged,
                                    .target_type = "org",
                                    .target_id = org.to_string(),
                                    .origin = {.request_id = "req-" + std::to_string(i), .source_ip = "127.0.0.1"},
                                    .context = {{"setting", "mfa_required"}}})
                      .ok());
      ASSERT_TRUE(tx->commit().ok());
    }
  }

  ChainReport verify(const OrgId& org, std::vector<Checkpoint> cps = {}) {
    Result<OrgTransaction> tx = db_->begin(actor_scope(org), TxMode::kRead);
    EXPECT_TRUE(tx.ok());
    Result<ChainReport> r = verify_org_chain(*tx, std::move(cps));
    EXPECT_TRUE(r.ok());
    return r.ok() ? *r : ChainReport{};
  }

  //! Runs SQL with the log's guards lifted, as an attacker with the database file or superuser would.
  void tamper(const std::string& sql) {
    if (GetParam() == Dialect::kPostgres) {
      const std::string err =
          testing::pg_admin_exec(pg_->admin_url, "BEGIN; ALTER TABLE audit_events DISABLE TRIGGER USER; " + sql +
                                                     "; ALTER TABLE audit_events ENABLE TRIGGER USER; COMMIT;");
      ASSERT_EQ(err, "");
    } else {
      sqlite3* db = nullptr;
      ASSERT_EQ(sqlite3_open(url_.substr(7).c_str(), &db), SQLITE_OK);
      const std::string script =
          "DROP TRIGGER audit_events_no_update; DROP TRIGGER audit_events_no_delete; " + sql + ";";
      char* err = nullptr;
      const int rc = sqlite3_exec(db, script.c_str(), nullptr, nullptr, &err);
      ASSERT_EQ(rc, SQLITE_OK) << (err ? err : "");
      sqlite3_close(db);
    }
  }

  AuditLog log_;
  OrgId org_, other_;
};

TEST_P(AuditLogTest, AppendsAChainThatVerifies) {
  append_n(org_, 5);
  const ChainReport r = verify(org_);
  EXPECT_TRUE(r.ok()) << r.reason;
  EXPECT_EQ(r.count, 5);
  Result<OrgTransaction> tx = db_->begin(actor_scope(org_), TxMode::kRead);
  Result<AuditPage> page = list_events(*tx, {});
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->records.size(), 5u);
  const AuditRecord& newest = page->records.front();
  EXPECT_EQ(newest.seq, 5);
  EXPECT_EQ(newest.action, "settings.changed");
  EXPECT_EQ(newest.actor_id, "user-1");
  EXPECT_EQ(newest.actor_role, "administrator");
  EXPECT_EQ(newest.actor_kind, "user");
  EXPECT_EQ(newest.context, R"({"setting":"mfa_required"})");
  EXPECT_EQ(page->records.back().prev_hash, std::string(kGenesisHash));
}

TEST_P(AuditLogTest, RolledBackMutationLeavesNoEvent) {
  {
    Result<OrgTransaction> tx = db_->begin(actor_scope(org_));
    ASSERT_TRUE(log_.append(*tx, {AuditAction::kUserDeactivated, AuditResult::kSuccess, "user", "u2"}).ok());
  }
  EXPECT_EQ(verify(org_).count, 0);
}

TEST_P(AuditLogTest, ConcurrentWritersKeepAGapFreeSequence) {
  constexpr int kThreads = 4, kEach = 25;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kEach;) {
        Result<OrgTransaction> tx = db_->begin(actor_scope(org_));
        if (!tx.ok()) continue;
        if (!log_.append(*tx, {AuditAction::kSettingsChanged}).ok() || !tx->commit().ok()) {
          ++failures;  // busy: retry, as callers do
          continue;
        }
        ++i;
      }
    });
  }
  for (auto& th : threads) th.join();
  const ChainReport r = verify(org_);
  EXPECT_TRUE(r.ok()) << r.reason << " at " << r.broken_seq;
  EXPECT_EQ(r.count, kThreads * kEach);
}

TEST_P(AuditLogTest, UpdateAndDeleteAreRefused) {
  append_n(org_, 2);
  Result<OrgTransaction> tx = db_->begin(actor_scope(org_));
  Result<std::int64_t> upd = tx->exec("UPDATE audit_events SET action = 'x' WHERE org_id = $1", {org_});
  ASSERT_FALSE(upd.ok());
  EXPECT_EQ(upd.status().code(), StatusCode::kPermissionDenied);
  tx->rollback();
  Result<OrgTransaction> tx2 = db_->begin(actor_scope(org_));
  Result<std::int64_t> del = tx2->exec("DELETE FROM audit_events WHERE org_id = $1", {org_});
  ASSERT_FALSE(del.ok());
  EXPECT_EQ(del.status().code(), StatusCode::kPermissionDenied);
  tx2->rollback();
  if (GetParam() == Dialect::kPostgres) {
    // Even the superuser's TRUNCATE is refused by the trigger.
    EXPECT_NE(testing::pg_admin_exec(pg_->admin_url, "TRUNCATE audit_events"), "");
    EXPECT_NE(testing::pg_admin_exec(pg_->admin_url, "UPDATE audit_events SET action = 'x'"), "");
  }
  EXPECT_TRUE(verify(org_).ok());
}

TEST_P(AuditLogTest, DetectsAnEditedEntry) {
  append_n(org_, 4);
  tamper("UPDATE audit_events SET target_id = 'forged' WHERE seq = 3");
  const ChainReport r = verify(org_);
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.broken_seq, 3);
  EXPECT_NE(r.reason.find("hash mismatch"), std::string::npos);
}

TEST_P(AuditLogTest, DetectsADeletedEntry) {
  append_n(org_, 4);
  tamper("DELETE FROM audit_events WHERE seq = 2");
  const ChainReport r = verify(org_);
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.broken_seq, 2);
}

TEST_P(AuditLogTest, DetectsReorderedEntries) {
  append_n(org_, 4);
  tamper(
      "UPDATE audit_events SET seq = 100 WHERE seq = 2; UPDATE audit_events SET seq = 2 WHERE seq = 3; "
      "UPDATE audit_events SET seq = 3 WHERE seq = 100");
  const ChainReport r = verify(org_);
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.broken_seq, 2);
}

TEST_P(AuditLogTest, DetectsTruncationAgainstASignedCheckpoint) {
  append_n(org_, 5);
  const std::vector<std::uint8_t> key(32, 7);
  Result<OrgTransaction> tx = db_->begin(actor_scope(org_), TxMode::kRead);
  Result<Checkpoint> cp = make_checkpoint(*tx, key, 1);
  ASSERT_TRUE(cp.ok());
  tx->rollback();
  Result<Checkpoint> parsed = parse_checkpoint(checkpoint_to_json(*cp), key);
  ASSERT_TRUE(parsed.ok());
  EXPECT_TRUE(verify(org_, {*parsed}).ok());
  tamper("DELETE FROM audit_events WHERE seq >= 4");
  EXPECT_TRUE(verify(org_).ok()) << "the chain alone cannot see a cut tail";
  const ChainReport r = verify(org_, {*parsed});
  EXPECT_FALSE(r.ok());
  EXPECT_NE(r.reason.find("truncated"), std::string::npos);
}

TEST_P(AuditLogTest, OrgsNeverSeeEachOthersEvents) {
  append_n(org_, 3);
  append_n(other_, 2);
  Result<OrgTransaction> tx = db_->begin(actor_scope(other_), TxMode::kRead);
  Result<AuditPage> page = list_events(*tx, {});
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->records.size(), 2u);
  for (const auto& r : page->records) EXPECT_EQ(r.org_id, other_.to_string());
  if (GetParam() == Dialect::kPostgres) {
    // Without any WHERE clause, RLS still shows only this org's rows.
    EXPECT_EQ(tx->query("SELECT count(*) FROM audit_events", {})->int64(0, 0), 2);
  }
}

TEST_P(AuditLogTest, PaginatesWithAKeysetCursorAndFilters) {
  append_n(org_, 7);
  {
    Result<OrgTransaction> tx = db_->begin(actor_scope(org_));
    ASSERT_TRUE(log_.append(*tx, {AuditAction::kAuthLoginFailed, AuditResult::kFailed, "user", "u9"}).ok());
    ASSERT_TRUE(tx->commit().ok());
  }
  Result<OrgTransaction> tx = db_->begin(actor_scope(org_), TxMode::kRead);
  AuditQuery q;
  q.limit = 3;
  std::vector<std::int64_t> seqs;
  for (;;) {
    Result<AuditPage> page = list_events(*tx, q);
    ASSERT_TRUE(page.ok());
    for (const auto& r : page->records) seqs.push_back(r.seq);
    if (!page->next_cursor) break;
    q.before_seq = page->next_cursor;
  }
  EXPECT_EQ(seqs, (std::vector<std::int64_t>{8, 7, 6, 5, 4, 3, 2, 1}));
  AuditQuery failed;
  failed.result = "failed";
  Result<AuditPage> only = list_events(*tx, failed);
  ASSERT_TRUE(only.ok());
  ASSERT_EQ(only->records.size(), 1u);
  EXPECT_EQ(only->records[0].action, "auth.login.failed");
  AuditQuery bad;
  bad.action = "auth.nope";
  EXPECT_EQ(list_events(*tx, bad).status().field(), "action");
  bad = {};
  bad.limit = 0;
  EXPECT_EQ(list_events(*tx, bad).status().field(), "limit");
}

TEST_P(AuditLogTest, PlatformChainIsSeparateAndVerifies) {
  for (int i = 0; i < 3; ++i) {
    Result<store::SystemTransaction> tx = db_->begin_system();
    ASSERT_TRUE(log_.append_platform(*tx, {Actor::Kind::kSystem, "anonymous", ""},
                                     {AuditAction::kAuthLoginFailed, AuditResult::kFailed, "email", "unknown"})
                    .ok());
    ASSERT_TRUE(tx->commit().ok());
  }
  Result<store::SystemTransaction> tx = db_->begin_system(TxMode::kRead);
  Result<ChainReport> r = verify_platform_chain(*tx);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->ok());
  EXPECT_EQ(r->count, 3);
  EXPECT_EQ(verify(org_).count, 0);
}

TEST_P(AuditLogTest, RefusesSecretsInContext) {
  Result<OrgTransaction> tx = db_->begin(actor_scope(org_));
  for (const nlohmann::json& bad : {nlohmann::json{{"password", "x"}}, nlohmann::json{{"api_key_secret", "x"}},
                                    nlohmann::json{{"note", "fgk_1_CANARY"}}, nlohmann::json{{"Authorization", "x"}},
                                    nlohmann::json{{"nested", {{"a", 1}}}}}) {
    Status s = log_.append(*tx, {.action = AuditAction::kSettingsChanged, .context = bad});
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << bad.dump();
  }
  EXPECT_TRUE(log_.append(*tx, {.action = AuditAction::kApiKeyCreated,
                                .target_type = "api_key",
                                .target_id = "k1",
                                .context = {{"key_name", "ci"}, {"role", "viewer"}}})
                  .ok());
}

INSTANTIATE_TEST_SUITE_P(Backends, AuditLogTest, ::testing::Values(Dialect::kSqlite, Dialect::kPostgres),
                         store::backend_name);

}  // namespace
}  // namespace fg::audit
