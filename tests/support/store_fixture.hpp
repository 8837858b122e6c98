// The store fixture: the same tests against SQLite (a temp file) and PostgreSQL (a fresh database on the
// `make test` server, connected as the application role).
#pragma once

#include <memory>
#include <optional>
#include <string>

#include <gtest/gtest.h>

#include "core/time.hpp"
#include "store/database.hpp"
#include "store/migrator.hpp"
#include "support/pg_test_db.hpp"
#include "support/scope_for_test.hpp"
#include "support/test_env.hpp"

namespace fg::store {

class StoreTest : public ::testing::TestWithParam<Dialect> {
 protected:
  void SetUp() override {
    if (GetParam() == Dialect::kPostgres) {
      FG_REQUIRE_PG();
      pg_ = testing::create_pg_test_db();
      url_ = pg_->app_url;
      migrate_url_ = pg_->admin_url;
    } else {
      url_ = "sqlite:" + testing::make_temp_dir("fg-store-") + "/finguard.db";
      migrate_url_ = url_;
      ASSERT_TRUE(migrate(url_).ok());
    }
    Result<std::unique_ptr<Database>> db = Database::open({.url = url_, .pool_size = 4});
    ASSERT_TRUE(db.ok()) << db.status().to_string();
    db_ = std::move(db).value();
  }

  OrgScope scope_for(const OrgId& org) { return testing::ScopeForTest::org(org); }

  //! Creates an org (inside its own scope, as the operator factory does) and returns its id.
  OrgId create_org(const std::string& slug) {
    const OrgId id = OrgId::random();
    Result<OrgTransaction> tx = db_->begin(scope_for(id));
    EXPECT_TRUE(tx.ok());
    EXPECT_TRUE(tx->exec("INSERT INTO orgs (id, slug, name, created_at) VALUES ($1, $2, $3, $4)",
                         {id, slug, slug + " Inc", now()})
                    .ok());
    EXPECT_TRUE(tx->commit().ok());
    return id;
  }

  std::string create_user(const std::string& email) {
    const std::string id = Uuid::random().to_string();
    Result<SystemTransaction> tx = db_->begin_system();
    EXPECT_TRUE(tx.ok());
    EXPECT_TRUE(
        tx->exec("INSERT INTO users (id, email, created_at, updated_at) VALUES ($1, $2, $3, $3)", {id, email, now()})
            .ok());
    EXPECT_TRUE(tx->commit().ok());
    return id;
  }

  void add_member(const OrgId& org, const std::string& user, const std::string& role) {
    Result<OrgTransaction> tx = db_->begin(scope_for(org));
    ASSERT_TRUE(tx.ok());
    ASSERT_TRUE(tx->exec("INSERT INTO memberships (org_id, user_id, role, created_at) VALUES ($1, $2, $3, $4)",
                         {org, user, role, now()})
                    .ok());
    ASSERT_TRUE(tx->commit().ok());
  }

  static std::int64_t now() { return SystemClock::instance().now().micros; }

  std::optional<testing::PgTestDb> pg_;
  std::string url_;
  std::string migrate_url_;
  std::unique_ptr<Database> db_;
};

inline void PrintTo(Dialect d, std::ostream* os) {
  *os << (d == Dialect::kSqlite ? "sqlite" : "postgres");
}

inline std::string backend_name(const ::testing::TestParamInfo<Dialect>& info) {
  return info.param == Dialect::kSqlite ? "Sqlite" : "Postgres";
}

}  // namespace fg::store
