// Row-level security on PostgreSQL, proven as the application role: the second wall of tenancy.
#include <gtest/gtest.h>

#include "store/database.hpp"
#include "store/internal/postgres_connection.hpp"
#include "support/store_fixture.hpp"

namespace fg::store {
namespace {

class RlsTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    a_ = create_org("alpha");
    b_ = create_org("beta");
    user_a_ = create_user("a@alpha.test");
    user_b_ = create_user("b@beta.test");
    add_member(a_, user_a_, "owner");
    add_member(b_, user_b_, "owner");
    enqueue(b_);
  }

  void enqueue(const OrgId& org) {
    Result<OrgTransaction> tx = db_->begin(scope_for(org));
    ASSERT_TRUE(tx.ok());
    ASSERT_TRUE(tx->exec("INSERT INTO jobs (id, org_id, kind, status, run_after, created_at) VALUES ($1, $2, 'noop', "
                         "'queued', 1, 1)",
                         {Uuid::random(), org})
                    .ok());
    ASSERT_TRUE(tx->commit().ok());
  }

  //! A raw connection as the application role, outside Database's helpers, for hostile statements.
  std::unique_ptr<Connection> raw_app_connection() {
    Result<std::unique_ptr<Connection>> c = PostgresConnection::open(url_);
    EXPECT_TRUE(c.ok());
    return std::move(c).value();
  }

  //! Tables with an org_id column (and orgs), from the catalog.
  std::vector<std::string> tenant_tables() {
    Result<std::unique_ptr<Connection>> admin = PostgresConnection::open(pg_->admin_url);
    Result<RowSet> rs = (*admin)->query(
        "SELECT DISTINCT table_name FROM information_schema.columns WHERE table_schema = 'public' AND "
        "column_name = 'org_id' ORDER BY 1",
        {});
    std::vector<std::string> out{"orgs"};
    for (std::size_t r = 0; r < rs->size(); ++r) out.push_back(rs->text(r, 0));
    return out;
  }

  OrgId a_, b_;
  std::string user_a_, user_b_;
};

TEST_P(RlsTest, OtherOrgsRowsAreInvisibleAndUntouchable) {
  Result<OrgTransaction> tx = db_->begin(scope_for(a_));
  ASSERT_TRUE(tx.ok());
  // No WHERE org_id: RLS alone keeps org B out.
  Result<RowSet> rows = tx->query("SELECT org_id FROM memberships", {});
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ(rows->text(0, 0), a_.to_string());
  EXPECT_TRUE(tx->query("SELECT id FROM jobs", {})->empty());
  EXPECT_EQ(*tx->exec("UPDATE memberships SET role = 'viewer' WHERE org_id = $1", {b_}), 0);
  EXPECT_EQ(*tx->exec("DELETE FROM memberships WHERE org_id = $1", {b_}), 0);
  EXPECT_EQ(*tx->exec("UPDATE jobs SET status = 'dead'", {}), 0);
  EXPECT_EQ(*tx->exec("UPDATE orgs SET name = 'pwned' WHERE id = $1", {b_}), 0);
  ASSERT_TRUE(tx->commit().ok());

  Result<OrgTransaction> tx_b = db_->begin(scope_for(b_), TxMode::kRead);
  Result<RowSet> b_rows = tx_b->query("SELECT role FROM memberships", {});
  ASSERT_EQ(b_rows->size(), 1u);
  EXPECT_EQ(b_rows->text(0, 0), "owner");
  EXPECT_EQ(tx_b->query("SELECT id FROM jobs", {})->size(), 1u);
}

TEST_P(RlsTest, InsertingIntoAnotherOrgFails) {
  Result<OrgTransaction> tx = db_->begin(scope_for(a_));
  ASSERT_TRUE(tx.ok());
  Result<std::int64_t> ins = tx->exec(
      "INSERT INTO memberships (org_id, user_id, role, created_at) VALUES ($1, $2, 'owner', 1)", {b_, user_a_});
  ASSERT_FALSE(ins.ok());
  EXPECT_EQ(ins.status().code(), StatusCode::kPermissionDenied);
}

TEST_P(RlsTest, NoOrgSettingMeansNoRowsInEveryTenantTable) {
  Result<SystemTransaction> tx = db_->begin_system(TxMode::kRead);
  ASSERT_TRUE(tx.ok());
  for (const std::string& table : tenant_tables()) {
    // The table name comes from the catalog, not from input.
    Result<RowSet> rs = tx->query("SELECT count(*) FROM " + table, {});
    ASSERT_TRUE(rs.ok()) << table << ": " << rs.status().to_string();
    EXPECT_EQ(rs->int64(0, 0), 0) << table;
  }
}

TEST_P(RlsTest, PooledConnectionDoesNotLeakTheOrgSetting) {
  Result<std::unique_ptr<Database>> one = Database::open({.url = url_, .pool_size = 1});
  ASSERT_TRUE(one.ok());
  {
    Result<OrgTransaction> tx = (*one)->begin(scope_for(a_));
    ASSERT_EQ(tx->query("SELECT 1 FROM memberships", {})->size(), 1u);
    ASSERT_TRUE(tx->commit().ok());
  }
  // Same single connection: the setting is now '' and must read as no org (not an error, not all rows).
  Result<SystemTransaction> tx = (*one)->begin_system(TxMode::kRead);
  Result<RowSet> rs = tx->query("SELECT count(*) FROM memberships", {});
  ASSERT_TRUE(rs.ok()) << rs.status().to_string();
  EXPECT_EQ(rs->int64(0, 0), 0);
}

TEST_P(RlsTest, AppRoleCannotDisableOrBypassRls) {
  std::unique_ptr<Connection> c = raw_app_connection();
  for (const char* hostile :
       {"ALTER TABLE memberships DISABLE ROW LEVEL SECURITY", "ALTER TABLE memberships NO FORCE ROW LEVEL SECURITY",
        "DROP POLICY org_isolation ON jobs", "SET ROLE finguard_owner", "SET ROLE finguard_definer",
        "SET ROLE postgres", "CREATE POLICY allow_all ON jobs USING (true)", "TRUNCATE memberships",
        "CREATE TABLE sneaky (org_id uuid)", "ALTER ROLE fg_app_test BYPASSRLS"}) {
    Status s = c->exec_script(hostile);
    EXPECT_FALSE(s.ok()) << hostile;
  }
  // row_security = off makes a query that RLS would filter raise an error instead of returning all rows.
  ASSERT_TRUE(c->exec_script("SET row_security = off").ok());
  Result<RowSet> rs = c->query("SELECT count(*) FROM memberships", {});
  EXPECT_FALSE(rs.ok());
}

TEST_P(RlsTest, EveryTenantTableHasForcedRlsAndAPolicy) {
  Result<std::unique_ptr<Connection>> admin = PostgresConnection::open(pg_->admin_url);
  ASSERT_TRUE(admin.ok());
  const std::vector<std::string> tables = tenant_tables();
  EXPECT_GE(tables.size(), 3u);
  for (const std::string& table : tables) {
    Result<RowSet> rs = (*admin)->query(
        "SELECT c.relrowsecurity::int, c.relforcerowsecurity::int, "
        "(SELECT count(*) FROM pg_policies p WHERE p.schemaname = 'public' AND p.tablename = c.relname), "
        "pg_get_userbyid(c.relowner) "
        "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relname = $1",
        {table});
    ASSERT_TRUE(rs.ok() && rs->size() == 1) << table;
    EXPECT_EQ(rs->int64(0, 0), 1) << table << " lacks ENABLE ROW LEVEL SECURITY";
    EXPECT_EQ(rs->int64(0, 1), 1) << table << " lacks FORCE ROW LEVEL SECURITY";
    EXPECT_GE(rs->int64(0, 2), 1) << table << " has no policy";
    EXPECT_EQ(rs->text(0, 3), "finguard_owner") << table;
  }
}

TEST_P(RlsTest, DefinerFunctionsAreOwnedByTheDedicatedRole) {
  Result<std::unique_ptr<Connection>> admin = PostgresConnection::open(pg_->admin_url);
  Result<RowSet> rs = (*admin)->query(
      "SELECT p.proname, pg_get_userbyid(p.proowner) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
      "WHERE n.nspname = 'public' AND p.prosecdef ORDER BY 1",
      {});
  ASSERT_TRUE(rs.ok());
  ASSERT_GE(rs->size(), 4u);
  for (std::size_t r = 0; r < rs->size(); ++r) EXPECT_EQ(rs->text(r, 1), "finguard_definer") << rs->text(r, 0);
  // The definer role can log in as nobody and owns no table.
  Result<RowSet> role = (*admin)->query(
      "SELECT rolcanlogin::int, rolbypassrls::int, (SELECT count(*) FROM pg_tables WHERE tableowner = "
      "'finguard_definer') "
      "FROM pg_roles WHERE rolname = 'finguard_definer'",
      {});
  EXPECT_EQ(role->int64(0, 0), 0);
  EXPECT_EQ(role->int64(0, 1), 1);
  EXPECT_EQ(role->int64(0, 2), 0);
}

TEST_P(RlsTest, AppRoleCannotCreateLoginRoles) {
  std::unique_ptr<Connection> c = raw_app_connection();
  Result<RowSet> rs = c->query("SELECT fg_admin_create_app_login($1, $2)", {"evil", "evilpassword-evilpassword"});
  EXPECT_FALSE(rs.ok());
}

TEST_P(RlsTest, PrivilegedRolesAreRefusedWhenAsked) {
  Result<std::unique_ptr<Database>> as_superuser =
      Database::open({.url = pg_->admin_url, .pool_size = 1, .refuse_privileged_role = true});
  ASSERT_FALSE(as_superuser.ok());
  EXPECT_EQ(as_superuser.status().code(), StatusCode::kPermissionDenied);
  EXPECT_TRUE(Database::open({.url = url_, .pool_size = 1, .refuse_privileged_role = true}).ok());
}

// Issue 20: a login role that is BYPASSRLS, or a member of finguard_owner / finguard_definer directly
// or through another role, is refused too (main checked only rolsuper and rolbypassrls of the role).
TEST_P(RlsTest, RolesThatCanReachTheOwnerOrDefinerAreRefused) {
  const std::string suffix = Uuid::random().to_string().substr(0, 8);
  // The application URL with another user name (same password; the test server trusts local logins).
  auto url_as = [&](const std::string& role) {
    const std::string scheme = "postgresql://";
    const std::size_t colon = url_.find(':', scheme.size());
    return scheme + role + url_.substr(colon);
  };
  auto refused = [&](const std::string& role, const std::string& create) {
    const std::string err = testing::pg_admin_exec(pg_->admin_url, create);
    EXPECT_EQ(err, "") << create;
    Result<std::unique_ptr<Database>> db =
        Database::open({.url = url_as(role), .pool_size = 1, .refuse_privileged_role = true});
    EXPECT_FALSE(db.ok()) << role;
    if (!db.ok()) {
      EXPECT_EQ(db.status().code(), StatusCode::kPermissionDenied) << db.status().to_string();
    }
    // Without the check (mode=test) the same role connects: the refusal above is the check's doing.
    EXPECT_TRUE(Database::open({.url = url_as(role), .pool_size = 1}).ok()) << role;
  };
  const std::string bypass = "fg_bypass_" + suffix, owner = "fg_own_" + suffix, definer = "fg_def_" + suffix;
  const std::string middle = "fg_mid_" + suffix, indirect = "fg_ind_" + suffix;
  refused(bypass, "CREATE ROLE " + bypass + " LOGIN BYPASSRLS IN ROLE finguard_app");
  refused(owner, "CREATE ROLE " + owner + " LOGIN IN ROLE finguard_app, finguard_owner");
  refused(definer, "CREATE ROLE " + definer + " LOGIN IN ROLE finguard_app, finguard_definer");
  EXPECT_EQ(testing::pg_admin_exec(pg_->admin_url, "CREATE ROLE " + middle + " NOLOGIN IN ROLE finguard_definer"), "");
  refused(indirect, "CREATE ROLE " + indirect + " LOGIN IN ROLE finguard_app, " + middle);
  // A plain member of finguard_app is still accepted.
  EXPECT_TRUE(Database::open({.url = url_, .pool_size = 1, .refuse_privileged_role = true}).ok());
}

INSTANTIATE_TEST_SUITE_P(Postgres, RlsTest, ::testing::Values(Dialect::kPostgres), backend_name);

}  // namespace
}  // namespace fg::store
