// Authenticator: the token flows that end in credentials: invitation acceptance and password reset.
#include "identity/authenticator.hpp"
#include "identity/internal/audit_event.hpp"
#include "identity/internal/credential_hash.hpp"
#include "identity/internal/discard_second_factor.hpp"
#include "identity/internal/revoke_user_keys.hpp"
#include "identity/password_policy.hpp"
#include "identity/permission_table.hpp"

namespace fg::identity {
namespace {

Status unknown_token() {
  return not_found_error("this link is invalid, used or expired");
}

Status email_unverified() {
  return permission_denied_error(
      "this account's email is not verified yet: ask your operator for a verification link (finguard admin "
      "verify-email), set a password with it, then open this invitation again");
}

Result<PasswordPolicy> policy_of_user(store::Database& db, const UserId& user, std::optional<bool> extra_org_mfa) {
  FG_ASSIGN_OR_RETURN(store::SystemTransaction sys, db.begin_system(store::TxMode::kRead));
  FG_ASSIGN_OR_RETURN(store::RowSet rs, sys.call(store::PrivilegedCall::kUserOrgPolicies, {user}));
  std::vector<bool> flags;
  for (std::size_t r = 0; r < rs.size(); ++r) {
    flags.push_back(rs.int64(r, store::columns::UserOrgPolicies::kRequireMfa) != 0);
  }
  if (extra_org_mfa) flags.push_back(*extra_org_mfa);
  return PasswordPolicy::strictest(flags);
}

// True when the invitation's inviter is an active member of its org (and an active user) whose role
// holds users.invite and is at least `role`.
Result<bool> inviter_still_may_invite(store::OrgTransaction& tx, const std::string& invitation_id,
                                      const std::string& role) {
  FG_ASSIGN_OR_RETURN(store::RowSet rs,
                      tx.query("SELECT m.role FROM invitations i JOIN memberships m ON m.org_id = i.org_id AND "
                               "m.user_id = i.invited_by JOIN users u ON u.id = i.invited_by WHERE i.id = $1 AND "
                               "m.deactivated_at IS NULL AND u.status = 'active'",
                               {invitation_id}));
  if (rs.size() != 1) return false;
  const std::optional<Role> inviter = parse_role(rs.text(0, 0));
  const std::optional<Role> invited = parse_role(role);
  return inviter && invited && has_permission(*inviter, permissions::kUsersInvite) && role_at_least(*inviter, *invited);
}

}  // namespace

Result<Authenticator::OpenInvitation> Authenticator::open_invitation(std::string_view token) const {
  FG_ASSIGN_OR_RETURN(store::SystemTransaction sys, ctx_.db.begin_system(store::TxMode::kRead));
  FG_ASSIGN_OR_RETURN(store::RowSet inv,
                      sys.call(store::PrivilegedCall::kInvitationLookup, {internal::stored_hash(token)}));
  sys.rollback();
  using Inv = store::columns::InvitationLookup;
  if (inv.size() != 1 || ctx_.clock.now().micros >= inv.int64(0, Inv::kExpiresAt)) return unknown_token();
  FG_ASSIGN_OR_RETURN(OrgId org, OrgId::parse(inv.text(0, Inv::kOrgId)));
  return OpenInvitation{inv.text(0, Inv::kId), org, inv.text(0, Inv::kEmail), inv.text(0, Inv::kRole)};
}

Status Authenticator::redeem_invitation(const OpenInvitation& inv, const UserId& uid, const audit::Origin& meta,
                                        const std::function<Status(store::OrgTransaction&)>& before_membership) {
  FG_ASSIGN_OR_RETURN(store::OrgTransaction tx,
                      ctx_.db.begin(scope_for(inv.org, Actor{Actor::Kind::kUser, uid.to_string(), inv.role})));
  // Consume the token first: a concurrent second accept (or a revocation) then changes no row and is refused.
  FG_ASSIGN_OR_RETURN(std::int64_t taken, tx.exec("UPDATE invitations SET accepted_at = $1 WHERE id = $2 AND "
                                                  "accepted_at IS NULL AND revoked_at IS NULL",
                                                  {ctx_.clock.now().micros, inv.id}));
  if (taken != 1) return unknown_token();
  // The inviter must still be an active member who could issue this invitation today (issue 20: a
  // deactivated Administrator's invitation added an active Administrator); otherwise it is as invalid.
  FG_ASSIGN_OR_RETURN(bool inviter_ok, inviter_still_may_invite(tx, inv.id, inv.role));
  if (!inviter_ok) return unknown_token();
  if (before_membership) FG_TRY(before_membership(tx));
  FG_ASSIGN_OR_RETURN(store::RowSet member,
                      tx.query("SELECT role FROM memberships WHERE org_id = $1 AND user_id = $2", {inv.org, uid}));
  if (!member.empty()) return conflict_error("already a member of this organization");
  FG_TRY(tx.exec("INSERT INTO memberships (org_id, user_id, role, created_at) VALUES ($1, $2, $3, $4)",
                 {inv.org, uid, inv.role, ctx_.clock.now().micros}));
  audit::AuditEvent e = internal::make_event(audit::AuditAction::kUserInviteAccepted, "invitation", inv.id, meta);
  e.context = {{"user_id", uid.to_string()}, {"role", inv.role}};
  FG_TRY(ctx_.audit.append(tx, e));
  return tx.commit();
}

Result<InvitationAcceptance> Authenticator::accept_invitation(std::string_view token, std::string_view password,
                                                              std::string_view display_name,
                                                              const audit::Origin& meta) {
  FG_ASSIGN_OR_RETURN(OpenInvitation inv, open_invitation(token));
  FG_ASSIGN_OR_RETURN(
      store::OrgTransaction peek,
      ctx_.db.begin(scope_for(inv.org, Actor{Actor::Kind::kSystem, "invitation", ""}), store::TxMode::kRead));
  FG_ASSIGN_OR_RETURN(store::RowSet o, peek.query("SELECT require_mfa FROM orgs WHERE id = $1", {inv.org}));
  peek.rollback();
  const bool mfa = o.size() == 1 && o.int64(0, 0) != 0;
  // The same checks and the same hash for every invitee, so neither the answer nor its timing tells an
  // inviter whether the email already has an account somewhere on the platform.
  FG_TRY(check_password(PasswordPolicy::for_org(mfa), password, inv.email));
  FG_ASSIGN_OR_RETURN(std::string new_hash, ctx_.hasher.hash(password));

  FG_ASSIGN_OR_RETURN(store::SystemTransaction lookup, ctx_.db.begin_system(store::TxMode::kRead));
  FG_ASSIGN_OR_RETURN(store::RowSet existing, lookup.query("SELECT id FROM users WHERE email = $1", {inv.email}));
  lookup.rollback();
  // An existing account joins once signed in (join_invitation): its password is never checked here, so
  // this public route is no password oracle, and an invitation cannot reset anyone's password.
  if (!existing.empty()) return InvitationAcceptance{};

  const UserId uid = UserId::random();
  const std::int64_t now = ctx_.clock.now().micros;
  FG_TRY(redeem_invitation(inv, uid, meta, [&](store::OrgTransaction& tx) -> Status {
    FG_TRY(
        tx.exec("INSERT INTO users (id, email, display_name, password_hash, created_at, updated_at) VALUES "
                "($1, $2, $3, $4, $5, $5)",
                {uid, inv.email, std::string(display_name), new_hash, now}));
    return ok_status();
  }));
  return InvitationAcceptance{uid};
}

Result<JoinedOrg> Authenticator::join_invitation(const UserId& user, std::string_view token,
                                                 const audit::Origin& meta) {
  FG_ASSIGN_OR_RETURN(store::SystemTransaction sys, ctx_.db.begin_system(store::TxMode::kRead));
  FG_ASSIGN_OR_RETURN(store::RowSet u, sys.query("SELECT email, status, email_verified_at FROM users "
                                                 "WHERE id = $1",
                                                 {user}));
  FG_ASSIGN_OR_RETURN(store::RowSet ms, sys.call(store::PrivilegedCall::kUserMemberships, {user}));
  sys.rollback();
  if (u.size() != 1 || u.text(0, 1) != "active") return unknown_token();
  const std::string email = u.text(0, 0);

  Result<OpenInvitation> open = open_invitation(token);
  if (!open.ok()) {
    if (open.status().code() != StatusCode::kNotFound) return open.status();
    // A token this user redeemed before (a new account accepts, then signs in and lands here): answer
    // its membership again. Only the user's own orgs are searched, each under its own scope.
    const std::string hash = internal::stored_hash(token);
    using Ms = store::columns::UserMemberships;
    for (std::size_t r = 0; r < ms.size(); ++r) {
      FG_ASSIGN_OR_RETURN(OrgId org, OrgId::parse(ms.text(r, Ms::kOrgId)));
      FG_ASSIGN_OR_RETURN(
          store::OrgTransaction tx,
          ctx_.db.begin(scope_for(org, Actor{Actor::Kind::kUser, user.to_string(), ms.text(r, Ms::kRole)}),
                        store::TxMode::kRead));
      FG_ASSIGN_OR_RETURN(
          store::RowSet hit,
          tx.query("SELECT email FROM invitations WHERE token_hash = $1 AND accepted_at IS NOT NULL", {hash}));
      tx.rollback();
      if (hit.size() == 1 && hit.text(0, 0) == email) {
        return JoinedOrg{org, ms.text(r, Ms::kSlug), ms.text(r, Ms::kRole), false};
      }
    }
    return unknown_token();
  }
  // Someone else's invitation is as invalid as an unknown one (no hint whom it was for).
  if (open->email != email) return unknown_token();
  // Issue 20 item 5 (account pre-hijacking): an account made by accepting an invitation has a password
  // chosen by whoever held that link, its inviter included. It joins a second org only after a link
  // delivered out of band proved the email (complete_password_reset), which also discards that password.
  if (u.is_null(0, 2)) return email_unverified();
  FG_TRY(redeem_invitation(*open, user, meta, nullptr));
  FG_ASSIGN_OR_RETURN(store::OrgTransaction peek,
                      ctx_.db.begin(scope_for(open->org, Actor{Actor::Kind::kUser, user.to_string(), open->role}),
                                    store::TxMode::kRead));
  FG_ASSIGN_OR_RETURN(store::RowSet o, peek.query("SELECT slug FROM orgs WHERE id = $1", {open->org}));
  peek.rollback();
  if (o.size() != 1) return internal_error("joined an organization that cannot be read back");
  return JoinedOrg{open->org, o.text(0, 0), open->role, true};
}

Status Authenticator::complete_password_reset(std::string_view token, std::string_view password,
                                              const audit::Origin& meta) {
  const std::string hash = internal::stored_hash(token);
  FG_ASSIGN_OR_RETURN(store::SystemTransaction look, ctx_.db.begin_system(store::TxMode::kRead));
  FG_ASSIGN_OR_RETURN(
      store::RowSet rs,
      look.query("SELECT r.id, r.user_id, r.expires_at, u.email, u.email_verified_at FROM password_resets "
                 "r JOIN users u ON u.id = r.user_id WHERE r.token_hash = $1 AND r.used_at IS NULL AND r.revoked_at "
                 "IS NULL",
                 {hash}));
  look.rollback();
  const Timestamp now = ctx_.clock.now();
  if (rs.size() != 1 || now.micros >= rs.int64(0, 2)) return unknown_token();
  FG_ASSIGN_OR_RETURN(UserId user, UserId::parse(rs.text(0, 1)));
  FG_ASSIGN_OR_RETURN(PasswordPolicy policy, policy_of_user(ctx_.db, user, std::nullopt));
  FG_TRY(check_password(policy, password, rs.text(0, 3)));
  FG_ASSIGN_OR_RETURN(std::string new_hash, ctx_.hasher.hash(password));

  FG_ASSIGN_OR_RETURN(store::SystemTransaction tx, ctx_.db.begin_system());
  FG_ASSIGN_OR_RETURN(
      std::int64_t taken,
      tx.exec("UPDATE password_resets SET used_at = $1 WHERE id = $2 AND used_at IS NULL AND revoked_at IS NULL",
              {now.micros, rs.text(0, 0)}));
  if (taken != 1) return unknown_token();
  // Reset links reach only the email's holder (the operator delivers them; no actor ever sees one), so
  // redeeming one proves the email (migration 0011).
  FG_TRY(
      tx.exec("UPDATE users SET password_hash = $1, updated_at = $2, email_verified_at = COALESCE(email_verified_at, "
              "$2) WHERE id = $3",
              {new_hash, now.micros, user}));
  const bool was_unverified = rs.is_null(0, 4);
  if (was_unverified) FG_TRY(internal::discard_second_factor(tx, user.to_string(), now.micros));
  FG_TRY(tx.call(store::PrivilegedCall::kRevokeUserSessions, {user, store::Null{}, now.micros}));
  FG_ASSIGN_OR_RETURN(std::int64_t keys,
                      internal::revoke_user_api_keys(ctx_, tx, user.to_string(), "password_reset", meta));
  // A reset belongs to the user, not to one org: the platform chain records it.
  audit::AuditEvent e = internal::make_event(audit::AuditAction::kAuthPasswordReset, "user", user.to_string(), meta);
  e.context = {{"keys_revoked", keys}};
  // Everything set on an unverified account was set by an unproven holder, its second factor too.
  if (was_unverified) {
    e.context["email_verified"] = true;
    e.context["mfa_reset"] = true;
  }
  FG_TRY(ctx_.audit.append_platform(tx, Actor{Actor::Kind::kUser, user.to_string(), ""}, e));
  return tx.commit();
}

}  // namespace fg::identity
