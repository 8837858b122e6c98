// Connection: one database session of a backend (SQLite or PostgreSQL). Used only through a
// Transaction; the pool hands connections out and takes them back.
//
// Statements use $1, $2, ... placeholders on both backends, so one SQL text serves both where the
// dialects agree. Not thread-safe: one thread uses a connection at a time.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "store/row_set.hpp"
#include "store/sql_value.hpp"

namespace fg::store {

enum class Dialect { kSqlite, kPostgres };

class Connection {
 public:
  virtual ~Connection() = default;
  virtual Dialect dialect() const = 0;
  //! Runs a statement returning rows.
  virtual Result<RowSet> query(std::string_view sql, const std::vector<SqlValue>& params) = 0;
  //! Runs a statement; returns the number of rows it changed.
  virtual Result<std::int64_t> exec(std::string_view sql, const std::vector<SqlValue>& params) = 0;
  //! Runs several parameterless statements (migrations). Never with data.
  virtual Status exec_script(std::string_view sql) = 0;
  //! False once the connection is broken; the pool drops it.
  virtual bool healthy() const = 0;
};

}  // namespace fg::store
