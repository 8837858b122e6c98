#include "identity/password_reset.hpp"

#include "crypto/token.hpp"
#include "identity/internal/audit_event.hpp"
#include "identity/internal/credential_hash.hpp"
#include "identity/internal/member_rules.hpp"

namespace fg::identity {
namespace {

// Inserts the reset row inside `tx` and returns the token. `issued_by` is the member who asked for it
// (revoked with their authority, MemberService), or null for the operator and the platform.
Result<std::string> insert_reset(const IdentityContext& ctx, store::Transaction& tx, const std::string& user_id,
                                 const store::SqlValue& issued_by = store::Null{}, std::int64_t ttl_seconds = 0) {
  const Timestamp now = ctx.clock.now();
  if (ttl_seconds == 0) ttl_seconds = ctx.settings.password_reset_ttl_seconds;
  crypto::IssuedToken token = crypto::issue_session_token();
  FG_TRY(
      tx.exec("INSERT INTO password_resets (id, user_id, token_hash, created_at, expires_at, issued_by) VALUES "
              "($1, $2, $3, $4, $5, $6)",
              {Uuid::random(), user_id, crypto::hex_encode(token.hash), now.micros, now.micros + ttl_seconds * 1000000,
               issued_by}));
  return std::move(token.token);
}

}  // namespace

Result<std::string> issue_password_reset_in_org(const IdentityContext& ctx, const OrgScope& scope,
                                                const std::string& email) {
  FG_ASSIGN_OR_RETURN(store::OrgTransaction tx, ctx.db.begin(scope));
  FG_ASSIGN_OR_RETURN(store::RowSet rs, tx.query("SELECT u.id FROM memberships m JOIN users u ON u.id = m.user_id "
                                                 "WHERE m.org_id = $1 AND u.email = $2",
                                                 {scope.org_id(), internal::normalize_email(email)}));
  if (rs.size() != 1) return not_found_error("no member of this organization has this email");
  FG_ASSIGN_OR_RETURN(std::string token, insert_reset(ctx, tx, rs.text(0, 0)));
  FG_TRY(ctx.audit.append(tx, internal::make_event(audit::AuditAction::kAuthPasswordResetRequested, "user",
                                                   rs.text(0, 0), audit::Origin{})));
  FG_TRY(tx.commit());
  return token;
}

Result<std::string> issue_password_reset_for_member(const IdentityContext& ctx, const OrgScope& scope,
                                                    const std::string& user_id, const audit::Origin& meta) {
  FG_TRY(internal::require_session_user(scope));
  FG_ASSIGN_OR_RETURN(Role own, internal::actor_role(scope));
  FG_ASSIGN_OR_RETURN(store::OrgTransaction tx, ctx.db.begin(scope));
  FG_ASSIGN_OR_RETURN(internal::TargetMember target, internal::load_member(tx, user_id));
  FG_TRY(internal::require_above(own, target.role));
  FG_ASSIGN_OR_RETURN(bool only_here, internal::member_of_only(ctx.db, user_id, scope.org_id()));
  if (!only_here) return permission_denied_error("this user also belongs to another organization");
  FG_ASSIGN_OR_RETURN(std::string token, insert_reset(ctx, tx, user_id, scope.actor().id));
  FG_TRY(ctx.audit.append(
      tx, internal::make_event(audit::AuditAction::kAuthPasswordResetRequested, "user", user_id, meta)));
  FG_TRY(tx.commit());
  return token;
}

Result<std::string> issue_email_verification(const IdentityContext& ctx, const Actor& operator_actor,
                                             const std::string& email) {
  FG_ASSIGN_OR_RETURN(store::SystemTransaction tx, ctx.db.begin_system());
  FG_ASSIGN_OR_RETURN(store::RowSet rs, tx.query("SELECT id, email_verified_at FROM users WHERE email = $1",
                                                 {internal::normalize_email(email)}));
  if (rs.size() != 1) return not_found_error("no user has this email");
  if (!rs.is_null(0, 1)) {
    return conflict_error("this email is already verified: use finguard admin reset-password instead");
  }
  FG_ASSIGN_OR_RETURN(std::string token,
                      insert_reset(ctx, tx, rs.text(0, 0), store::Null{}, kEmailVerificationTtlSeconds));
  audit::AuditEvent e =
      internal::make_event(audit::AuditAction::kAuthPasswordResetRequested, "user", rs.text(0, 0), audit::Origin{});
  e.context = {{"purpose", "email_verification"}};
  FG_TRY(ctx.audit.append_platform(tx, operator_actor, e));
  FG_TRY(tx.commit());
  return token;
}

}  // namespace fg::identity
