#include "store/internal/postgres_connection.hpp"

#include <cstring>

#include <libpq-fe.h>

#include "core/log.hpp"

namespace fg::store {
namespace {

constexpr Oid kByteaOid = 17;

struct ResultCloser {
  void operator()(PGresult* r) const { PQclear(r); }
};
using PgResult = std::unique_ptr<PGresult, ResultCloser>;

// Maps SQLSTATE classes to the canonical codes; the server's text goes to the debug log only.
Status pg_error(PGconn* conn, const PGresult* res) {
  const char* state = res != nullptr ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
  const std::string code = state != nullptr ? state : "";
  const char* detail = res != nullptr ? PQresultErrorMessage(res) : PQerrorMessage(conn);
  log::debug("postgres error", {{"sqlstate", code}, {"detail", detail != nullptr ? detail : ""}});
  if (code == "23505") return conflict_error("already exists");
  if (code == "23503") return conflict_error("refers to a missing or still-referenced record");
  if (code.rfind("23", 0) == 0) return invalid_argument_error("violates a database constraint");
  if (code == "42501")
    return permission_denied_error("refused by the database: insufficient privilege or row-level security");
  if (code == "P0001") {
    // RAISE EXCEPTION from our triggers (e.g. the append-only audit log): its message is ours.
    const char* primary = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
    return permission_denied_error(std::string("refused by the database: ") + (primary ? primary : ""));
  }
  if (code == "40001" || code == "40P01" || code == "55P03" || code == "57014" || code.rfind("08", 0) == 0) {
    return unavailable_error("database busy or unreachable; retry");
  }
  if (code == "22P02") return invalid_argument_error("malformed value for a database column");
  return internal_error("database error");
}

std::string decode_bytea_hex(const char* text, int len) {
  // Text-format BYTEA is "\x" followed by hex digits.
  std::string out;
  if (len < 2 || text[0] != '\\' || text[1] != 'x') return std::string(text, len);
  out.reserve(static_cast<std::size_t>(len - 2) / 2);
  auto hex = [](char c) { return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10; };
  for (int i = 2; i + 1 < len; i += 2) out.push_back(static_cast<char>(hex(text[i]) * 16 + hex(text[i + 1])));
  return out;
}

}  // namespace

Result<std::unique_ptr<Connection>> PostgresConnection::open(const std::string& url) {
  PGconn* conn = PQconnectdb(url.c_str());
  if (conn == nullptr || PQstatus(conn) != CONNECTION_OK) {
    // PQerrorMessage can echo connection parameters; keep it out of the Status.
    if (conn != nullptr) {
      log::debug("postgres connect failed", {{"detail", PQerrorMessage(conn)}});
      PQfinish(conn);
    }
    return unavailable_error("cannot connect to PostgreSQL");
  }
  auto c = std::make_unique<PostgresConnection>(Tag{}, conn);
  FG_TRY(c->exec_script("SET client_min_messages = warning"));
  return std::unique_ptr<Connection>(std::move(c));
}

PostgresConnection::~PostgresConnection() {
  if (conn_ != nullptr) PQfinish(conn_);
}

bool PostgresConnection::healthy() const {
  return conn_ != nullptr && PQstatus(conn_) == CONNECTION_OK;
}

Result<RowSet> PostgresConnection::run(std::string_view sql, const std::vector<SqlValue>& params,
                                       std::int64_t* changes) {
  std::vector<std::string> texts(params.size());
  std::vector<const char*> values(params.size(), nullptr);
  std::vector<int> lengths(params.size(), 0);
  std::vector<int> formats(params.size(), 0);
  for (std::size_t i = 0; i < params.size(); ++i) {
    const auto& v = params[i].get();
    if (std::holds_alternative<Null>(v)) continue;
    if (const auto* n = std::get_if<std::int64_t>(&v)) {
      texts[i] = std::to_string(*n);
    } else if (const auto* s = std::get_if<std::string>(&v)) {
      texts[i] = *s;
    } else {
      texts[i] = std::get<Bytes>(v).data;
      formats[i] = 1;  // binary: bytes travel unescaped
    }
    values[i] = texts[i].data();
    lengths[i] = static_cast<int>(texts[i].size());
  }
  const std::string text(sql);
  PgResult res(PQexecParams(conn_, text.c_str(), static_cast<int>(params.size()), nullptr, values.data(),
                            lengths.data(), formats.data(), 0));
  const ExecStatusType st = res ? PQresultStatus(res.get()) : PGRES_FATAL_ERROR;
  if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) return pg_error(conn_, res.get());
  const int ncols = PQnfields(res.get());
  std::vector<std::string> names;
  for (int c = 0; c < ncols; ++c) names.emplace_back(PQfname(res.get(), c));
  RowSet rows(std::move(names));
  const int nrows = PQntuples(res.get());
  for (int r = 0; r < nrows; ++r) {
    std::vector<RowSet::Cell> row(ncols);
    for (int c = 0; c < ncols; ++c) {
      if (PQgetisnull(res.get(), r, c)) continue;
      const char* p = PQgetvalue(res.get(), r, c);
      const int len = PQgetlength(res.get(), r, c);
      row[c] = PQftype(res.get(), c) == kByteaOid ? decode_bytea_hex(p, len) : std::string(p, len);
    }
    rows.add_row(std::move(row));
  }
  if (changes != nullptr) {
    const char* n = PQcmdTuples(res.get());
    *changes = (n != nullptr && *n != '\0') ? std::strtoll(n, nullptr, 10) : 0;
  }
  return rows;
}

Result<RowSet> PostgresConnection::query(std::string_view sql, const std::vector<SqlValue>& params) {
  return run(sql, params, nullptr);
}

Result<std::int64_t> PostgresConnection::exec(std::string_view sql, const std::vector<SqlValue>& params) {
  std::int64_t changes = 0;
  Result<RowSet> r = run(sql, params, &changes);
  if (!r.ok()) return r.status();
  return changes;
}

Status PostgresConnection::exec_script(std::string_view sql) {
  const std::string text(sql);
  PgResult res(PQexec(conn_, text.c_str()));
  const ExecStatusType st = res ? PQresultStatus(res.get()) : PGRES_FATAL_ERROR;
  if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK && st != PGRES_EMPTY_QUERY) return pg_error(conn_, res.get());
  return ok_status();
}

}  // namespace fg::store
