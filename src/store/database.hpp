// Database: the metadata store. One interface, two real backends chosen by URL:
//   sqlite:PATH            — the embedded default (WAL, foreign keys on, busy timeout)
//   postgresql://...       — PostgreSQL 15 with deny-by-default row-level security; sslmode and the
//                            other libpq URL parameters are honoured
//
// The application connects to PostgreSQL as a login role in finguard_app, which does not own the
// tables; migrations run as the owner (see migrator.hpp). Thread-safe: transactions may be begun from
// any thread; each holds one pooled connection.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "core/org_scope.hpp"
#include "core/result.hpp"
#include "store/transaction.hpp"

namespace fg::store {

class ConnectionPool;

struct DatabaseOptions {
  std::string url;                                   //!< sqlite:PATH or postgresql://...
  int pool_size = 8;                                 //!< connections per process
  std::chrono::milliseconds acquire_timeout{10000};  //!< wait for a free connection
  std::chrono::milliseconds busy_timeout{10000};     //!< SQLite: wait for the write lock
  //! Refuse to run as a PostgreSQL superuser, a BYPASSRLS role or the table owner (production).
  bool refuse_privileged_role = false;
};

enum class TxMode {
  kRead,   //!< may read; on SQLite does not take the write lock
  kWrite,  //!< may write; on SQLite takes the write lock at BEGIN (no lock upgrade deadlocks)
};

class Database {
  // Keeps construction to open() while letting make_unique call the constructor.
  struct Tag {
    explicit Tag() = default;
  };

 public:
  //! Opens the pool (one connection is made at once to fail fast). invalid_argument for a bad URL,
  //! unavailable when the server cannot be reached, permission_denied for a privileged role when refused.
  static Result<std::unique_ptr<Database>> open(const DatabaseOptions& options);

  Database(Tag, Dialect dialect, std::shared_ptr<ConnectionPool> pool);
  ~Database();
  Dialect dialect() const { return dialect_; }

  //! A transaction on one org's tenant data.
  Result<OrgTransaction> begin(const OrgScope& scope, TxMode mode = TxMode::kWrite);
  //! A transaction on non-tenant tables and the privileged calls.
  Result<SystemTransaction> begin_system(TxMode mode = TxMode::kWrite);
  //! A read-only transaction for a platform administrator.
  Result<PlatformReadTransaction> begin_platform_read(const PlatformReadScope& scope);

  //! OK when a connection answers. For /readyz.
  Status ping();

 private:
  Result<std::unique_ptr<Connection>> begin_on_connection(const char* begin_sql);
  Transaction::Release releaser();

  Dialect dialect_;
  std::shared_ptr<ConnectionPool> pool_;
};

}  // namespace fg::store
