#include "store/migrator.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <optional>
#include <set>

#include "core/log.hpp"
#include "core/time.hpp"
#include "store/internal/postgres_connection.hpp"
#include "store/internal/sqlite_connection.hpp"

namespace fg::store {
namespace {

constexpr std::int64_t kMigrationLockKey = 0x66677267;  // "fgrg": the advisory lock of migrate()

constexpr const char* kPostgresPreamble = R"sql(
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'finguard_owner') THEN CREATE ROLE finguard_owner NOLOGIN; END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'finguard_app') THEN CREATE ROLE finguard_app NOLOGIN; END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'finguard_definer') THEN
    CREATE ROLE finguard_definer NOLOGIN BYPASSRLS;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO finguard_app, finguard_definer;
CREATE TABLE IF NOT EXISTS schema_migrations (
  version    integer PRIMARY KEY,
  name       text NOT NULL,
  applied_at bigint NOT NULL
);
GRANT SELECT ON schema_migrations TO finguard_app;
)sql";

// Hands every table to finguard_owner and every fg_* SECURITY DEFINER function to finguard_definer,
// so migration files need not repeat ALTER ... OWNER for each object.
constexpr const char* kPostgresOwnership = R"sql(
DO $$ DECLARE r record; BEGIN
  FOR r IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tableowner <> 'finguard_owner' LOOP
    EXECUTE format('ALTER TABLE public.%I OWNER TO finguard_owner', r.tablename);
  END LOOP;
  FOR r IN SELECT p.oid::regprocedure AS sig FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
           WHERE n.nspname = 'public' AND p.proname LIKE 'fg\_%' AND p.prosecdef LOOP
    EXECUTE format('ALTER FUNCTION %s OWNER TO finguard_definer', r.sig);
  END LOOP;
END $$;
)sql";

constexpr const char* kSqlitePreamble = R"sql(
CREATE TABLE IF NOT EXISTS schema_migrations (
  version    INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  applied_at INTEGER NOT NULL
) STRICT;
)sql";

bool is_postgres(const std::string& url) {
  return url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0;
}

Result<std::unique_ptr<Connection>> connect(const std::string& url) {
  if (is_postgres(url)) return PostgresConnection::open(url);
  if (url.rfind("sqlite:", 0) == 0 && url.size() > 7) {
    return SqliteConnection::open(url.substr(7), std::chrono::milliseconds(30000));
  }
  return invalid_argument_error("database_url: must be sqlite:PATH or postgresql://...", "database_url");
}

Result<std::set<int>> applied_versions(Connection& conn) {
  Result<RowSet> rs = conn.query("SELECT version FROM schema_migrations ORDER BY version", {});
  if (!rs.ok()) return rs.status();
  std::set<int> out;
  for (std::size_t r = 0; r < rs->size(); ++r) out.insert(static_cast<int>(rs->int64(r, 0)));
  return out;
}

Status check_not_newer(const std::set<int>& applied) {
  const int latest = embedded_migrations().empty() ? 0 : embedded_migrations().back().version;
  if (!applied.empty() && *applied.rbegin() > latest) {
    return conflict_error("the database schema is newer than this binary; upgrade finguard");
  }
  return ok_status();
}

// Applies one migration inside its own transaction; on SQLite the IMMEDIATE lock is the run lock.
// Returns false when another process applied it first (the caller read its list before that commit).
Result<bool> apply_one(Connection& conn, const Migration& m, bool postgres) {
  FG_TRY(conn.exec_script(postgres ? "BEGIN" : "BEGIN IMMEDIATE"));
  auto fail = [&](const Status& s) {
    conn.exec_script("ROLLBACK").ok();
    return s.with_context("migration " + std::to_string(m.version) + " " + m.name);
  };
  Result<RowSet> seen = conn.query("SELECT 1 FROM schema_migrations WHERE version = $1", {m.version});
  if (!seen.ok()) return fail(seen.status());
  if (!seen->empty()) {
    FG_TRY(conn.exec_script("ROLLBACK"));
    return false;
  }
  if (Status s = conn.exec_script(postgres ? m.postgres_sql : m.sqlite_sql); !s.ok()) return fail(s);
  if (postgres) {
    if (Status s = conn.exec_script(kPostgresOwnership); !s.ok()) return fail(s);
  }
  Result<std::int64_t> ins = conn.exec("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
                                       {m.version, m.name, SystemClock::instance().now().micros});
  if (!ins.ok()) return fail(ins.status());
  FG_TRY(conn.exec_script("COMMIT"));
  return true;
}

}  // namespace

// SQLite's counterpart of the PostgreSQL session advisory lock: an exclusive flock on a file beside
// the database for the whole run. Without it, two processes creating a fresh database race on
// switching it to WAL, and SQLite answers that with SQLITE_BUSY at once instead of waiting.
class SqliteRunLock {
 public:
  explicit SqliteRunLock(const std::string& db_path) {
    fd_ = ::open((db_path + ".migrate-lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd_ >= 0) {
      while (::flock(fd_, LOCK_EX) != 0 && errno == EINTR) {
      }
    }
  }
  ~SqliteRunLock() {
    if (fd_ >= 0) ::close(fd_);  // closing releases the lock
  }
  SqliteRunLock(const SqliteRunLock&) = delete;
  SqliteRunLock& operator=(const SqliteRunLock&) = delete;
  bool held() const { return fd_ >= 0; }

 private:
  int fd_ = -1;
};

Result<MigrationReport> migrate(const std::string& url) {
  std::optional<SqliteRunLock> run_lock;
  if (!is_postgres(url) && url.rfind("sqlite:", 0) == 0) {
    run_lock.emplace(url.substr(7));
    if (!run_lock->held()) return unavailable_error("cannot create the migration lock file beside the database");
  }
  Result<std::unique_ptr<Connection>> conn_or = connect(url);
  if (!conn_or.ok()) return conn_or.status();
  Connection& conn = **conn_or;
  const bool postgres = conn.dialect() == Dialect::kPostgres;
  if (postgres) {
    // Session-level lock: held across all the per-migration transactions, released on disconnect.
    Result<RowSet> lock = conn.query("SELECT pg_advisory_lock($1)", {kMigrationLockKey});
    if (!lock.ok()) return lock.status();
    FG_TRY(conn.exec_script(kPostgresPreamble));
  } else {
    FG_TRY(conn.exec_script(kSqlitePreamble));
  }
  Result<std::set<int>> applied = applied_versions(conn);
  if (!applied.ok()) return applied.status();
  FG_TRY(check_not_newer(*applied));
  MigrationReport report;
  for (const Migration& m : embedded_migrations()) {
    if (applied->count(m.version) != 0) continue;
    Result<bool> done = apply_one(conn, m, postgres);
    if (!done.ok()) return done.status();
    if (!*done) continue;
    ++report.applied;
    log::info("migration applied", {{"version", std::to_string(m.version)}, {"name", m.name}});
  }
  Result<std::set<int>> after = applied_versions(conn);
  if (!after.ok()) return after.status();
  report.current = after->empty() ? 0 : *after->rbegin();
  if (postgres) conn.query("SELECT pg_advisory_unlock($1)", {kMigrationLockKey}).ok();
  return report;
}

Result<bool> migrations_current(const std::string& url) {
  Result<std::unique_ptr<Connection>> conn = connect(url);
  if (!conn.ok()) return conn.status();
  Result<std::set<int>> applied = applied_versions(**conn);
  if (!applied.ok()) return false;  // no schema_migrations yet: not current
  const int latest = embedded_migrations().empty() ? 0 : embedded_migrations().back().version;
  return !applied->empty() && *applied->rbegin() == latest && static_cast<int>(applied->size()) == latest;
}

Status create_app_login_role(const std::string& admin_url, const std::string& role, const std::string& password) {
  Result<std::unique_ptr<Connection>> conn = connect(admin_url);
  if (!conn.ok()) return conn.status();
  if ((*conn)->dialect() != Dialect::kPostgres) return invalid_argument_error("only PostgreSQL has roles");
  Result<RowSet> rs = (*conn)->query("SELECT fg_admin_create_app_login($1, $2)", {role, password});
  return rs.ok() ? ok_status() : rs.status();
}

}  // namespace fg::store
