// SqliteConnection: a Connection on one SQLite database file (WAL, foreign keys, busy timeout).
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "store/connection.hpp"

struct sqlite3;

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
  Result<RowSet> run(std::string_view sql, const std::vector<SqlValue>& params, std::int64_t* changes);
  Status error(int rc) const;

  sqlite3* db_;
};

}  // namespace fg::store
