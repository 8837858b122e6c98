#include "support/pg_test_db.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <thread>

#include <libpq-fe.h>

#include "core/uuid.hpp"
#include "store/migrator.hpp"
#include "support/test_env.hpp"

namespace fg::testing {
namespace {

constexpr const char* kAppRole = "fg_app_test";
constexpr const char* kAppPassword = "fg-app-test-password-0123456789";

// postgresql://user@host:port/db -> the same URL with another user (and password) and database.
std::string with_user_and_db(const std::string& url, const std::string& userinfo, const std::string& db) {
  const std::string scheme = "postgresql://";
  std::string rest = url.substr(url.find("://") + 3);
  const std::size_t at = rest.find('@');
  if (at != std::string::npos) rest = rest.substr(at + 1);
  const std::size_t slash = rest.find('/');
  const std::string hostport = slash == std::string::npos ? rest : rest.substr(0, slash);
  return scheme + userinfo + "@" + hostport + "/" + db;
}

std::string admin_user(const std::string& url) {
  std::string rest = url.substr(url.find("://") + 3);
  const std::size_t at = rest.find('@');
  return at == std::string::npos ? "postgres" : rest.substr(0, at);
}

}  // namespace

std::string pg_admin_exec(const std::string& url, const std::string& sql) {
  PGconn* c = PQconnectdb(url.c_str());
  std::string err;
  if (PQstatus(c) != CONNECTION_OK) {
    err = PQerrorMessage(c);
  } else {
    PGresult* r = PQexec(c, sql.c_str());
    const ExecStatusType st = PQresultStatus(r);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) err = PQresultErrorMessage(r);
    PQclear(r);
  }
  PQfinish(c);
  return err;
}

std::optional<PgTestDb> create_pg_test_db() {
  const std::optional<std::string> admin = pg_admin_url();
  if (!admin) return std::nullopt;
  std::string id = Uuid::random().to_string();
  id.erase(std::remove(id.begin(), id.end(), '-'), id.end());
  PgTestDb db;
  db.name = "fg_t_" + id.substr(0, 16);
  if (std::string e = pg_admin_exec(*admin, "CREATE DATABASE " + db.name); !e.empty()) {
    std::fprintf(stderr, "create_pg_test_db: %s\n", e.c_str());
    std::abort();
  }
  db.admin_url = with_user_and_db(*admin, admin_user(*admin), db.name);
  // Test programs run in parallel (ctest -j) against one server, and roles are cluster-wide: two of
  // them creating or altering the shared app role at once can fail with "tuple concurrently updated".
  // That is a test-harness race, not a product behaviour, so retry a few times before giving up.
  Status last;
  for (int attempt = 0; attempt < 10; ++attempt) {
    Result<store::MigrationReport> m = store::migrate(db.admin_url);
    last = m.ok() ? store::create_app_login_role(db.admin_url, kAppRole, kAppPassword) : m.status();
    if (last.ok()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100 + 100 * attempt));
  }
  if (!last.ok()) {
    std::fprintf(stderr, "create_pg_test_db: migrate or app role: %s\n", last.to_string().c_str());
    std::abort();
  }
  db.app_url = with_user_and_db(*admin, std::string(kAppRole) + ":" + kAppPassword, db.name);
  return db;
}

}  // namespace fg::testing
