#include "store/transaction.hpp"

#include "core/log.hpp"

namespace fg::store {

Transaction::Transaction(std::unique_ptr<Connection> conn, Release release)
    : conn_(std::move(conn)), release_(std::move(release)) {}

Transaction::Transaction(Transaction&& other) noexcept
    : conn_(std::move(other.conn_)), release_(std::move(other.release_)), open_(other.open_), failed_(other.failed_) {
  other.open_ = false;
}

Transaction::~Transaction() {
  rollback();
}

Result<RowSet> Transaction::query(std::string_view sql, const std::vector<SqlValue>& params) {
  if (!open_) return internal_error("transaction is closed");
  Result<RowSet> r = conn_->query(sql, params);
  if (!r.ok() && failed_.ok()) failed_ = r.status();
  return r;
}

Result<std::int64_t> Transaction::exec(std::string_view sql, const std::vector<SqlValue>& params) {
  if (!open_) return internal_error("transaction is closed");
  Result<std::int64_t> r = conn_->exec(sql, params);
  if (!r.ok() && failed_.ok()) failed_ = r.status();
  return r;
}

Status Transaction::commit() {
  if (!open_) return internal_error("transaction is closed");
  if (!failed_.ok()) {
    // PostgreSQL refuses every statement after an error; SQLite would commit the part that ran.
    // Both must behave alike: a transaction with a failed statement never commits.
    rollback();
    return failed_;
  }
  Status s = conn_->exec_script("COMMIT");
  open_ = false;
  if (!s.ok()) conn_->exec_script("ROLLBACK").ok();
  if (release_) release_(std::move(conn_));
  return s;
}

void Transaction::rollback() {
  if (!open_ || !conn_) return;
  open_ = false;
  if (Status s = conn_->exec_script("ROLLBACK"); !s.ok()) log::warn("rollback failed", {{"error", s.to_string()}});
  if (release_) release_(std::move(conn_));
}

Result<RowSet> SystemTransaction::call(PrivilegedCall which, const std::vector<SqlValue>& params) {
  return query(privileged_sql(which, dialect() == Dialect::kPostgres), params);
}

Result<RowSet> PlatformReadTransaction::call(PrivilegedCall which, const std::vector<SqlValue>& params) {
  if (!is_read_only(which)) return permission_denied_error("platform administrators have read-only access");
  return query(privileged_sql(which, dialect() == Dialect::kPostgres), params);
}

}  // namespace fg::store
