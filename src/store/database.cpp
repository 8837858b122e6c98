#include "store/database.hpp"

#include "core/log.hpp"
#include "store/internal/connection_pool.hpp"
#include "store/internal/postgres_connection.hpp"
#include "store/internal/sqlite_connection.hpp"

namespace fg::store {
namespace {

bool is_postgres_url(const std::string& url) {
  return url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0;
}

// Connecting as a role that bypasses RLS would make the second wall of tenancy vanish silently. So
// would a member of the table owner or of the definer role (BYPASSRLS): pg_has_role(..., 'MEMBER')
// follows memberships through any number of intermediate roles, and SET ROLE would be one statement.
Status check_role(Connection& conn) {
  Result<RowSet> rs = conn.query(
      "SELECT (r.rolsuper OR r.rolbypassrls)::int, "
      "(SELECT count(*) FROM pg_tables t WHERE t.tableowner = current_user AND t.schemaname = 'public'), "
      "(SELECT count(*) FROM pg_roles p WHERE p.rolname IN ('finguard_owner', 'finguard_definer') "
      "AND pg_has_role(current_user, p.oid, 'MEMBER')) "
      "FROM pg_roles r WHERE r.rolname = current_user",
      {});
  if (!rs.ok()) return rs.status();
  if (rs->empty()) return internal_error("cannot read the current role");
  if (rs->int64(0, 0) != 0) {
    return permission_denied_error(
        "database_url: the role is a superuser or has BYPASSRLS; connect as a finguard_app member");
  }
  if (rs->int64(0, 2) != 0) {
    return permission_denied_error(
        "database_url: the role is a member of finguard_owner or finguard_definer; connect as a finguard_app member");
  }
  if (rs->int64(0, 1) != 0) {
    return permission_denied_error(
        "database_url: the role owns tables; connect as a finguard_app member, not the owner");
  }
  return ok_status();
}

}  // namespace

Database::Database(Tag, Dialect dialect, std::shared_ptr<ConnectionPool> pool)
    : dialect_(dialect), pool_(std::move(pool)) {}
Database::~Database() = default;

Result<std::unique_ptr<Database>> Database::open(const DatabaseOptions& options) {
  ConnectionPool::Factory factory;
  Dialect dialect;
  if (is_postgres_url(options.url)) {
    dialect = Dialect::kPostgres;
    factory = [url = options.url] { return PostgresConnection::open(url); };
  } else if (options.url.rfind("sqlite:", 0) == 0 && options.url.size() > 7) {
    dialect = Dialect::kSqlite;
    factory = [path = options.url.substr(7), t = options.busy_timeout] { return SqliteConnection::open(path, t); };
  } else {
    return invalid_argument_error("database_url: must be sqlite:PATH or postgresql://...", "database_url");
  }
  auto pool = std::make_shared<ConnectionPool>(std::move(factory), options.pool_size);
  // One connection now, so a wrong URL or an unreachable server fails at start-up, not at first use.
  Result<std::unique_ptr<Connection>> first = pool->acquire(options.acquire_timeout);
  if (!first.ok()) return first.status();
  if (dialect == Dialect::kPostgres && options.refuse_privileged_role) {
    if (Status s = check_role(**first); !s.ok()) return s;
  }
  pool->release(std::move(first).value());
  return std::make_unique<Database>(Tag{}, dialect, std::move(pool));
}

Transaction::Release Database::releaser() {
  return [pool = pool_](std::unique_ptr<Connection> c) { pool->release(std::move(c)); };
}

Result<std::unique_ptr<Connection>> Database::begin_on_connection(const char* begin_sql) {
  Result<std::unique_ptr<Connection>> conn = pool_->acquire(std::chrono::milliseconds(10000));
  if (!conn.ok()) return conn.status();
  if (Status s = (*conn)->exec_script(begin_sql); !s.ok()) {
    pool_->release(std::move(conn).value());
    return s;
  }
  return conn;
}

Result<OrgTransaction> Database::begin(const OrgScope& scope, TxMode mode) {
  const char* begin_sql = dialect_ == Dialect::kSqlite ? (mode == TxMode::kWrite ? "BEGIN IMMEDIATE" : "BEGIN")
                                                       : (mode == TxMode::kWrite ? "BEGIN" : "BEGIN READ ONLY");
  Result<std::unique_ptr<Connection>> conn = begin_on_connection(begin_sql);
  if (!conn.ok()) return conn.status();
  OrgTransaction tx(std::move(conn).value(), releaser(), scope);
  if (dialect_ == Dialect::kPostgres) {
    // is_local = true: the setting dies with the transaction, so a pooled connection never carries
    // one org's id into the next transaction (it reads as '' afterwards, which the policies treat as none).
    Result<RowSet> set = tx.query("SELECT set_config('app.org_id', $1, true)", {scope.org_id().to_string()});
    if (!set.ok()) return set.status();
  }
  return tx;
}

Result<SystemTransaction> Database::begin_system(TxMode mode) {
  const char* begin_sql = dialect_ == Dialect::kSqlite ? (mode == TxMode::kWrite ? "BEGIN IMMEDIATE" : "BEGIN")
                                                       : (mode == TxMode::kWrite ? "BEGIN" : "BEGIN READ ONLY");
  Result<std::unique_ptr<Connection>> conn = begin_on_connection(begin_sql);
  if (!conn.ok()) return conn.status();
  return SystemTransaction(std::move(conn).value(), releaser());
}

Result<PlatformReadTransaction> Database::begin_platform_read(const PlatformReadScope& scope) {
  Result<std::unique_ptr<Connection>> conn =
      begin_on_connection(dialect_ == Dialect::kSqlite ? "BEGIN" : "BEGIN READ ONLY");
  if (!conn.ok()) return conn.status();
  return PlatformReadTransaction(std::move(conn).value(), releaser(), scope);
}

Status Database::ping() {
  Result<SystemTransaction> tx = begin_system(TxMode::kRead);
  if (!tx.ok()) return tx.status();
  Result<RowSet> rs = tx->call(PrivilegedCall::kPing, {});
  if (!rs.ok()) return rs.status();
  return tx->commit();
}

}  // namespace fg::store
