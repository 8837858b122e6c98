// PostgresConnection: a Connection over libpq (text results, binary BYTEA parameters).
#pragma once

#include <memory>
#include <string>

#include "store/connection.hpp"

struct pg_conn;

namespace fg::store {

class PostgresConnection final : public Connection {
  // Keeps construction to open() while letting make_unique call the constructor.
  struct Tag {
    explicit Tag() = default;
  };

 public:
  //! Connects to `url` (libpq URL; sslmode etc. honoured). unavailable if the server cannot be reached.
  //! The URL may carry a password: it is never logged or put in an error.
  static Result<std::unique_ptr<Connection>> open(const std::string& url);
  PostgresConnection(Tag, pg_conn* conn) : conn_(conn) {}
  ~PostgresConnection() override;

  // Connection
  Dialect dialect() const override { return Dialect::kPostgres; }
  Result<RowSet> query(std::string_view sql, const std::vector<SqlValue>& params) override;
  Result<std::int64_t> exec(std::string_view sql, const std::vector<SqlValue>& params) override;
  Status exec_script(std::string_view sql) override;
  bool healthy() const override;

 private:
  Result<RowSet> run(std::string_view sql, const std::vector<SqlValue>& params, std::int64_t* changes);

  pg_conn* conn_;
};

}  // namespace fg::store
