#include "identity/member_service.hpp"

#include "crypto/token.hpp"
#include "identity/internal/acting_user.hpp"
#include "identity/internal/audit_event.hpp"
#include "identity/internal/credential_hash.hpp"
#include "identity/internal/discard_second_factor.hpp"
#include "identity/internal/member_rules.hpp"
#include "identity/internal/second_factor_lockout.hpp"
#include "identity/permission_table.hpp"

namespace fg::identity {

using internal::TargetMember;

namespace {

constexpr Role kAllRoles[] = {Role::kOwner, Role::kAdministrator, Role::kAnalyst, Role::kMember, Role::kViewer};

struct Revoked {
  std::int64_t invitations = 0;
  std::int64_t resets = 0;
};

// " AND <column> IN ('owner', ...)" for the roles `keep` selects: fixed role names, never input.
std::string roles_clause(const std::string& column, bool (*keep)(Role, Role), Role pivot) {
  std::string in;
  for (Role r : kAllRoles) {
    if (!keep(r, pivot)) continue;
    in += (in.empty() ? "'" : ", '") + std::string(role_name(r)) + "'";
  }
  return in.empty() ? " AND 1 = 0" : " AND " + column + " IN (" + in + ")";
}

// Revokes, in tx's org, the pending invitations and unused password resets `user_id` issued that
// `role` could not issue (nullopt: the member is deactivated, so all of them). An invitation needs
// users.invite and a role at least the invited one; a reset needs users.reset_password and a role
// strictly above the target's (resets are issued only for members of this org alone).
Result<Revoked> revoke_issued_beyond(store::OrgTransaction& tx, const std::string& user_id, std::optional<Role> role,
                                     std::int64_t now) {
  std::string invitations = "";
  if (role && has_permission(*role, permissions::kUsersInvite)) {
    invitations = roles_clause(
        "role", [](Role r, Role pivot) { return !role_at_least(pivot, r); }, *role);
  }
  std::string resets = "";
  if (role && has_permission(*role, permissions::kUsersResetPassword)) {
    resets = roles_clause(
        "m.role", [](Role r, Role pivot) { return role_at_least(r, pivot); }, *role);
  }
  Revoked out;
  FG_ASSIGN_OR_RETURN(out.invitations,
                      tx.exec("UPDATE invitations SET revoked_at = $1 WHERE org_id = $2 AND invited_by = $3 AND "
                              "accepted_at IS NULL AND revoked_at IS NULL" +
                                  invitations,
                              {now, tx.org_id(), user_id}));
  FG_ASSIGN_OR_RETURN(out.resets, tx.exec("UPDATE password_resets SET revoked_at = $1 WHERE issued_by = $2 AND "
                                          "used_at IS NULL AND revoked_at IS NULL AND user_id IN (SELECT m.user_id "
                                          "FROM memberships m WHERE m.org_id = $3" +
                                              resets + ")",
                                          {now, user_id, tx.org_id()}));
  return out;
}

// Revokes the unused password resets members issued *for* `user_id` whose issuer no longer ranks
// strictly above the user's new `role` (a promotion must not leave a peer holding a reset for them).
Result<std::int64_t> revoke_resets_for_promoted(store::OrgTransaction& tx, const std::string& user_id, Role role,
                                                std::int64_t now) {
  const std::string above = roles_clause(
      "m.role", [](Role r, Role pivot) { return !role_at_least(pivot, r); }, role);
  return tx.exec(
      "UPDATE password_resets SET revoked_at = $1 WHERE user_id = $2 AND issued_by IS NOT NULL AND "
      "used_at IS NULL AND revoked_at IS NULL AND issued_by NOT IN (SELECT m.user_id FROM memberships m "
      "WHERE m.org_id = $3 AND m.deactivated_at IS NULL" +
          above + ")",
      {now, user_id, tx.org_id()});
}

}  // namespace

Result<std::vector<MemberInfo>> MemberService::list(const OrgScope& scope) const {
  const bool owner = parse_role(scope.actor().role) == Role::kOwner;
  const std::int64_t now = ctx_.clock.now().micros;
  FG_ASSIGN_OR_RETURN(store::OrgTransaction tx, ctx_.db.begin(scope, store::TxMode::kRead));
  FG_ASSIGN_OR_RETURN(store::RowSet rs,
                      tx.query("SELECT u.id, u.email, u.display_name, m.role, m.deactivated_at, u.mfa_enabled, "
                               "m.created_at, l.locked_until, u.email_verified_at FROM memberships m JOIN "
                               "users u ON u.id = m.user_id "
                               "LEFT JOIN second_factor_lockouts l ON l.user_id = u.id WHERE m.org_id = $1 "
                               "ORDER BY u.email",
                               {scope.org_id()}));
  std::vector<MemberInfo> out;
  for (std::size_t r = 0; r < rs.size(); ++r) {
    out.push_back(MemberInfo{rs.text(r, 0), rs.text(r, 1), rs.text(r, 2), rs.text(r, 3), rs.is_null(r, 4),
                             rs.int64(r, 5) != 0, Timestamp{rs.int64(r, 6)}, std::nullopt, !rs.is_null(r, 8)});
    if (owner && !rs.is_null(r, 7) && rs.int64(r, 7) > now) out.back().mfa_locked_until = Timestamp{rs.int64(r, 7)};
  }
  return out;
}

Status MemberService::change_role(const OrgScope& scope, const std::string& user_id, Role role,
                                  const audit::Origin& meta) const {
  FG_ASSIGN_OR_RETURN(Role own, internal::actor_role(scope));
  FG_ASSIGN_OR_RETURN(store::OrgTransaction tx, ctx_.db.begin(scope));
  FG_ASSIGN_OR_RETURN(TargetMember target, internal::load_member(tx, user_id));
  FG_TRY(internal::require_at_least(own, target.role));
  FG_TRY(internal::require_at_least(own, role));
  if (target.role == Role::kOwner && role != Role::kOwner && !target.deactivated) {
    FG_ASSIGN_OR_RETURN(std::int64_t owners, internal::active_owner_count(tx));
    if (owners <= 1) return conflict_error("the last Owner cannot be demoted");
  }
  const std::int64_t now = ctx_.clock.now().micros;
  FG_TRY(tx.exec("UPDATE memberships SET role = $1 WHERE org_id = $2 AND user_id = $3",
                 {std::string(role_name(role)), scope.org_id(), user_id}));
  FG_TRY(tx.exec("UPDATE sessions SET revoked_at = $1 WHERE org_id = $2 AND user_id = $3 AND revoked_at IS NULL",
                 {now, scope.org_id(), user_id}));
  FG_ASSIGN_OR_RETURN(Revoked revoked, revoke_issued_beyond(tx, user_id, role, now));
  FG_ASSIGN_OR_RETURN(std::int64_t resets_for_them, revoke_resets_for_promoted(tx, user_id, role, now));
  audit::AuditEvent e = internal::make_event(audit::AuditAction::kUserRoleChanged, "user", user_id, meta);
  e.context = {{"from", std::string(role_name(target.role))},
               {"to", std::string(role_name(role))},
               {"revoked_invitations", revoked.invitations},
               {"revoked_resets", revoked.resets + resets_for_them}};
  FG_TRY(ctx_.audit.append(tx, e));
  return tx.commit();
}

Status MemberService::deactivate(const OrgScope& scope, const std::string& user_id, const audit::Origin& meta) const {
  FG_ASSIGN_OR_RETURN(Role own, internal::actor_role(scope));
  FG_ASSIGN_OR_RETURN(store::OrgTransaction tx, ctx_.db.begin(scope));
  FG_ASSIGN_OR_RETURN(TargetMember target, internal::load_member(tx, user_id));
  FG_TRY(internal::require_at_least(own, target.role));
  if (target.deactivated) return ok_status();
  if (target.role == Role::kOwner) {
    FG_ASSIGN_OR_RETURN(std::int64_t owners, internal::active_owner_count(tx));
    if (owners <= 1) return conflict_error("the last Owner cannot be deactivated");
  }
  const std::int64_t now = ctx_.clock.now().micros;
  FG_TRY(tx.exec("UPDATE memberships SET deactivated_at = $1 WHERE org_id = $2 AND user_id = $3",
                 {now, scope.org_id(), user_id}));
  FG_TRY(tx.exec("UPDATE sessions SET revoked_at = $1 WHERE org_id = $2 AND user_id = $3 AND revoked_at IS NULL",
                 {now, scope.org_id(), user_id}));
  FG_TRY(tx.exec("UPDATE api_keys SET revoked_at = $1 WHERE org_id = $2 AND created_by = $3 AND revoked_at IS NULL",
                 {now, scope.org_id(), user_id}));
  FG_ASSIGN_OR_RETURN(Revoked revoked, revoke_issued_beyond(tx, user_id, std::nullopt, now));
  audit::AuditEvent e = internal::make_event(audit::AuditAction::kUserDeactivated, "user", user_id, meta);
  e.context = {{"revoked_invitations", revoked.invitations}, {"revoked_resets", revoked.resets}};
  FG_TRY(ctx_.audit.append(tx, e));
  return tx.commit();
}

Result<IssuedInvitation> MemberService::invite(const OrgScope& scope, const std::string& email, Role role,
                                               const audit::Origin& meta) const {
  FG_ASSIGN_OR_RETURN(Role own, internal::actor_role(scope));
  FG_TRY(internal::require_at_least(own, role));
  const std::string normalized = internal::normalize_email(email);
  if (normalized.size() < 3 || normalized.size() > 254 || normalized.find('@') == std::string::npos) {
    return invalid_argument_error("email: must be an email address", "email");
  }
  FG_ASSIGN_OR_RETURN(store::OrgTransaction tx, ctx_.db.begin(scope));
  FG_ASSIGN_OR_RETURN(std::string inviter, internal::acting_user(tx));
  const Timestamp now = ctx_.clock.now();
  const Timestamp expires{now.micros + ctx_.settings.invitation_ttl_seconds * 1000000};
  crypto::IssuedToken token = crypto::issue_session_token();
  const std::string id = Uuid::random().to_string();
  FG_TRY(
      tx.exec("INSERT INTO invitations (id, org_id, email, role, token_hash, invited_by, created_at, expires_at) "
              "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
              {id, scope.org_id(), normalized, std::string(role_name(role)), crypto::hex_encode(token.hash), inviter,
               now.micros, expires.micros}));
  audit::AuditEvent e = internal::make_event(audit::AuditAction::kUserInvited, "invitation", id, meta);
  e.context = {{"email", normalized}, {"role", std::string(role_name(role))}};
  FG_TRY(ctx_.audit.append(tx, e));
  FG_TRY(tx.commit());
  return IssuedInvitation{id, std::move(token.token), expires};
}

Status MemberService::reset_mfa(const OrgScope& scope, const std::string& user_id, const audit::Origin& meta) const {
  FG_TRY(internal::require_session_user(scope));
  FG_ASSIGN_OR_RETURN(Role own, internal::actor_role(scope));
  FG_ASSIGN_OR_RETURN(store::OrgTransaction tx, ctx_.db.begin(scope));
  FG_ASSIGN_OR_RETURN(TargetMember target, internal::load_member(tx, user_id));
  FG_TRY(internal::require_above(own, target.role));
  FG_ASSIGN_OR_RETURN(bool only_here, internal::member_of_only(ctx_.db, user_id, scope.org_id()));
  if (!only_here) return permission_denied_error("this user also belongs to another organization");
  const std::int64_t now = ctx_.clock.now().micros;
  FG_TRY(internal::discard_second_factor(tx, user_id, now));
  FG_TRY(tx.exec("UPDATE sessions SET revoked_at = $1 WHERE org_id = $2 AND user_id = $3 AND revoked_at IS NULL",
                 {now, scope.org_id(), user_id}));
  FG_TRY(ctx_.audit.append(tx, internal::make_event(audit::AuditAction::kAuthMfaReset, "user", user_id, meta)));
  return tx.commit();
}

Status MemberService::unlock_mfa(const OrgScope& scope, const std::string& user_id, const audit::Origin& meta) const {
  FG_TRY(internal::require_session_user(scope));
  FG_ASSIGN_OR_RETURN(Role own, internal::actor_role(scope));
  if (own != Role::kOwner) return permission_denied_error("only an Owner can unlock a second factor");
  FG_ASSIGN_OR_RETURN(store::OrgTransaction tx, ctx_.db.begin(scope));
  FG_TRY(internal::load_member(tx, user_id));  // the Result itself: .status() of a temporary dangles
  FG_ASSIGN_OR_RETURN(bool only_here, internal::member_of_only(ctx_.db, user_id, scope.org_id()));
  if (!only_here) return permission_denied_error("this user also belongs to another organization");
  const Timestamp now = ctx_.clock.now();
  FG_ASSIGN_OR_RETURN(bool cleared, internal::SecondFactorLockout::unlock(tx, user_id, now));
  if (!cleared) return ok_status();  // nothing to end (a double click, an expired lock): no change, no audit
  FG_TRY(ctx_.audit.append(tx, internal::make_event(audit::AuditAction::kAuthMfaUnlocked, "user", user_id, meta)));
  return tx.commit();
}

Result<std::vector<PendingInvitation>> MemberService::list_invitations(const OrgScope& scope) const {
  FG_ASSIGN_OR_RETURN(store::OrgTransaction tx, ctx_.db.begin(scope, store::TxMode::kRead));
  FG_ASSIGN_OR_RETURN(
      store::RowSet rs,
      tx.query("SELECT i.id, i.email, i.role, i.invited_by, u.email, i.created_at, i.expires_at FROM invitations i "
               "LEFT JOIN users u ON u.id = i.invited_by WHERE i.org_id = $1 AND i.accepted_at IS NULL AND "
               "i.revoked_at IS NULL AND i.expires_at > $2 ORDER BY i.created_at DESC, i.id",
               {scope.org_id(), ctx_.clock.now().micros}));
  std::vector<PendingInvitation> out;
  for (std::size_t r = 0; r < rs.size(); ++r) {
    out.push_back(PendingInvitation{rs.text(r, 0), rs.text(r, 1), rs.text(r, 2), rs.text(r, 3),
                                    rs.is_null(r, 4) ? std::string() : rs.text(r, 4), Timestamp{rs.int64(r, 5)},
                                    Timestamp{rs.int64(r, 6)}});
  }
  return out;
}

Status MemberService::revoke_invitation(const OrgScope& scope, const std::string& invitation_id,
                                        const audit::Origin& meta) const {
  if (!Uuid::parse(invitation_id).ok()) return invalid_argument_error("id: must be an invitation id", "id");
  FG_ASSIGN_OR_RETURN(Role own, internal::actor_role(scope));
  FG_ASSIGN_OR_RETURN(store::OrgTransaction tx, ctx_.db.begin(scope));
  const std::int64_t now = ctx_.clock.now().micros;
  FG_ASSIGN_OR_RETURN(store::RowSet rs, tx.query("SELECT role, email FROM invitations WHERE id = $1 AND org_id = $2 "
                                                 "AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > $3",
                                                 {invitation_id, scope.org_id(), now}));
  if (rs.size() != 1) return not_found_error("invitation not found");
  const std::optional<Role> invited = parse_role(rs.text(0, 0));
  if (!invited) return internal_error("invitation with an unknown role");
  FG_TRY(internal::require_at_least(own, *invited));
  FG_ASSIGN_OR_RETURN(std::int64_t changed,
                      tx.exec("UPDATE invitations SET revoked_at = $1 WHERE id = $2 AND org_id = $3 AND "
                              "accepted_at IS NULL AND revoked_at IS NULL",
                              {now, invitation_id, scope.org_id()}));
  if (changed != 1) return not_found_error("invitation not found");
  audit::AuditEvent e =
      internal::make_event(audit::AuditAction::kUserInvitationRevoked, "invitation", invitation_id, meta);
  e.context = {{"email", rs.text(0, 1)}, {"role", rs.text(0, 0)}};
  FG_TRY(ctx_.audit.append(tx, e));
  return tx.commit();
}

}  // namespace fg::identity
