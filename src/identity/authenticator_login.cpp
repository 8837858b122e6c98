// Authenticator: password login and the session it opens.
#include "crypto/token.hpp"
#include "identity/authenticator.hpp"
#include "identity/internal/active_membership.hpp"
#include "identity/internal/audit_event.hpp"
#include "identity/internal/credential_hash.hpp"

namespace fg::identity {
namespace {

Status invalid_credentials() {
  return unauthenticated_error("invalid email or password");
}

struct UserRow {
  UserId id;
  std::string password_hash;
  bool active = false;
  bool mfa_enabled = false;
};

Result<std::optional<UserRow>> find_user(store::Database& db, const std::string& email) {
  FG_ASSIGN_OR_RETURN(store::SystemTransaction tx, db.begin_system(store::TxMode::kRead));
  FG_ASSIGN_OR_RETURN(store::RowSet rs,
                      tx.query("SELECT id, password_hash, status, mfa_enabled FROM users WHERE email = $1", {email}));
  if (rs.size() != 1) return std::optional<UserRow>();
  FG_ASSIGN_OR_RETURN(UserId id, UserId::parse(rs.text(0, 0)));
  return std::optional<UserRow>(UserRow{id, rs.text(0, 1), rs.text(0, 2) == "active", rs.int64(0, 3) != 0});
}

}  // namespace

Status Authenticator::audit_login_failure(const std::optional<UserId>& user, const std::optional<OrgId>& org,
                                          const std::string& email, const std::string& reason,
                                          const audit::Origin& meta) const {
  audit::AuditEvent e =
      internal::make_event(audit::AuditAction::kAuthLoginFailed, "user", user ? user->to_string() : std::string(), meta,
                           reason == "throttled" || reason == "second_factor_locked" ? audit::AuditResult::kDenied
                                                                                     : audit::AuditResult::kFailed);
  e.context = {{"reason", reason}, {"email", email}};
  if (user && org) {
    FG_ASSIGN_OR_RETURN(store::OrgTransaction tx,
                        ctx_.db.begin(scope_for(*org, Actor{Actor::Kind::kUser, user->to_string(), ""})));
    FG_TRY(ctx_.audit.append(tx, e));
    return tx.commit();
  }
  // No org to charge it to: the platform chain (an unknown user's failure, a throttled attempt).
  FG_ASSIGN_OR_RETURN(store::SystemTransaction tx, ctx_.db.begin_system());
  FG_TRY(ctx_.audit.append_platform(tx, Actor{Actor::Kind::kSystem, "login", ""}, e));
  return tx.commit();
}

void Authenticator::set_login_failure_observer(LoginFailureObserver observer) {
  std::lock_guard lock(observer_mu_);
  observer_ = std::move(observer);
}

void Authenticator::note_login_failure(std::string_view reason) const {
  LoginFailureObserver observer;
  {
    std::lock_guard lock(observer_mu_);
    observer = observer_;
  }
  if (observer) observer(reason);
}

Status Authenticator::refuse_throttled(const std::string& email, const audit::Origin& meta) const {
  note_login_failure("throttled");
  FG_TRY(audit_login_failure(std::nullopt, std::nullopt, email, "throttled", meta));
  return resource_exhausted_error("too many failed sign-in attempts; try again in a minute");
}

Result<IssuedSession> Authenticator::login(const LoginRequest& request, const audit::Origin& meta) {
  const std::string email = internal::normalize_email(request.email);
  const LoginThrottleVerdict gate = throttle_.check(meta.source_ip, email);
  if (gate.refuse_now()) return refuse_throttled(email, meta);
  // Note 7: past the account-wide cap, every failure below answers as throttled.
  const bool capped = gate.account_ceiling;
  FG_ASSIGN_OR_RETURN(std::optional<UserRow> user, find_user(ctx_.db, email));
  // Note 1: verify against a dummy hash for an unknown user, so timing does not tell them apart.
  const std::string& stored = user && !user->password_hash.empty() ? user->password_hash : dummy_hash_;
  FG_ASSIGN_OR_RETURN(crypto::PasswordVerdict verdict, ctx_.hasher.verify(stored, request.password));
  const bool password_ok = verdict.match && user.has_value() && !user->password_hash.empty() && user->active;

  // Which org: the requested slug or the first active membership (never from anything but the user's own).
  std::optional<OrgId> org;
  std::string role;
  if (user) {
    FG_ASSIGN_OR_RETURN(store::SystemTransaction sys, ctx_.db.begin_system(store::TxMode::kRead));
    FG_ASSIGN_OR_RETURN(std::optional<internal::ActiveMembership> m,
                        internal::first_active_membership(sys, user->id, [&](std::string_view slug) {
                          return !request.org || slug == *request.org;
                        }));
    sys.rollback();
    if (m) {
      org = m->org;
      role = std::move(m->role);
    }
  }
  if (!password_ok || !org) {
    throttle_.record_failure(meta.source_ip, email);
    const std::string reason = user ? "invalid_credentials" : "unknown_user";
    if (capped) return refuse_throttled(email, meta);
    note_login_failure(reason);
    FG_TRY(audit_login_failure(user ? std::optional<UserId>(user->id) : std::nullopt, org, email, reason, meta));
    return invalid_credentials();
  }
  if (capped && !user->mfa_enabled) return refuse_throttled(email, meta);
  std::string new_hash;
  if (verdict.needs_rehash) {
    Result<std::string> h = ctx_.hasher.hash(request.password);
    if (h.ok()) new_hash = *h;
  }
  if (user->mfa_enabled) {
    FG_ASSIGN_OR_RETURN(store::OrgTransaction tx,
                        ctx_.db.begin(scope_for(*org, Actor{Actor::Kind::kUser, user->id.to_string(), role})));
    FG_TRY(second_factor(tx, user->id, email, request.totp_code, capped, meta));
    FG_TRY(tx.commit());
  }
  return open_session(*org, user->id, role, meta, !new_hash.empty(), new_hash);
}

Result<IssuedSession> Authenticator::open_session(const OrgId& org, const UserId& user, const std::string& role,
                                                  const audit::Origin& meta, bool rehash, const std::string& new_hash,
                                                  std::string_view method) {
  const OrgScope scope = scope_for(org, Actor{Actor::Kind::kUser, user.to_string(), role});
  FG_ASSIGN_OR_RETURN(store::OrgTransaction tx, ctx_.db.begin(scope));
  FG_ASSIGN_OR_RETURN(store::RowSet o, tx.query("SELECT session_absolute_seconds FROM orgs WHERE id = $1", {org}));
  if (o.size() != 1) return internal_error("the session's org is missing");
  const Timestamp now = ctx_.clock.now();
  const Timestamp expires{now.micros + o.int64(0, 0) * 1000000};
  // A fresh token on every login: a token planted before login (session fixation) is never promoted.
  crypto::IssuedToken token = crypto::issue_session_token();
  const std::string id = Uuid::random().to_string();
  FG_TRY(
      tx.exec("INSERT INTO sessions (id, org_id, user_id, token_hash, created_at, last_seen_at, expires_at, ip, "
              "user_agent) VALUES ($1, $2, $3, $4, $5, $5, $6, $7, $8)",
              {id, org, user, crypto::hex_encode(token.hash), now.micros, expires.micros, meta.source_ip,
               meta.user_agent.substr(0, 256)}));
  if (rehash) {
    FG_TRY(tx.exec("UPDATE users SET password_hash = $1, updated_at = $2 WHERE id = $3", {new_hash, now.micros, user}));
  }
  audit::AuditEvent e = internal::make_event(audit::AuditAction::kAuthLoginSucceeded, "session", id, meta);
  if (!method.empty()) e.context = {{"method", std::string(method)}};
  FG_TRY(ctx_.audit.append(tx, e));
  FG_TRY(tx.commit());
  std::string csrf = csrf_token_for(token.token);
  return IssuedSession{std::move(token.token), std::move(csrf), id, org, user, role, expires};
}

}  // namespace fg::identity
