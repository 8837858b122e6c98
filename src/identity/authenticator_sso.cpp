// Authenticator: sessions and principals from a verified single sign-on (OIDC, Cloudflare Access).
#include <algorithm>

#include "identity/authenticator.hpp"
#include "identity/internal/active_membership.hpp"
#include "identity/internal/audit_event.hpp"

namespace fg::identity {
namespace {

Status sso_refused() {
  return unauthenticated_error("single sign-on failed");
}

}  // namespace

Result<Authenticator::SsoMember> Authenticator::sso_member(const VerifiedSsoIdentity& identity,
                                                           std::string& reason) const {
  FG_ASSIGN_OR_RETURN(store::SystemTransaction sys, ctx_.db.begin_system(store::TxMode::kRead));
  FG_ASSIGN_OR_RETURN(store::RowSet u,
                      sys.query("SELECT id, status, mfa_enabled FROM users WHERE email = $1", {identity.email()}));
  if (u.size() != 1 || u.text(0, 1) != "active") {
    sys.rollback();
    reason = u.size() != 1 ? "unknown_user" : "inactive_user";
    return sso_refused();
  }
  FG_ASSIGN_OR_RETURN(UserId user, UserId::parse(u.text(0, 0)));
  const std::vector<std::string>& allowed = identity.org_slugs();
  FG_ASSIGN_OR_RETURN(std::optional<internal::ActiveMembership> m,
                      internal::first_active_membership(sys, user, [&](std::string_view slug) {
                        return allowed.empty() || std::find(allowed.begin(), allowed.end(), slug) != allowed.end();
                      }));
  sys.rollback();
  if (m) return SsoMember{user, m->org, m->role, m->org_requires_mfa && u.int64(0, 2) == 0};
  reason = "not_a_member";
  return sso_refused();
}

Status Authenticator::audit_sso_failure(const std::string& email, SsoMethod method, const std::string& reason,
                                        const audit::Origin& meta) const {
  audit::AuditEvent e =
      internal::make_event(audit::AuditAction::kAuthLoginFailed, "user", "", meta, audit::AuditResult::kFailed);
  e.context = {{"reason", reason}, {"email", email}, {"method", std::string(sso_method_name(method))}};
  FG_ASSIGN_OR_RETURN(store::SystemTransaction tx, ctx_.db.begin_system());
  FG_TRY(ctx_.audit.append_platform(tx, Actor{Actor::Kind::kSystem, "login", ""}, e));
  return tx.commit();
}

Result<IssuedSession> Authenticator::login_sso(const VerifiedSsoIdentity& identity, const audit::Origin& meta) {
  std::string reason;
  Result<SsoMember> m = sso_member(identity, reason);
  if (!m.ok()) {
    if (m.status().code() == StatusCode::kUnauthenticated) {
      FG_TRY(audit_sso_failure(identity.email(), identity.method(), reason, meta));
    }
    return m.status();
  }
  return open_session(m->org, m->user, m->role, meta, false, {}, sso_method_name(identity.method()));
}

Result<AuthenticatedPrincipal> Authenticator::authenticate_sso(const VerifiedSsoIdentity& identity) const {
  std::string reason;
  FG_ASSIGN_OR_RETURN(SsoMember m, sso_member(identity, reason));
  // As for sessions (note 5): no role until the user enrolls MFA in an org that enforces it.
  const std::string role = m.mfa_missing ? std::string() : m.role;
  return AuthenticatedPrincipal{
      scope_for(m.org, Actor{Actor::Kind::kUser, m.user.to_string(), role}), CredentialKind::kSso, false, {}, m.user};
}

}  // namespace fg::identity
