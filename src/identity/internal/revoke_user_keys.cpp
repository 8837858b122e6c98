#include "identity/internal/revoke_user_keys.hpp"

#include "identity/internal/audit_event.hpp"

namespace fg::identity::internal {

Result<std::int64_t> revoke_user_api_keys(const IdentityContext& ctx, store::SystemTransaction& sys,
                                          const std::string& user, const std::string& reason,
                                          const audit::Origin& meta) {
  FG_ASSIGN_OR_RETURN(store::RowSet rs,
                      sys.call(store::PrivilegedCall::kRevokeUserApiKeys, {user, ctx.clock.now().micros}));
  for (std::size_t r = 0; r < rs.size(); ++r) {
    audit::AuditEvent e = make_event(audit::AuditAction::kApiKeyRevoked, "api_key",
                                     rs.text(r, store::columns::RevokeUserApiKeys::kId), meta);
    e.context = {
        {"reason", reason}, {"org_id", rs.text(r, store::columns::RevokeUserApiKeys::kOrgId)}, {"created_by", user}};
    FG_TRY(ctx.audit.append_platform(sys, Actor{Actor::Kind::kUser, user, ""}, e));
  }
  return static_cast<std::int64_t>(rs.size());
}

}  // namespace fg::identity::internal
