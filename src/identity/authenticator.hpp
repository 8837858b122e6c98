// Authenticator: the one identity class that turns a verified credential into an OrgScope (it holds
// the passkey, core/org_scope.hpp). It checks session cookies and API keys on every request, and runs
// the pre-authentication flows that end in a scope: login, invitation acceptance, password reset.
//
// Notes:
//   1. Unknown user and wrong password take the same path: a dummy argon2id hash is verified when the
//      user does not exist, and both answer the same unauthenticated message.
//   2. Session tokens, API key secrets and invitation/reset tokens are stored only as SHA-256 hashes;
//      the pre-auth lookups go through store::PrivilegedCall (SECURITY DEFINER on PostgreSQL).
//   3. A session is valid while now < created + absolute lifetime and now < last_seen + idle timeout
//      (both per org). last_seen is written at most every settings.last_seen_write_seconds.
//   4. CSRF: the token is HMAC-SHA256(session token, "finguard csrf v1"), so it is bound to the session,
//      never stored, and verifiable only with the HttpOnly cookie the browser sends alongside.
//   5. Sessions of a user who has not enrolled MFA in an org that enforces it carry no role: every
//      permission-checked route refuses them until they enroll.
//   6. An API key's row is read on every request (revocation, expiry and the creator's membership take
//      effect at once); its last_used_at is written at most every settings.last_seen_write_seconds per
//      process, because a write per request would serialize every authenticated read on SQLite.
//   7. Failed logins are throttled per client and per (account, client), and capped per account
//      (login_throttle.hpp). Past the account-wide cap only a correct password with a valid second
//      factor signs in; every other outcome, a wrong password included, gets the same throttled
//      answer, so the cap tells nothing about the password.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "identity/identity_context.hpp"
#include "identity/login_throttle.hpp"
#include "identity/sso/verified_sso_identity.hpp"

namespace fg::identity {

namespace internal {
class UsageWriteThrottle;
}  // namespace internal

//! How a principal authenticated.
enum class CredentialKind { kSession, kApiKey, kSso };

struct AuthenticatedPrincipal {
  OrgScope scope;
  CredentialKind kind = CredentialKind::kSession;
  bool csrf_verified = false;  //!< sessions: the mutation's X-CSRF-Token matched
  std::string session_id;      //!< sessions only
  UserId user_id;              //!< the user (for API keys: the key's creator)
};

struct LoginRequest {
  std::string email;
  std::string password;
  std::optional<std::string> totp_code;  //!< a TOTP code or a recovery code
  std::optional<std::string> org;        //!< slug of the org to sign in to; default: the first
};

struct IssuedSession {
  std::string token;  //!< the cookie value: show once, never log
  std::string csrf_token;
  std::string session_id;
  OrgId org_id;
  UserId user_id;
  std::string role;
  Timestamp expires_at;
};

//! Told of every failed password login: `reason` is "unknown_user", "invalid_credentials",
//! "invalid_second_factor" or "throttled". Called on the login's thread; must not throw.
using LoginFailureObserver = std::function<void(std::string_view reason)>;

class Authenticator {
 public:
  explicit Authenticator(IdentityContext ctx);
  ~Authenticator();

  //! Checks a session cookie; for a mutation also the CSRF header. unauthenticated for anything
  //! invalid or expired (one message); unavailable when the store cannot answer. Thread-safe.
  Result<AuthenticatedPrincipal> authenticate_session(std::string_view token, std::optional<std::string_view> csrf,
                                                      bool is_mutation) const;
  //! Checks `fgk_<id>_<secret>`. The key acts with min(its role, its creator's current role). Every
  //! call reads the key's row, so a revocation holds from the next request in every process (note 6).
  Result<AuthenticatedPrincipal> authenticate_api_key(std::string_view key) const;

  //! Password (+ TOTP) login. unauthenticated with one message for unknown user, wrong password or
  //! a deactivated membership; unauthenticated "totp_code required" only after a correct password;
  //! resource_exhausted after too many failures. Every outcome is audited.
  Result<IssuedSession> login(const LoginRequest& request, const RequestMeta& meta);

  //! Accepts an invitation: creates the user (with `password`, checked against the org's policy) or,
  //! for an existing user, checks `password` against theirs; adds the membership. Audited.
  //! not_found for an unknown, used or expired token.
  Result<UserId> accept_invitation(std::string_view token, std::string_view password, std::string_view display_name,
                                   const RequestMeta& meta);

  //! Sets a new password with a single-use reset token and revokes every session of the user.
  Status complete_password_reset(std::string_view token, std::string_view password, const RequestMeta& meta);

  //! Opens a session for a verified single sign-on (OIDC): the user with that email must be active and
  //! an active member of one of identity.org_slugs() (the first by slug is chosen). unauthenticated
  //! otherwise, audited as a login failure; success is audited auth.login.succeeded with the method.
  Result<IssuedSession> login_sso(const VerifiedSsoIdentity& identity, const RequestMeta& meta);
  //! The principal of a per-request SSO assertion (Cloudflare Access): the user's first active
  //! membership by slug. unauthenticated when there is none. Not audited per request. Thread-safe.
  Result<AuthenticatedPrincipal> authenticate_sso(const VerifiedSsoIdentity& identity) const;
  //! Audits a refused SSO sign-in (platform chain: no org is known).
  Status audit_sso_failure(const std::string& email, SsoMethod method, const std::string& reason,
                           const RequestMeta& meta) const;

  //! Sets who is told of failed logins (the API's fg_login_failures_total). Thread-safe.
  void set_login_failure_observer(LoginFailureObserver observer);

  //! The CSRF token of a session token.
  static std::string csrf_token_for(std::string_view session_token);

  const IdentityContext& context() const { return ctx_; }

 private:
  OrgScope scope_for(const OrgId& org, Actor actor) const;
  Result<IssuedSession> open_session(const OrgId& org, const UserId& user, const std::string& role,
                                     const RequestMeta& meta, bool rehash, const std::string& new_hash,
                                     std::string_view method = {});
  struct SsoMember {
    UserId user;
    OrgId org;
    std::string role;
    bool mfa_missing = false;
  };
  //! The active member behind an SSO identity, or unauthenticated with `reason` set.
  Result<SsoMember> sso_member(const VerifiedSsoIdentity& identity, std::string& reason) const;
  Status audit_login_failure(const std::optional<UserId>& user, const std::optional<OrgId>& org,
                             const std::string& email, const std::string& reason, const RequestMeta& meta) const;
  //! Tells the observer, if any, of one failed login.
  void note_login_failure(std::string_view reason) const;
  //! Audits and counts a throttled attempt; resource_exhausted (or the audit's error).
  Status refuse_throttled(const std::string& email, const RequestMeta& meta) const;

  IdentityContext ctx_;
  LoginThrottle throttle_;
  mutable std::mutex observer_mu_;
  LoginFailureObserver observer_;
  std::unique_ptr<internal::UsageWriteThrottle> key_usage_writes_;
  std::string dummy_hash_;
};

}  // namespace fg::identity
