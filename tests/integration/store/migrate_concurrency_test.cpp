// Two `finguard migrate` processes at once end with each migration applied exactly once.
#include <thread>

#include <gtest/gtest.h>

#include "store/database.hpp"
#include "store/migrator.hpp"
#include "support/pg_test_db.hpp"
#include "support/subprocess.hpp"
#include "support/test_env.hpp"

namespace fg {
namespace {

void migrate_twice_at_once(const std::string& migrate_url, const std::string& data_dir) {
  const std::map<std::string, std::string> env = {
      {"FINGUARD_DATA_DIR", data_dir}, {"FINGUARD_DATABASE_URL", migrate_url}, {"FINGUARD_LOG_LEVEL", "warn"}};
  testing::BackgroundProcess p1({testing::finguard_binary(), "migrate"}, env);
  testing::BackgroundProcess p2({testing::finguard_binary(), "migrate"}, env);
  const testing::ProcessResult r1 = p1.wait();
  const testing::ProcessResult r2 = p2.wait();
  EXPECT_EQ(r1.exit_code, 0) << r1.output;
  EXPECT_EQ(r2.exit_code, 0) << r2.output;
  const std::string both = r1.output + r2.output;
  const int total = static_cast<int>(store::embedded_migrations().size());
  // One process applied everything, the other nothing.
  EXPECT_NE(both.find("applied " + std::to_string(total)), std::string::npos) << both;
  EXPECT_NE(both.find("applied 0"), std::string::npos) << both;
}

int count_applied(const std::string& url) {
  Result<std::unique_ptr<store::Database>> db = store::Database::open({.url = url, .pool_size = 1});
  EXPECT_TRUE(db.ok());
  Result<store::SystemTransaction> tx = (*db)->begin_system(store::TxMode::kRead);
  Result<store::RowSet> rs = tx->query("SELECT count(*), count(DISTINCT version) FROM schema_migrations", {});
  EXPECT_TRUE(rs.ok());
  EXPECT_EQ(rs->int64(0, 0), rs->int64(0, 1));
  return static_cast<int>(rs->int64(0, 0));
}

TEST(MigrateConcurrencyTest, SqliteTwoProcesses) {
  const std::string dir = testing::make_temp_dir("fg-mig-");
  const std::string url = "sqlite:" + dir + "/finguard.db";
  migrate_twice_at_once(url, dir);
  EXPECT_EQ(count_applied(url), static_cast<int>(store::embedded_migrations().size()));
}

TEST(MigrateConcurrencyTest, PostgresTwoProcesses) {
  FG_REQUIRE_PG();
  // A database with nothing migrated yet: create_pg_test_db migrates, so make a bare one instead.
  const std::string admin = *testing::pg_admin_url();
  const std::string name = "fg_mig_" + std::to_string(::getpid());
  ASSERT_EQ(testing::pg_admin_exec(admin, "CREATE DATABASE " + name), "");
  const std::string url = admin.substr(0, admin.rfind('/') + 1) + name;
  migrate_twice_at_once(url, testing::make_temp_dir("fg-mig-"));
  EXPECT_EQ(count_applied(url), static_cast<int>(store::embedded_migrations().size()));
}

}  // namespace
}  // namespace fg
