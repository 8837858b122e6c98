// SqliteConnection: a Connection on one SQLite database file (WAL, foreign keys, busy timeout).
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <unordered_map>

#include "store/connection.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace fg::store {

class SqliteConnection final : public Connection {
  // Keeps construction to open() while letting make_unique call the constructor.
  struct Tag {
    explicit Tag() = default;
  };

 public:
  //! Opens (creating if needed) `path`. unavailable if it cannot be opened.
  static Result<std::unique_ptr<Connection>> open(const std::string& path, std::chrono::milliseconds busy_timeout);
  SqliteConnection(Tag, sqlite3* db) : db_(db) {}
  ~SqliteConnection() override;

  // Connection
  Dialect dialect() const override { return Dialect::kSqlite; }
  Result<RowSet> query(std::string_view sql, const std::vector<SqlValue>& params) override;
  Result<std::int64_t> exec(std::string_view sql, const std::vector<SqlValue>& params) override;
  Status exec_script(std::string_view sql) override;
  bool healthy() const override { return db_ != nullptr; }

 private:
  struct StmtFinalizer {
    void operator()(sqlite3_stmt* s) const;
  };
  using CachedStmt = std::unique_ptr<sqlite3_stmt, StmtFinalizer>;

  Result<RowSet> run(std::string_view sql, const std::vector<SqlValue>& params, std::int64_t* changes);
  //! The prepared statement of `sql`, from the cache or prepared now and cached.
  Result<sqlite3_stmt*> prepared(std::string_view sql);
  Status error(int rc) const;

  sqlite3* db_;
  // Prepared statements by SQL text. Preparing dominated short queries: an authenticated read spent
  // about 40% of its CPU in SQLite, most of it parsing the same few statements again. The pool hands
  // a connection to one thread at a time, so the cache needs no lock.
  std::unordered_map<std::string, CachedStmt> statements_;
};

}  // namespace fg::store
