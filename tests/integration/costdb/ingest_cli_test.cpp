// `finguard ingest --org ORG FILE` end to end: the operator scope, the cost store and the audit entry.
#include <fstream>

#include <gtest/gtest.h>

#include "audit/audit_log.hpp"
#include "store/database.hpp"
#include "store/migrator.hpp"
#include "support/scope_for_test.hpp"
#include "support/subprocess.hpp"
#include "support/test_env.hpp"

namespace fg {
namespace {

class IngestCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::make_temp_dir("fg-ingest-cli-");
    const std::string url = "sqlite:" + dir_ + "/finguard.db";
    ASSERT_TRUE(store::migrate(url).ok());
    auto db = store::Database::open({.url = url, .pool_size = 1});
    ASSERT_TRUE(db.ok());
    auto tx = (*db)->begin(testing::ScopeForTest::org(org_));
    ASSERT_TRUE(
        tx->exec("INSERT INTO orgs (id, slug, name, created_at) VALUES ($1, 'acme', 'Acme Corp', 1)", {org_}).ok());
    ASSERT_TRUE(tx->commit().ok());
    csv_ = dir_ + "/focus.csv";
    const testing::ProcessResult gen =
        testing::run_process({std::string(FG_BINARY_DIR) + "/focus_gen", "--rows", "2000", "--seed", "3"});
    ASSERT_EQ(gen.exit_code, 0);
    std::ofstream(csv_) << gen.output;
  }

  testing::ProcessResult finguard(std::vector<std::string> args) {
    args.insert(args.begin(), testing::finguard_binary());
    return testing::run_process(args, {{"FINGUARD_DATA_DIR", dir_}, {"FINGUARD_LOG_LEVEL", "warn"}});
  }

  OrgId org_ = OrgId::random();
  std::string dir_, csv_;
};

TEST_F(IngestCliTest, IngestsForTheNamedOrgAndAuditsTheDelivery) {
  const testing::ProcessResult r = finguard({"ingest", "--org", "acme", "--source", "gen", csv_});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const testing::ProcessResult log = finguard({"audit", "export", "--org", "acme"});
  ASSERT_EQ(log.exit_code, 0) << log.output;
  EXPECT_NE(log.output.find("\"action\":\"ingest.completed\""), std::string::npos) << log.output;
  EXPECT_NE(log.output.find("\"rows\":2000"), std::string::npos) << log.output;
  EXPECT_NE(log.output.find("\"command\":\"ingest\""), std::string::npos) << log.output;
  const testing::ProcessResult verify = finguard({"audit", "verify", "--org", "acme"});
  EXPECT_EQ(verify.exit_code, 0) << verify.output;
}

TEST_F(IngestCliTest, UnknownOrgWritesNothing) {
  const testing::ProcessResult r = finguard({"ingest", "--org", "globex", csv_});
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("org not found"), std::string::npos) << r.output;
  EXPECT_FALSE(std::ifstream(dir_ + "/costdb/" + org_.to_string()).good());
}

}  // namespace
}  // namespace fg
