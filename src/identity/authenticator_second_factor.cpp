// Authenticator: the second factor of a password login, behind the persisted, escalating lockout.
#include "identity/authenticator.hpp"
#include "identity/internal/audit_event.hpp"
#include "identity/internal/mfa_check.hpp"
#include "identity/internal/second_factor_lockout.hpp"

namespace fg::identity {
namespace {

Status locked_error(Timestamp until, Timestamp now) {
  const std::int64_t seconds = (until.micros - now.micros + 999999) / 1000000;
  return resource_exhausted_error("second factor locked after too many wrong codes; try again in " +
                                  std::to_string(seconds) + " s or ask an Owner of your organization to unlock it");
}

}  // namespace

Status Authenticator::second_factor(store::OrgTransaction& tx, const UserId& user, const std::string& email,
                                    const std::optional<std::string>& code, bool capped, const audit::Origin& meta) {
  const internal::SecondFactorLockout lockout({ctx_.settings.mfa_lockout_failures,
                                               ctx_.settings.mfa_lockout_base_seconds,
                                               ctx_.settings.mfa_lockout_max_seconds});
  const std::string user_id = user.to_string();
  const Timestamp now = ctx_.clock.now();
  FG_ASSIGN_OR_RETURN(std::optional<Timestamp> locked, lockout.admit(tx, user_id, now));
  if (locked) {
    // The lock is checked only after a correct password, so it tells nothing to who lacks one; the
    // code is not even looked at while locked.
    tx.rollback();  // before the audit's own write transaction (SQLite has one writer)
    FG_TRY(audit_login_failure(user, tx.org_id(), email, "second_factor_locked", meta));
    return locked_error(*locked, now);
  }
  if (!code || code->empty()) {
    if (capped) {     // note 7: past the account ceiling
      tx.rollback();  // before the audit's own write transaction (SQLite has one writer)
      return refuse_throttled(email, meta);
    }
    return unauthenticated_error("totp_code required");
  }
  Status second = internal::verify_second_factor(tx, ctx_.totp_key, user_id, *code, now);
  if (second.ok()) return lockout.record_success(tx, user_id);
  if (second.code() != StatusCode::kUnauthenticated) return second;
  FG_ASSIGN_OR_RETURN(internal::FailureOutcome failed, lockout.record_failure(tx, user_id, now));
  if (failed.locked) {
    audit::AuditEvent e = internal::make_event(audit::AuditAction::kAuthMfaLocked, "user", user_id, meta);
    e.context = {{"email", email},
                 {"lock_seconds", failed.lock_seconds},
                 {"locked_until", format_timestamp(failed.locked_until)},
                 {"locks", failed.locks}};
    FG_TRY(ctx_.audit.append(tx, e));
  }
  FG_TRY(tx.commit());
  throttle_.record_failure(meta.source_ip, email);
  if (capped) return refuse_throttled(email, meta);
  note_login_failure("invalid_second_factor");
  FG_TRY(audit_login_failure(user, tx.org_id(), email, "invalid_second_factor", meta));
  return unauthenticated_error("invalid email or password");
}

}  // namespace fg::identity
