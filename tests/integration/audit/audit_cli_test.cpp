// `finguard audit verify|checkpoint|export` against a real data dir, including a database edited behind
// the application's back.
#include <fstream>

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "audit/audit_log.hpp"
#include "store/database.hpp"
#include "store/migrator.hpp"
#include "support/scope_for_test.hpp"
#include "support/subprocess.hpp"
#include "support/test_env.hpp"

namespace fg {
namespace {

class AuditCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::make_temp_dir("fg-audit-cli-");
    url_ = "sqlite:" + dir_ + "/finguard.db";
    ASSERT_TRUE(store::migrate(url_).ok());
    auto db = store::Database::open({.url = url_, .pool_size = 1});
    ASSERT_TRUE(db.ok());
    const OrgScope scope = testing::ScopeForTest::org(org_);
    auto tx = (*db)->begin(scope);
    ASSERT_TRUE(
        tx->exec("INSERT INTO orgs (id, slug, name, created_at) VALUES ($1, 'acme', 'Acme Corp', 1)", {org_}).ok());
    audit::AuditLog log;
    for (int i = 0; i < 4; ++i) ASSERT_TRUE(log.append(*tx, {audit::AuditAction::kSettingsChanged}).ok());
    ASSERT_TRUE(tx->commit().ok());
  }

  testing::ProcessResult finguard(std::vector<std::string> args) {
    args.insert(args.begin(), testing::finguard_binary());
    return testing::run_process(args, {{"FINGUARD_DATA_DIR", dir_}, {"FINGUARD_LOG_LEVEL", "warn"}});
  }

  void tamper(const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open((dir_ + "/finguard.db").c_str(), &db), SQLITE_OK);
    const std::string script =
        "DROP TRIGGER IF EXISTS audit_events_no_update; DROP TRIGGER IF EXISTS audit_events_no_delete; " + sql;
    ASSERT_EQ(sqlite3_exec(db, script.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(db);
  }

  OrgId org_ = OrgId::random();
  std::string dir_, url_;
};

TEST_F(AuditCliTest, VerifyPassesOnAnIntactLogAndRecordsTheOperator) {
  const testing::ProcessResult r = finguard({"audit", "verify"});
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("org acme: 5 entries, intact"), std::string::npos) << r.output;  // 4 + operator.command
  EXPECT_NE(r.output.find("platform: 0 entries, intact"), std::string::npos) << r.output;
  const testing::ProcessResult exp = finguard({"audit", "export", "--org", "acme"});
  EXPECT_EQ(exp.exit_code, 0) << exp.output;
  EXPECT_NE(exp.output.find("\"action\":\"operator.command\""), std::string::npos);
  EXPECT_NE(exp.output.find("\"actor_id\":\"os:"), std::string::npos);
}

TEST_F(AuditCliTest, VerifyFailsOnAnEditedEntryNamingIt) {
  tamper("UPDATE audit_events SET actor_id = 'someone-else' WHERE seq = 2;");
  const testing::ProcessResult r = finguard({"audit", "verify", "--org", "Acme Corp"});
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("BROKEN at entry 2: hash mismatch"), std::string::npos) << r.output;
}

TEST_F(AuditCliTest, CheckpointCatchesATruncatedTail) {
  const testing::ProcessResult cp = finguard({"audit", "checkpoint", "--org", "acme"});
  ASSERT_EQ(cp.exit_code, 0) << cp.output;
  const std::string file = dir_ + "/checkpoints.jsonl";
  std::ofstream(file) << cp.output.substr(cp.output.find('{'));
  EXPECT_EQ(finguard({"audit", "verify", "--org", "acme", "--checkpoint", file}).exit_code, 0);
  tamper("DELETE FROM audit_events WHERE seq >= 5;");
  EXPECT_EQ(finguard({"audit", "verify", "--org", "acme"}).exit_code, 0) << "the chain alone cannot see it";
  const testing::ProcessResult r = finguard({"audit", "verify", "--org", "acme", "--checkpoint", file});
  EXPECT_EQ(r.exit_code, 1) << r.output;
  // Each verify run appends its own operator.command, so the cut chain has regrown past the
  // checkpoint by now: it is caught as a divergence from the signed hash.
  EXPECT_NE(r.output.find("BROKEN at entry 6: differs from a signed checkpoint"), std::string::npos) << r.output;
  // A forged checkpoint is refused outright.
  std::string forged = cp.output.substr(cp.output.find('{'));
  forged.replace(forged.find("\"seq\":"), 7, "\"seq\":9");
  std::ofstream(file) << forged;
  EXPECT_EQ(finguard({"audit", "verify", "--org", "acme", "--checkpoint", file}).exit_code, 1);
}

TEST_F(AuditCliTest, UnknownOrgIsAClearError) {
  const testing::ProcessResult r = finguard({"audit", "verify", "--org", "nope"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("org not found"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace fg
