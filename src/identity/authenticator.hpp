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
//   5. Sessions and API keys of a user who has not enrolled MFA in an org that enforces it carry no
//      role: every permission-checked route refuses them until the user enrolls.
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

//! What the unauthenticated acceptance did: kept inside the API tier, which answers both alike.
struct InvitationAcceptance {
  std::optional<UserId> created_user;  //!< set when a new account was created and joined
};

//! The membership a signed-in acceptance added (or had added).
struct JoinedOrg {
  OrgId org_id;
  std::string org_slug;
  std::string role;
  bool newly_joined = true;  //!< false when the token had been redeemed by this user before
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
  Result<IssuedSession> login(const LoginRequest& request, const audit::Origin& meta);

  //! Accepts an invitation without a session (issue 20 item 3). `password` is checked against the org's
  //! policy whoever the invitee is. A new email gets its account (with that password) and the
  //! membership; an existing account is left untouched and its password never checked here: it joins
  //! with join_invitation() once signed in. Both cost one argon2id hash and answer alike to the caller.
  //! Audited when it creates the membership. not_found for an unknown, used or expired token.
  Result<InvitationAcceptance> accept_invitation(std::string_view token, std::string_view password,
                                                 std::string_view display_name, const audit::Origin& meta);
  //! Accepts an invitation as the signed-in `user` (the session proves the password): the invitation's
  //! email must be the user's. Adds the membership; a token this user already redeemed answers its
  //! membership again (the new-account path signs in after accepting). not_found for an unknown, used,
  //! expired or someone else's token; conflict when already a member by another way. Audited.
  Result<JoinedOrg> join_invitation(const UserId& user, std::string_view token, const audit::Origin& meta);

  //! Sets a new password with a single-use reset token and revokes every session and API key of the user
  //! in every org (a key minted with the old password must not outlive it: issue 20 item 7).
  Status complete_password_reset(std::string_view token, std::string_view password, const audit::Origin& meta);

  //! Opens a session for a verified single sign-on (OIDC): the user with that email must be active and
  //! an active member of one of identity.org_slugs() (the first by slug is chosen). unauthenticated
  //! otherwise, audited as a login failure; success is audited auth.login.succeeded with the method.
  Result<IssuedSession> login_sso(const VerifiedSsoIdentity& identity, const audit::Origin& meta);
  //! The principal of a per-request SSO assertion (Cloudflare Access): the user's first active
  //! membership by slug. unauthenticated when there is none. Not audited per request. Thread-safe.
  Result<AuthenticatedPrincipal> authenticate_sso(const VerifiedSsoIdentity& identity) const;
  //! Audits a refused SSO sign-in (platform chain: no org is known).
  Status audit_sso_failure(const std::string& email, SsoMethod method, const std::string& reason,
                           const audit::Origin& meta) const;

  //! Sets who is told of failed logins (the API's fg_login_failures_total). Thread-safe.
  void set_login_failure_observer(LoginFailureObserver observer);

  //! The CSRF token of a session token.
  static std::string csrf_token_for(std::string_view session_token);

  const IdentityContext& context() const { return ctx_; }
  //! The failed-sign-in budget; other password checks (AccountService) draw from it too.
  LoginThrottle& login_throttle() { return throttle_; }

 private:
  OrgScope scope_for(const OrgId& org, Actor actor) const;
  struct OpenInvitation {
    std::string id;
    OrgId org;
    std::string email;
    std::string role;
  };
  //! The open (unused, unrevoked, unexpired) invitation of a token; not_found otherwise.
  Result<OpenInvitation> open_invitation(std::string_view token) const;
  //! Consumes the invitation, re-checks its inviter, runs `before_membership` (a new account's row)
  //! and adds the membership, audited, in one transaction of the invitation's org.
  Status redeem_invitation(const OpenInvitation& inv, const UserId& user, const audit::Origin& meta,
                           const std::function<Status(store::OrgTransaction&)>& before_membership);
  Result<IssuedSession> open_session(const OrgId& org, const UserId& user, const std::string& role,
                                     const audit::Origin& meta, bool rehash, const std::string& new_hash,
                                     std::string_view method = {});
  struct SsoMember {
    UserId user;
    OrgId org;
    std::string role;
    bool mfa_missing = false;
  };
  //! The active member behind an SSO identity, or unauthenticated with `reason` set.
  Result<SsoMember> sso_member(const VerifiedSsoIdentity& identity, std::string& reason) const;
  //! The second factor of a password login, inside `tx` (the login's org): the persisted lockout
  //! (internal/second_factor_lockout.hpp), then the code. resource_exhausted while locked;
  //! unauthenticated "totp_code required" without a code; unauthenticated for a wrong one (counted and
  //! committed here, with the lock it may cause). `capped` (past the account-wide throttle ceiling,
  //! note 7): a missing or wrong code answers as throttled. On success the caller commits `tx`.
  Status second_factor(store::OrgTransaction& tx, const UserId& user, const std::string& email,
                       const std::optional<std::string>& code, bool capped, const audit::Origin& meta);
  Status audit_login_failure(const std::optional<UserId>& user, const std::optional<OrgId>& org,
                             const std::string& email, const std::string& reason, const audit::Origin& meta) const;
  //! Tells the observer, if any, of one failed login.
  void note_login_failure(std::string_view reason) const;
  //! Audits and counts a throttled attempt; resource_exhausted (or the audit's error).
  Status refuse_throttled(const std::string& email, const audit::Origin& meta) const;

  IdentityContext ctx_;
  LoginThrottle throttle_;
  mutable std::mutex observer_mu_;
  LoginFailureObserver observer_;
  std::unique_ptr<internal::UsageWriteThrottle> key_usage_writes_;
  std::string dummy_hash_;
};

}  // namespace fg::identity
