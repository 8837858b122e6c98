#include "store/internal/sqlite_connection.hpp"

#include <string>
#include <thread>

#include <sqlite3.h>

#include "core/log.hpp"

namespace fg::store {
namespace {

// Bounds the statement cache; the application's statements are a fixed set far below this.
constexpr std::size_t kMaxCachedStatements = 256;

// Leaves a cached statement reset and unbound on every return: a statement stopped before
// SQLITE_DONE would otherwise keep its read transaction open.
struct StmtReset {
  sqlite3_stmt* stmt;
  ~StmtReset() {
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
  }
};

}  // namespace

void SqliteConnection::StmtFinalizer::operator()(sqlite3_stmt* s) const {
  sqlite3_finalize(s);
}

Result<std::unique_ptr<Connection>> SqliteConnection::open(const std::string& path,
                                                           std::chrono::milliseconds busy_timeout) {
  sqlite3* db = nullptr;
  const int rc =
      sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_close(db);
    return unavailable_error("cannot open the SQLite database");
  }
  auto conn = std::make_unique<SqliteConnection>(Tag{}, db);
  sqlite3_busy_timeout(db, static_cast<int>(busy_timeout.count()));
  // WAL lets readers run beside the one writer; NORMAL sync is durable across process crashes in WAL.
  // Switching a fresh file to WAL needs an exclusive lock, and SQLite reports a competing opener as
  // busy at once rather than through the busy handler, so retry here within the same time budget.
  const auto deadline = std::chrono::steady_clock::now() + busy_timeout;
  for (;;) {
    Status s = conn->exec_script("PRAGMA journal_mode=WAL");
    if (s.ok()) break;
    if (s.code() != StatusCode::kUnavailable || std::chrono::steady_clock::now() >= deadline) return s;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  FG_TRY(conn->exec_script("PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"));
  return std::unique_ptr<Connection>(std::move(conn));
}

SqliteConnection::~SqliteConnection() {
  statements_.clear();  // finalized before the handle closes
  if (db_ != nullptr) sqlite3_close_v2(db_);
}

Status SqliteConnection::error(int rc) const {
  const int ext = sqlite3_extended_errcode(db_);
  // The engine's text names tables and constraints, not values; it goes to the log, not the caller.
  log::debug("sqlite error", {{"code", std::to_string(ext)}, {"detail", sqlite3_errmsg(db_)}});
  switch (ext) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY: return conflict_error("already exists");
    case SQLITE_CONSTRAINT_FOREIGNKEY: return conflict_error("refers to a missing or still-referenced record");
    case SQLITE_CONSTRAINT_TRIGGER:
      return permission_denied_error(std::string("refused by the database: ") + sqlite3_errmsg(db_));
    default: break;
  }
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return unavailable_error("database busy");
    case SQLITE_CONSTRAINT: return invalid_argument_error("violates a database constraint");
    default: return internal_error("database error");
  }
}

Result<sqlite3_stmt*> SqliteConnection::prepared(std::string_view sql) {
  std::string key(sql);
  if (auto it = statements_.find(key); it != statements_.end()) return it->second.get();
  sqlite3_stmt* raw = nullptr;
  const int rc =
      sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &raw, nullptr);
  CachedStmt stmt(raw);
  if (rc != SQLITE_OK) return error(rc).with_context("prepare");
  if (statements_.size() >= kMaxCachedStatements) statements_.clear();
  return statements_.emplace(std::move(key), std::move(stmt)).first->second.get();
}

Result<RowSet> SqliteConnection::run(std::string_view sql, const std::vector<SqlValue>& params, std::int64_t* changes) {
  FG_ASSIGN_OR_RETURN(sqlite3_stmt * raw, prepared(sql));
  const StmtReset reset{raw};
  int rc = SQLITE_OK;
  const int declared = sqlite3_bind_parameter_count(raw);
  if (declared != static_cast<int>(params.size())) return internal_error("statement parameter count mismatch");
  for (std::size_t i = 0; i < params.size(); ++i) {
    // $N placeholders are named parameters in SQLite; bind by name so $2 before $1 stays right.
    const std::string name = "$" + std::to_string(i + 1);
    const int idx = sqlite3_bind_parameter_index(raw, name.c_str());
    if (idx == 0) return internal_error("statement lacks placeholder " + name);
    const auto& v = params[i].get();
    if (std::holds_alternative<Null>(v)) {
      rc = sqlite3_bind_null(raw, idx);
    } else if (const auto* n = std::get_if<std::int64_t>(&v)) {
      rc = sqlite3_bind_int64(raw, idx, *n);
    } else if (const auto* s = std::get_if<std::string>(&v)) {
      rc = sqlite3_bind_text(raw, idx, s->data(), static_cast<int>(s->size()), SQLITE_TRANSIENT);
    } else {
      const auto& b = std::get<Bytes>(v);
      rc = sqlite3_bind_blob(raw, idx, b.data.data(), static_cast<int>(b.data.size()), SQLITE_TRANSIENT);
    }
    if (rc != SQLITE_OK) return error(rc).with_context("bind");
  }
  const int ncols = sqlite3_column_count(raw);
  std::vector<std::string> names;
  for (int c = 0; c < ncols; ++c) names.emplace_back(sqlite3_column_name(raw, c));
  RowSet rows(std::move(names));
  while ((rc = sqlite3_step(raw)) == SQLITE_ROW) {
    std::vector<RowSet::Cell> row(ncols);
    for (int c = 0; c < ncols; ++c) {
      const int type = sqlite3_column_type(raw, c);
      if (type == SQLITE_NULL) continue;
      if (type == SQLITE_BLOB) {
        const void* p = sqlite3_column_blob(raw, c);
        row[c] = std::string(static_cast<const char*>(p), sqlite3_column_bytes(raw, c));
      } else {
        const unsigned char* p = sqlite3_column_text(raw, c);
        row[c] = std::string(reinterpret_cast<const char*>(p), sqlite3_column_bytes(raw, c));
      }
    }
    rows.add_row(std::move(row));
  }
  if (rc != SQLITE_DONE) return error(rc);
  if (changes != nullptr) *changes = sqlite3_changes64(db_);
  return rows;
}

Result<RowSet> SqliteConnection::query(std::string_view sql, const std::vector<SqlValue>& params) {
  return run(sql, params, nullptr);
}

Result<std::int64_t> SqliteConnection::exec(std::string_view sql, const std::vector<SqlValue>& params) {
  std::int64_t changes = 0;
  Result<RowSet> r = run(sql, params, &changes);
  if (!r.ok()) return r.status();
  return changes;
}

Status SqliteConnection::exec_script(std::string_view sql) {
  const std::string text(sql);
  const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return error(rc);
  return ok_status();
}

}  // namespace fg::store
