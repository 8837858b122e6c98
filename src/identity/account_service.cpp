#include "identity/account_service.hpp"

#include "crypto/encoding.hpp"
#include "crypto/recovery_codes.hpp"
#include "crypto/totp.hpp"
#include "identity/internal/audit_event.hpp"
#include "identity/internal/credential_hash.hpp"
#include "identity/internal/mfa_check.hpp"
#include "identity/internal/revoke_user_keys.hpp"
#include "identity/password_policy.hpp"

namespace fg::identity {
namespace {

Status require_user(const OrgScope& scope) {
  if (scope.actor().kind != Actor::Kind::kUser) return permission_denied_error("only a signed-in user can do this");
  return ok_status();
}

}  // namespace

AccountService::AccountService(IdentityContext ctx, LoginThrottle* throttle)
    : ctx_(ctx),
      own_throttle_(throttle ? nullptr
                             : std::make_unique<LoginThrottle>(ctx.clock, ctx.settings.login_failures_per_ip_per_minute,
                                                               ctx.settings.login_failures_per_account_per_minute)),
      throttle_(throttle ? throttle : own_throttle_.get()) {}

AccountService::~AccountService() = default;

Status AccountService::check_current_password(const OrgScope& scope, const std::string& email,
                                              const std::string& stored_hash, const std::string& password,
                                              std::string_view operation, const audit::Origin& meta) const {
  const std::string account = internal::normalize_email(email);
  const auto audit_failure = [&](const std::string& reason, audit::AuditResult result) -> Status {
    audit::AuditEvent e =
        internal::make_event(audit::AuditAction::kAuthLoginFailed, "user", scope.actor().id, meta, result);
    e.context = {{"reason", reason}, {"email", account}, {"operation", std::string(operation)}};
    FG_ASSIGN_OR_RETURN(store::OrgTransaction tx, ctx_.db.begin(scope));
    FG_TRY(ctx_.audit.append(tx, e));
    return tx.commit();
  };
  if (throttle_->blocked(meta.source_ip, account)) {
    FG_TRY(audit_failure("throttled", audit::AuditResult::kDenied));
    return resource_exhausted_error("too many failed password attempts; try again in a minute");
  }
  FG_ASSIGN_OR_RETURN(crypto::PasswordVerdict v, ctx_.hasher.verify(stored_hash, password));
  if (v.match && !stored_hash.empty()) return ok_status();
  throttle_->record_failure(meta.source_ip, account);
  FG_TRY(audit_failure("wrong_current_password", audit::AuditResult::kFailed));
  return invalid_argument_error("current_password: is not correct", "current_password");
}

Status AccountService::change_password(const OrgScope& scope, const std::string& current_session_id,
                                       const std::string& current_password, const std::string& new_password,
                                       const audit::Origin& meta) const {
  FG_TRY(require_user(scope));
  const std::string& user = scope.actor().id;
  FG_ASSIGN_OR_RETURN(store::SystemTransaction look, ctx_.db.begin_system(store::TxMode::kRead));
  FG_ASSIGN_OR_RETURN(store::RowSet u, look.query("SELECT email, password_hash FROM users WHERE id = $1", {user}));
  FG_ASSIGN_OR_RETURN(store::RowSet orgs, look.call(store::PrivilegedCall::kUserOrgPolicies, {user}));
  look.rollback();
  if (u.size() != 1) return unauthenticated_error("invalid or expired credentials");
  FG_TRY(check_current_password(scope, u.text(0, 0), u.text(0, 1), current_password, "password_change", meta));
  std::vector<bool> flags;
  for (std::size_t r = 0; r < orgs.size(); ++r)
    flags.push_back(orgs.int64(r, store::columns::UserOrgPolicies::kRequireMfa) != 0);
  FG_TRY(check_password(PasswordPolicy::strictest(flags), new_password, u.text(0, 0), "new_password"));
  FG_ASSIGN_OR_RETURN(std::string hash, ctx_.hasher.hash(new_password));
  const std::int64_t now = ctx_.clock.now().micros;
  // Other orgs' sessions and every API key of the user first (a separate, privileged transaction): if the
  // change below then fails, the user has merely been signed out elsewhere and must mint new keys, never
  // left with old credentials under a new password.
  {
    FG_ASSIGN_OR_RETURN(store::SystemTransaction sys, ctx_.db.begin_system());
    const store::SqlValue keep = current_session_id.empty() ? store::SqlValue() : store::SqlValue(current_session_id);
    FG_TRY(sys.call(store::PrivilegedCall::kRevokeUserSessions, {user, keep, now}));
    FG_TRY(internal::revoke_user_api_keys(ctx_, sys, user, "password_change", meta));
    FG_TRY(sys.commit());
  }
  FG_ASSIGN_OR_RETURN(store::OrgTransaction tx, ctx_.db.begin(scope));
  FG_TRY(tx.exec("UPDATE users SET password_hash = $1, updated_at = $2 WHERE id = $3", {hash, now, user}));
  FG_TRY(ctx_.audit.append(tx, internal::make_event(audit::AuditAction::kAuthPasswordChanged, "user", user, meta)));
  return tx.commit();
}

Result<TotpEnrollment> AccountService::enroll_totp(const OrgScope& scope) const {
  FG_TRY(require_user(scope));
  const std::string& user = scope.actor().id;
  FG_ASSIGN_OR_RETURN(store::OrgTransaction tx, ctx_.db.begin(scope));
  FG_ASSIGN_OR_RETURN(store::RowSet u, tx.query("SELECT email, mfa_enabled FROM users WHERE id = $1", {user}));
  if (u.size() != 1) return unauthenticated_error("invalid or expired credentials");
  if (u.int64(0, 1) != 0) return conflict_error("MFA is already enabled");
  crypto::SecretBuffer secret = crypto::totp_generate_secret();
  const crypto::Bytes sealed = ctx_.totp_key.seal(user, secret.bytes());
  FG_TRY(tx.exec("UPDATE users SET totp_pending_sealed = $1 WHERE id = $2",
                 {store::Bytes{std::string(sealed.begin(), sealed.end())}, user}));
  FG_TRY(tx.commit());
  return TotpEnrollment{crypto::base32_encode(secret.bytes()),
                        crypto::otpauth_uri(ctx_.settings.totp_issuer, u.text(0, 0), secret.bytes())};
}

Result<std::vector<std::string>> AccountService::confirm_totp(const OrgScope& scope, const std::string& code,
                                                              const audit::Origin& meta) const {
  FG_TRY(require_user(scope));
  const std::string& user = scope.actor().id;
  FG_ASSIGN_OR_RETURN(store::OrgTransaction tx, ctx_.db.begin(scope));
  FG_ASSIGN_OR_RETURN(store::RowSet u,
                      tx.query("SELECT totp_pending_sealed, mfa_enabled FROM users WHERE id = $1", {user}));
  if (u.size() != 1 || u.is_null(0, 0) || u.int64(0, 1) != 0) return conflict_error("no TOTP enrollment pending");
  Result<crypto::SecretBuffer> secret = ctx_.totp_key.open(user, crypto::as_bytes(u.text(0, 0)));
  if (!secret.ok()) return internal_error("cannot open the pending TOTP secret");
  Result<std::int64_t> step = crypto::totp_verify(secret->bytes(), code, ctx_.clock.now(), std::nullopt);
  if (!step.ok()) return invalid_argument_error("code: is not the current code", "code");
  crypto::RecoveryCodes codes = crypto::generate_recovery_codes();
  FG_TRY(
      tx.exec("UPDATE users SET totp_secret_sealed = totp_pending_sealed, totp_pending_sealed = NULL, "
              "mfa_enabled = 1, totp_last_step = $1, updated_at = $2 WHERE id = $3",
              {*step, ctx_.clock.now().micros, user}));
  FG_TRY(tx.exec("DELETE FROM recovery_codes WHERE user_id = $1", {user}));
  for (const crypto::Digest& h : codes.hashes) {
    FG_TRY(tx.exec("INSERT INTO recovery_codes (user_id, code_hash) VALUES ($1, $2)", {user, crypto::hex_encode(h)}));
  }
  FG_TRY(ctx_.audit.append(tx, internal::make_event(audit::AuditAction::kAuthMfaEnrolled, "user", user, meta)));
  FG_TRY(tx.commit());
  return std::move(codes.codes);
}

Status AccountService::disable_totp(const OrgScope& scope, const std::optional<std::string>& current_password,
                                    const std::optional<std::string>& code, const audit::Origin& meta) const {
  FG_TRY(require_user(scope));
  if (!current_password && !code) {
    return invalid_argument_error("current_password: give the current password or a code", "current_password");
  }
  const std::string& user = scope.actor().id;
  FG_ASSIGN_OR_RETURN(store::SystemTransaction look, ctx_.db.begin_system(store::TxMode::kRead));
  FG_ASSIGN_OR_RETURN(store::RowSet u,
                      look.query("SELECT password_hash, mfa_enabled, email FROM users WHERE id = $1", {user}));
  FG_ASSIGN_OR_RETURN(store::RowSet orgs, look.call(store::PrivilegedCall::kUserOrgPolicies, {user}));
  look.rollback();
  if (u.size() != 1) return unauthenticated_error("invalid or expired credentials");
  if (u.int64(0, 1) == 0) return conflict_error("MFA is not enabled");
  // MFA is per user, so one org that requires it is enough to keep it on.
  for (std::size_t r = 0; r < orgs.size(); ++r) {
    if (orgs.int64(r, store::columns::UserOrgPolicies::kRequireMfa) != 0)
      return permission_denied_error("an organization you belong to requires MFA");
  }
  if (current_password) {
    FG_TRY(check_current_password(scope, u.text(0, 2), u.text(0, 0), *current_password, "mfa_disable", meta));
  }
  FG_ASSIGN_OR_RETURN(store::OrgTransaction tx, ctx_.db.begin(scope));
  if (!current_password) {
    Status second = internal::verify_second_factor(tx, ctx_.totp_key, user, *code, ctx_.clock.now());
    if (!second.ok()) {
      return second.code() == StatusCode::kUnauthenticated ? invalid_argument_error("code: is not valid", "code")
                                                           : second;
    }
  }
  FG_TRY(
      tx.exec("UPDATE users SET mfa_enabled = 0, totp_secret_sealed = NULL, totp_pending_sealed = NULL, "
              "totp_last_step = NULL, updated_at = $1 WHERE id = $2",
              {ctx_.clock.now().micros, user}));
  FG_TRY(tx.exec("DELETE FROM recovery_codes WHERE user_id = $1", {user}));
  FG_TRY(ctx_.audit.append(tx, internal::make_event(audit::AuditAction::kAuthMfaDisabled, "user", user, meta)));
  return tx.commit();
}

Status AccountService::update_security(const OrgScope& scope, const OrgSecuritySettings& s,
                                       const audit::Origin& meta) const {
  if (s.session_idle_seconds && (*s.session_idle_seconds < 60 || *s.session_idle_seconds > 86400)) {
    return invalid_argument_error("session_idle_seconds: must be 60 to 86400", "session_idle_seconds");
  }
  if (s.session_absolute_seconds && (*s.session_absolute_seconds < 300 || *s.session_absolute_seconds > 2592000)) {
    return invalid_argument_error("session_absolute_seconds: must be 300 to 2592000", "session_absolute_seconds");
  }
  FG_ASSIGN_OR_RETURN(store::OrgTransaction tx, ctx_.db.begin(scope));
  nlohmann::json changed = nlohmann::json::object();
  if (s.require_mfa) {
    FG_TRY(tx.exec("UPDATE orgs SET require_mfa = $1 WHERE id = $2", {*s.require_mfa ? 1 : 0, scope.org_id()}));
    changed["require_mfa"] = *s.require_mfa;
  }
  if (s.session_idle_seconds) {
    FG_TRY(
        tx.exec("UPDATE orgs SET session_idle_seconds = $1 WHERE id = $2", {*s.session_idle_seconds, scope.org_id()}));
    changed["idle_timeout_seconds"] = *s.session_idle_seconds;  // "session" is on the audit deny-list
  }
  if (s.session_absolute_seconds) {
    FG_TRY(tx.exec("UPDATE orgs SET session_absolute_seconds = $1 WHERE id = $2",
                   {*s.session_absolute_seconds, scope.org_id()}));
    changed["absolute_lifetime_seconds"] = *s.session_absolute_seconds;
  }
  audit::AuditEvent e =
      internal::make_event(audit::AuditAction::kSettingsChanged, "org", scope.org_id().to_string(), meta);
  e.context = changed;
  FG_TRY(ctx_.audit.append(tx, e));
  return tx.commit();
}

}  // namespace fg::identity
