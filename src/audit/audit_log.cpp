#include "audit/audit_log.hpp"

#include "audit/context_policy.hpp"

namespace fg::audit {
namespace {

constexpr const char* kLockSql = "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))";
constexpr const char* kOrgHeadSql = "SELECT seq, hash FROM audit_events WHERE org_id = $1 ORDER BY seq DESC LIMIT 1";
constexpr const char* kPlatformHeadSql = "SELECT seq, hash FROM platform_audit_events ORDER BY seq DESC LIMIT 1";
constexpr const char* kOrgInsertSql =
    "INSERT INTO audit_events (org_id, seq, ts, actor_kind, actor_id, actor_role, source_ip, action, target_type, "
    "target_id, result, request_id, context, prev_hash, hash) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)";
constexpr const char* kPlatformInsertSql =
    "INSERT INTO platform_audit_events (seq, ts, actor_kind, actor_id, actor_role, source_ip, action, target_type, "
    "target_id, result, request_id, context, prev_hash, hash) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)";

AuditRecord make_record(const Actor& actor, const AuditEvent& e, std::int64_t ts) {
  AuditRecord r;
  r.ts_micros = ts;
  r.actor_kind = std::string(actor_kind_name(actor.kind));
  r.actor_id = actor.id;
  r.actor_role = actor.role;
  r.source_ip = e.origin.source_ip;
  r.action = std::string(action_name(e.action));
  r.target_type = e.target_type;
  r.target_id = e.target_id;
  r.result = std::string(result_name(e.result));
  r.request_id = e.origin.request_id;
  r.context = e.context.dump();  // nlohmann keeps object keys sorted: one text per context
  return r;
}

// Reads the chain head (seq, hash) into r and chains r to it.
Status chain_to_head(store::Transaction& tx, const char* head_sql, const std::vector<store::SqlValue>& params,
                     AuditRecord& r) {
  Result<store::RowSet> head = tx.query(head_sql, params);
  if (!head.ok()) return head.status();
  r.seq = head->empty() ? 1 : head->int64(0, 0) + 1;
  r.prev_hash = head->empty() ? std::string(kGenesisHash) : head->text(0, 1);
  r.hash = compute_hash(r);
  return ok_status();
}

}  // namespace

Status AuditLog::append(store::OrgTransaction& tx, const AuditEvent& event) const {
  FG_TRY(check_context(event.context));
  AuditRecord r = make_record(tx.scope().actor(), event, clock_.now().micros);
  r.org_id = tx.org_id().to_string();
  if (tx.dialect() == store::Dialect::kPostgres) {
    Result<store::RowSet> lock = tx.query(kLockSql, {"fg-audit:" + r.org_id});
    if (!lock.ok()) return lock.status();
  }
  FG_TRY(chain_to_head(tx, kOrgHeadSql, {r.org_id}, r));
  Result<std::int64_t> ins = tx.exec(
      kOrgInsertSql, {r.org_id, r.seq, r.ts_micros, r.actor_kind, r.actor_id, r.actor_role, r.source_ip, r.action,
                      r.target_type, r.target_id, r.result, r.request_id, r.context, r.prev_hash, r.hash});
  return ins.ok() ? ok_status() : ins.status().with_context("audit append");
}

Status AuditLog::append_once(store::OrgTransaction& tx, const AuditEvent& event) const {
  if (tx.dialect() == store::Dialect::kPostgres) {
    // Take the chain lock first, so two concurrent retries cannot both find nothing and both append.
    Result<store::RowSet> lock = tx.query(kLockSql, {"fg-audit:" + tx.org_id().to_string()});
    if (!lock.ok()) return lock.status();
  }
  Result<store::RowSet> seen =
      tx.query("SELECT 1 FROM audit_events WHERE org_id = $1 AND action = $2 AND target_id = $3 LIMIT 1",
               {tx.org_id(), std::string(action_name(event.action)), event.target_id});
  if (!seen.ok()) return seen.status();
  if (!seen->empty()) return ok_status();
  return append(tx, event);
}

Status AuditLog::append_platform(store::SystemTransaction& tx, const Actor& actor, const AuditEvent& event) const {
  FG_TRY(check_context(event.context));
  AuditRecord r = make_record(actor, event, clock_.now().micros);
  if (tx.dialect() == store::Dialect::kPostgres) {
    Result<store::RowSet> lock = tx.query(kLockSql, {std::string("fg-audit:platform")});
    if (!lock.ok()) return lock.status();
  }
  FG_TRY(chain_to_head(tx, kPlatformHeadSql, {}, r));
  Result<std::int64_t> ins =
      tx.exec(kPlatformInsertSql, {r.seq, r.ts_micros, r.actor_kind, r.actor_id, r.actor_role, r.source_ip, r.action,
                                   r.target_type, r.target_id, r.result, r.request_id, r.context, r.prev_hash, r.hash});
  return ins.ok() ? ok_status() : ins.status().with_context("audit append");
}

}  // namespace fg::audit
