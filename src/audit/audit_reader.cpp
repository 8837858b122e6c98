#include "audit/audit_reader.hpp"

#include <nlohmann/json.hpp>

namespace fg::audit {
namespace {

constexpr int kBatch = 1000;

// The page query: every filter is a parameter that is either NULL (off) or a value.
constexpr const char* kPageSql =
    "SELECT seq, ts, actor_kind, actor_id, actor_role, source_ip, action, target_type, target_id, result, "
    "request_id, context, prev_hash, hash FROM audit_events WHERE org_id = $1 "
    "AND (CAST($2 AS BIGINT) IS NULL OR ts >= CAST($2 AS BIGINT)) "
    "AND (CAST($3 AS BIGINT) IS NULL OR ts < CAST($3 AS BIGINT)) "
    "AND (CAST($4 AS TEXT) IS NULL OR actor_id = CAST($4 AS TEXT)) "
    "AND (CAST($5 AS TEXT) IS NULL OR action = CAST($5 AS TEXT)) "
    "AND (CAST($6 AS TEXT) IS NULL OR result = CAST($6 AS TEXT)) "
    "AND (CAST($7 AS BIGINT) IS NULL OR seq < CAST($7 AS BIGINT)) "
    "ORDER BY seq DESC LIMIT $8";
constexpr const char* kOrgWalkSql =
    "SELECT seq, ts, actor_kind, actor_id, actor_role, source_ip, action, target_type, target_id, result, "
    "request_id, context, prev_hash, hash FROM audit_events WHERE org_id = $1 AND seq > $2 ORDER BY seq LIMIT $3";
constexpr const char* kLastSeqSql = "SELECT MAX(seq) FROM audit_events WHERE org_id = $1";
constexpr const char* kPlatformWalkSql =
    "SELECT seq, ts, actor_kind, actor_id, actor_role, source_ip, action, target_type, target_id, result, "
    "request_id, context, prev_hash, hash FROM platform_audit_events WHERE seq > $1 ORDER BY seq LIMIT $2";

AuditRecord read_row(const store::RowSet& rs, std::size_t r, const std::string& org_id) {
  AuditRecord a;
  a.org_id = org_id;
  a.seq = rs.int64(r, 0);
  a.ts_micros = rs.int64(r, 1);
  a.actor_kind = rs.text(r, 2);
  a.actor_id = rs.text(r, 3);
  a.actor_role = rs.text(r, 4);
  a.source_ip = rs.text(r, 5);
  a.action = rs.text(r, 6);
  a.target_type = rs.text(r, 7);
  a.target_id = rs.text(r, 8);
  a.result = rs.text(r, 9);
  a.request_id = rs.text(r, 10);
  a.context = rs.text(r, 11);
  a.prev_hash = rs.text(r, 12);
  a.hash = rs.text(r, 13);
  return a;
}

store::SqlValue opt(const std::optional<std::int64_t>& v) {
  return v ? store::SqlValue(*v) : store::SqlValue();
}
store::SqlValue opt(const std::optional<std::string>& v) {
  return v ? store::SqlValue(*v) : store::SqlValue();
}

std::string csv_cell(const std::string& v) {
  std::string s = v;
  // Spreadsheet formula injection: a cell starting with one of these is read as a formula.
  if (!s.empty() && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@')) s.insert(s.begin(), '\'');
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

// One batch of a chain in seq order after `after` (keyset). `walk_sql` takes the chain's own parameters
// first, then the last seq and the batch size.
Result<std::vector<AuditRecord>> read_batch(store::Transaction& tx, const char* walk_sql,
                                            std::vector<store::SqlValue> params, const std::string& org_id,
                                            std::int64_t after, int limit) {
  params.emplace_back(after);
  params.emplace_back(std::int64_t{limit});
  FG_ASSIGN_OR_RETURN(store::RowSet rs, tx.query(walk_sql, params));
  std::vector<AuditRecord> out;
  out.reserve(rs.size());
  for (std::size_t r = 0; r < rs.size(); ++r) out.push_back(read_row(rs, r, org_id));
  return out;
}

Status walk_chain(store::Transaction& tx, const char* walk_sql, const std::vector<store::SqlValue>& chain_params,
                  const std::string& org_id, const RecordSink& sink) {
  std::int64_t after = 0;
  for (;;) {
    FG_ASSIGN_OR_RETURN(std::vector<AuditRecord> batch, read_batch(tx, walk_sql, chain_params, org_id, after, kBatch));
    for (const AuditRecord& rec : batch) {
      after = rec.seq;
      FG_TRY(sink(rec));
    }
    if (batch.size() < static_cast<std::size_t>(kBatch)) return ok_status();
  }
}

}  // namespace

Result<AuditPage> list_events(store::OrgTransaction& tx, const AuditQuery& q) {
  if (q.limit < 1 || q.limit > kMaxPageSize) return invalid_argument_error("limit must be 1 to 500", "limit");
  if (q.action && !parse_action(*q.action)) return invalid_argument_error("unknown action", "action");
  if (q.result && !parse_result(*q.result))
    return invalid_argument_error("must be success, denied or failed", "result");
  // One extra row tells whether another page follows.
  Result<store::RowSet> rs =
      tx.query(kPageSql, {tx.org_id(), opt(q.from_micros), opt(q.to_micros), opt(q.actor_id), opt(q.action),
                          opt(q.result), opt(q.before_seq), std::int64_t{q.limit + 1}});
  if (!rs.ok()) return rs.status();
  AuditPage page;
  const std::string org = tx.org_id().to_string();
  for (std::size_t r = 0; r < rs->size() && static_cast<int>(r) < q.limit; ++r)
    page.records.push_back(read_row(*rs, r, org));
  if (static_cast<int>(rs->size()) > q.limit) page.next_cursor = page.records.back().seq;
  return page;
}

Status for_each_event(store::OrgTransaction& tx, const RecordSink& sink) {
  const std::string org = tx.org_id().to_string();
  return walk_chain(tx, kOrgWalkSql, {org}, org, sink);
}

Result<std::vector<AuditRecord>> read_events_after(store::OrgTransaction& tx, std::int64_t after_seq, int limit) {
  if (limit < 1 || limit > kBatch) return invalid_argument_error("limit must be 1 to 1000", "limit");
  const std::string org = tx.org_id().to_string();
  return read_batch(tx, kOrgWalkSql, {org}, org, after_seq, limit);
}

Result<std::int64_t> last_seq(store::OrgTransaction& tx) {
  FG_ASSIGN_OR_RETURN(store::RowSet rs, tx.query(kLastSeqSql, {tx.org_id().to_string()}));
  return rs.size() == 0 || rs.is_null(0, 0) ? std::int64_t{0} : rs.int64(0, 0);
}

Status for_each_platform_event(store::SystemTransaction& tx, const RecordSink& sink) {
  return walk_chain(tx, kPlatformWalkSql, {}, "", sink);
}

nlohmann::json to_json(const AuditRecord& r) {
  nlohmann::json context = nlohmann::json::parse(r.context, nullptr, false);
  return {{"org_id", r.org_id},
          {"seq", r.seq},
          {"ts", r.ts_micros},
          {"actor_kind", r.actor_kind},
          {"actor_id", r.actor_id},
          {"actor_role", r.actor_role},
          {"source_ip", r.source_ip},
          {"action", r.action},
          {"target_type", r.target_type},
          {"target_id", r.target_id},
          {"result", r.result},
          {"request_id", r.request_id},
          {"context", context.is_discarded() ? nlohmann::json::object() : context},
          {"prev_hash", r.prev_hash},
          {"hash", r.hash}};
}

std::string to_json_line(const AuditRecord& r) {
  return to_json(r).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string csv_header() {
  return "org_id,seq,ts,actor_kind,actor_id,actor_role,source_ip,action,target_type,target_id,result,request_id,"
         "context,prev_hash,hash";
}

std::string to_csv_line(const AuditRecord& r) {
  const std::string cells[] = {r.org_id,
                               std::to_string(r.seq),
                               std::to_string(r.ts_micros),
                               r.actor_kind,
                               r.actor_id,
                               r.actor_role,
                               r.source_ip,
                               r.action,
                               r.target_type,
                               r.target_id,
                               r.result,
                               r.request_id,
                               r.context,
                               r.prev_hash,
                               r.hash};
  std::string out;
  for (std::size_t i = 0; i < std::size(cells); ++i) {
    if (i != 0) out += ',';
    out += csv_cell(cells[i]);
  }
  return out;
}

}  // namespace fg::audit
