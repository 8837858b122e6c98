// Migrator: versioned, forward-only schema migrations, each in its own transaction, recorded in
// schema_migrations (version, name, applied_at).
//
// Notes (the invariants that make concurrent runs safe):
//   1. Migrations are embedded in the binary (src/store/migrations/NNNN_name.{sqlite,postgres}.sql);
//      versions are dense from 1 and never edited once released.
//   2. One runner at a time: PostgreSQL takes a session advisory lock for the whole run; SQLite runs
//      each migration under BEGIN IMMEDIATE and re-reads schema_migrations inside it. So two processes
//      starting together apply each migration exactly once; the second finds nothing to do.
//   3. PostgreSQL migrations run as a superuser (FINGUARD_DATABASE_ADMIN_URL): the preamble creates the
//      roles finguard_owner, finguard_app and finguard_definer idempotently; after each migration every
//      table is handed to finguard_owner and every fg_* SECURITY DEFINER function to finguard_definer.
//   4. A database newer than the binary (an applied version it does not know) is refused.
#pragma once

#include <string>
#include <vector>

#include "core/result.hpp"
#include "store/connection.hpp"

namespace fg::store {

struct Migration {
  int version;
  std::string name;
  std::string sqlite_sql;
  std::string postgres_sql;
};

//! The migrations compiled into this binary, in version order.
const std::vector<Migration>& embedded_migrations();

struct MigrationReport {
  int applied = 0;  //!< migrations applied by this run
  int current = 0;  //!< the schema version afterwards
};

//! Applies every pending migration over a connection to `url` (SQLite: the file; PostgreSQL: a
//! superuser URL). Thread- and process-safe as described above.
Result<MigrationReport> migrate(const std::string& url);

//! The schema version of the database at `url` and whether it equals the binary's latest. For /readyz
//! and start-up checks; any role that can read schema_migrations may call it.
Result<bool> migrations_current(const std::string& url);

//! Creates a PostgreSQL login role that is a member of finguard_app, for the application. Run as a
//! superuser after migrate (the test harness and `finguard migrate --create-app-role` use it).
//! The password travels as a parameter; it is never logged.
Status create_app_login_role(const std::string& admin_url, const std::string& role, const std::string& password);

}  // namespace fg::store
