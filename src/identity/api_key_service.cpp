#include "identity/api_key_service.hpp"

#include "crypto/encoding.hpp"
#include "crypto/token.hpp"
#include "identity/internal/acting_user.hpp"
#include "identity/internal/audit_event.hpp"
#include "identity/role.hpp"

namespace fg::identity {

Result<CreatedApiKey> ApiKeyService::create(const OrgScope& scope, const NewApiKey& request,
                                            const audit::Origin& meta) const {
  if (scope.actor().kind != Actor::Kind::kUser) return permission_denied_error("only a user can create API keys");
  std::optional<Role> own = parse_role(scope.actor().role);
  if (!own || !role_at_least(*own, request.role)) {
    return permission_denied_error("role: a key cannot have a role above its creator's");
  }
  const Timestamp now = ctx_.clock.now();
  if (request.expires_at && *request.expires_at <= now) {
    return invalid_argument_error("expires_at: must be in the future", "expires_at");
  }
  crypto::IssuedApiKey issued = crypto::issue_api_key();
  FG_ASSIGN_OR_RETURN(store::OrgTransaction tx, ctx_.db.begin(scope));
  FG_TRY(
      tx.exec("INSERT INTO api_keys (id, org_id, created_by, name, description, role, secret_hash, created_at, "
              "expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
              {issued.id, scope.org_id(), scope.actor().id, request.name, request.description,
               std::string(role_name(request.role)), crypto::hex_encode(issued.hash), now.micros,
               request.expires_at ? store::SqlValue(request.expires_at->micros) : store::SqlValue()}));
  audit::AuditEvent e = internal::make_event(audit::AuditAction::kApiKeyCreated, "api_key", issued.id, meta);
  e.context = {{"role", std::string(role_name(request.role))}, {"name", request.name}};
  FG_TRY(ctx_.audit.append(tx, e));
  FG_TRY(tx.commit());
  ApiKeyInfo info{issued.id,        request.name, request.description, std::string(role_name(request.role)),
                  scope.actor().id, now,          request.expires_at,  std::nullopt};
  return CreatedApiKey{std::move(info), std::move(issued.key)};
}

Result<std::vector<ApiKeyInfo>> ApiKeyService::list(const OrgScope& scope, bool see_all) const {
  FG_ASSIGN_OR_RETURN(store::OrgTransaction tx, ctx_.db.begin(scope, store::TxMode::kRead));
  FG_ASSIGN_OR_RETURN(std::string user, internal::acting_user(tx));
  FG_ASSIGN_OR_RETURN(store::RowSet rs,
                      tx.query("SELECT id, name, description, role, created_by, created_at, expires_at, last_used_at "
                               "FROM api_keys WHERE org_id = $1 AND revoked_at IS NULL AND ($2 = 1 OR created_by = $3) "
                               "ORDER BY created_at",
                               {scope.org_id(), see_all ? 1 : 0, user}));
  std::vector<ApiKeyInfo> out;
  for (std::size_t r = 0; r < rs.size(); ++r) {
    auto opt_ts = [&](std::size_t c) {
      return rs.is_null(r, c) ? std::optional<Timestamp>() : std::optional<Timestamp>(Timestamp{rs.int64(r, c)});
    };
    out.push_back(ApiKeyInfo{rs.text(r, 0), rs.text(r, 1), rs.text(r, 2), rs.text(r, 3), rs.text(r, 4),
                             Timestamp{rs.int64(r, 5)}, opt_ts(6), opt_ts(7)});
  }
  return out;
}

Status ApiKeyService::revoke(const OrgScope& scope, const std::string& key_id, bool any,
                             const audit::Origin& meta) const {
  FG_ASSIGN_OR_RETURN(store::OrgTransaction tx, ctx_.db.begin(scope));
  FG_ASSIGN_OR_RETURN(std::string user, internal::acting_user(tx));
  if (any) {
    // Another member's key only when they do not rank above you (issue 20: an Administrator revoked an
    // Owner's keys). Your own keys are always yours to revoke.
    FG_ASSIGN_OR_RETURN(store::RowSet owner_of,
                        tx.query("SELECT k.created_by, m.role FROM api_keys k LEFT JOIN memberships m ON m.org_id = "
                                 "k.org_id AND m.user_id = k.created_by WHERE k.id = $1 AND k.org_id = $2 AND "
                                 "k.revoked_at IS NULL",
                                 {key_id, scope.org_id()}));
    if (owner_of.size() == 1 && owner_of.text(0, 0) != user && !owner_of.is_null(0, 1)) {
      const std::optional<Role> mine = parse_role(scope.actor().role);
      const std::optional<Role> theirs = parse_role(owner_of.text(0, 1));
      if (!mine || !theirs || !role_at_least(*mine, *theirs)) {
        return permission_denied_error("that API key belongs to a member ranked above you");
      }
    }
  }
  FG_ASSIGN_OR_RETURN(std::int64_t n,
                      tx.exec("UPDATE api_keys SET revoked_at = $1 WHERE id = $2 AND org_id = $3 AND revoked_at IS "
                              "NULL AND ($4 = 1 OR created_by = $5)",
                              {ctx_.clock.now().micros, key_id, scope.org_id(), any ? 1 : 0, user}));
  if (n != 1) return not_found_error("API key not found");
  audit::AuditEvent e = internal::make_event(audit::AuditAction::kApiKeyRevoked, "api_key", key_id, meta);
  FG_TRY(ctx_.audit.append(tx, e));
  return tx.commit();
}

}  // namespace fg::identity
