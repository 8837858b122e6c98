// Transactions: the only way to run SQL. A transaction holds one pooled connection from begin to
// commit; destroying it uncommitted rolls back.
//
// Three kinds, so the type says what a transaction may touch:
//   * OrgTransaction — tenant data of one org. Made from an OrgScope; on PostgreSQL it also sets
//     app.org_id for the transaction (set_config(..., true)), so RLS enforces the same org again.
//   * SystemTransaction — tables that belong to no tenant (users, orgs being created, migrations) and
//     the documented privileged calls (PrivilegedCall) that cross orgs on purpose.
//   * PlatformReadTransaction — READ ONLY, for platform administrators; only privileged read calls.
//
//   Result<OrgTransaction> tx = db.begin(scope);
//   FG_TRY(tx->exec("UPDATE connections SET name = $1 WHERE id = $2", {name, id}));
//   FG_TRY(tx->commit());
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string_view>
#include <vector>

#include "core/org_scope.hpp"
#include "core/result.hpp"
#include "store/connection.hpp"
#include "store/privileged_call.hpp"

namespace fg::store {

class Database;

class Transaction {
 public:
  //! The connection goes back to its pool through `release` when the transaction ends.
  using Release = std::function<void(std::unique_ptr<Connection>)>;

  Transaction(Transaction&& other) noexcept;
  Transaction& operator=(Transaction&&) = delete;
  Transaction(const Transaction&) = delete;
  ~Transaction();

  Dialect dialect() const { return conn_->dialect(); }
  Result<RowSet> query(std::string_view sql, const std::vector<SqlValue>& params = {});
  Result<std::int64_t> exec(std::string_view sql, const std::vector<SqlValue>& params = {});
  //! Commits. After a failed statement the transaction can only roll back (commit returns the error).
  Status commit();
  //! Rolls back now (the destructor does it too).
  void rollback();

 protected:
  Transaction(std::unique_ptr<Connection> conn, Release release);
  Connection& connection() { return *conn_; }

 private:
  std::unique_ptr<Connection> conn_;
  Release release_;
  bool open_ = true;
  Status failed_;  // the first statement error; commit refuses after one
};

class OrgTransaction : public Transaction {
 public:
  const OrgScope& scope() const { return scope_; }
  const OrgId& org_id() const { return scope_.org_id(); }

 private:
  friend class Database;
  OrgTransaction(std::unique_ptr<Connection> conn, Release release, const OrgScope& scope)
      : Transaction(std::move(conn), std::move(release)), scope_(scope) {}
  OrgScope scope_;
};

class SystemTransaction : public Transaction {
 public:
  //! Runs one of the documented cross-org calls (see privileged_call.hpp).
  Result<RowSet> call(PrivilegedCall which, const std::vector<SqlValue>& params);

 private:
  friend class Database;
  using Transaction::Transaction;
};

class PlatformReadTransaction : public Transaction {
 public:
  //! Only the read-only privileged calls are accepted (permission_denied otherwise).
  Result<RowSet> call(PrivilegedCall which, const std::vector<SqlValue>& params);
  const PlatformReadScope& scope() const { return scope_; }

 private:
  friend class Database;
  PlatformReadTransaction(std::unique_ptr<Connection> conn, Release release, const PlatformReadScope& scope)
      : Transaction(std::move(conn), std::move(release)), scope_(scope) {}
  PlatformReadScope scope_;
};

}  // namespace fg::store
