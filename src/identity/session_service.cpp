#include "identity/session_service.hpp"

#include "identity/internal/audit_event.hpp"
#include "identity/internal/credential_hash.hpp"

namespace fg::identity {
namespace {

Status revoke_one(const IdentityContext& ctx, const OrgScope& scope, const std::string& session_id,
                  audit::AuditAction action, const audit::Origin& meta) {
  if (!Uuid::parse(session_id).ok() || scope.actor().kind != Actor::Kind::kUser) {
    return not_found_error("session not found");
  }
  FG_ASSIGN_OR_RETURN(store::OrgTransaction tx, ctx.db.begin(scope));
  const std::int64_t now = ctx.clock.now().micros;
  FG_ASSIGN_OR_RETURN(std::int64_t n, tx.exec("UPDATE sessions SET revoked_at = $1 WHERE id = $2 AND user_id = $3 "
                                              "AND org_id = $4 AND revoked_at IS NULL",
                                              {now, session_id, scope.actor().id, scope.org_id()}));
  if (n != 1) return not_found_error("session not found");
  audit::AuditEvent e = internal::make_event(action, "session", session_id, meta);
  FG_TRY(ctx.audit.append(tx, e));
  return tx.commit();
}

}  // namespace

Result<std::vector<SessionInfo>> SessionService::list(const OrgScope& scope, const std::string& current) const {
  if (scope.actor().kind != Actor::Kind::kUser) return std::vector<SessionInfo>();
  FG_ASSIGN_OR_RETURN(store::OrgTransaction tx, ctx_.db.begin(scope, store::TxMode::kRead));
  const std::int64_t now = ctx_.clock.now().micros;
  FG_ASSIGN_OR_RETURN(store::RowSet rs,
                      tx.query("SELECT id, created_at, last_seen_at, expires_at, ip, user_agent FROM sessions WHERE "
                               "org_id = $1 AND user_id = $2 AND revoked_at IS NULL AND expires_at > $3 "
                               "ORDER BY created_at DESC",
                               {scope.org_id(), scope.actor().id, now}));
  std::vector<SessionInfo> out;
  for (std::size_t r = 0; r < rs.size(); ++r) {
    out.push_back(SessionInfo{rs.text(r, 0), Timestamp{rs.int64(r, 1)}, Timestamp{rs.int64(r, 2)},
                              Timestamp{rs.int64(r, 3)}, rs.text(r, 4), rs.text(r, 5), rs.text(r, 0) == current});
  }
  return out;
}

Result<std::string> SessionService::id_of_token(const OrgScope& scope, std::string_view token) const {
  if (scope.actor().kind != Actor::Kind::kUser) return not_found_error("session not found");
  FG_ASSIGN_OR_RETURN(store::OrgTransaction tx, ctx_.db.begin(scope, store::TxMode::kRead));
  FG_ASSIGN_OR_RETURN(store::RowSet rs, tx.query("SELECT id FROM sessions WHERE token_hash = $1 AND user_id = $2 AND "
                                                 "org_id = $3 AND revoked_at IS NULL",
                                                 {internal::stored_hash(token), scope.actor().id, scope.org_id()}));
  if (rs.size() != 1) return not_found_error("session not found");
  return rs.text(0, 0);
}

Status SessionService::revoke(const OrgScope& scope, const std::string& session_id, const audit::Origin& meta) const {
  return revoke_one(ctx_, scope, session_id, audit::AuditAction::kAuthSessionRevoked, meta);
}

Status SessionService::logout(const OrgScope& scope, const std::string& session_id, const audit::Origin& meta) const {
  return revoke_one(ctx_, scope, session_id, audit::AuditAction::kAuthLogout, meta);
}

}  // namespace fg::identity
