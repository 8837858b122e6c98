// A fresh PostgreSQL database per test fixture on the `make test` server: migrated as the superuser,
// with an application login role (a finguard_app member) to connect as, like production.
#pragma once

#include <optional>
#include <string>

namespace fg::testing {

struct PgTestDb {
  std::string name;       //!< database name, fg_t_<random>
  std::string admin_url;  //!< superuser URL of that database (migrations, tampering)
  std::string app_url;    //!< the application role's URL
};

//! Creates and migrates a database, and the login role fg_app_test. Aborts the test program on failure
//! (the server was promised by FG_REQUIRE_PG()). nullopt when no server is configured.
std::optional<PgTestDb> create_pg_test_db();

//! Runs one statement as the superuser on `url` (test set-up and tampering); returns the error text, or "".
std::string pg_admin_exec(const std::string& url, const std::string& sql);

}  // namespace fg::testing
