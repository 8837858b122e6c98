// AccountService: what a signed-in user does to their own account: change the password (which kills
// their other sessions in every org), enroll TOTP (enroll -> confirm with a code -> recovery codes
// shown once) and disable it again (re-authenticated, refused where an org requires MFA). Also the
// Owner's org security settings. Only user principals (not API keys) may change their credentials.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "identity/identity_context.hpp"
#include "identity/login_throttle.hpp"

namespace fg::identity {

struct TotpEnrollment {
  std::string secret_base32;  //!< show once
  std::string otpauth_uri;    //!< show once (as a QR code)
};

struct OrgSecuritySettings {
  std::optional<bool> require_mfa;
  std::optional<std::int64_t> session_idle_seconds;      //!< 60 .. 86400
  std::optional<std::int64_t> session_absolute_seconds;  //!< 300 .. 30 days
};

class AccountService {
 public:
  //! `throttle` is the login throttle its password checks draw from (the Authenticator's, so a stolen
  //! session cannot guess the password here faster than at /auth/login); null gives it its own.
  explicit AccountService(IdentityContext ctx, LoginThrottle* throttle = nullptr);
  ~AccountService();

  //! invalid_argument (field "current_password") for a wrong current password, counted by the login
  //! throttle and audited auth.login.failed; resource_exhausted once throttled; invalid_argument (field
  //! "new_password") for a policy failure. Revokes every other session and every API key of the user, in
  //! every org (issue 20 item 7). Audited.
  Status change_password(const OrgScope& scope, const std::string& current_session_id,
                         const std::string& current_password, const std::string& new_password,
                         const audit::Origin& meta) const;
  //! Starts TOTP enrollment (a pending secret, sealed). conflict when MFA is already on.
  Result<TotpEnrollment> enroll_totp(const OrgScope& scope) const;
  //! Confirms with a code from the app; turns MFA on and returns the recovery codes (shown once).
  //! invalid_argument (field "code") for a wrong code; conflict without a pending enrollment. Audited.
  Result<std::vector<std::string>> confirm_totp(const OrgScope& scope, const std::string& code,
                                                const audit::Origin& meta) const;
  //! Turns the user's own TOTP off (secret and recovery codes deleted) after re-authentication by
  //! `current_password` or a current `code` (TOTP or recovery code); one of them must be given.
  //! invalid_argument naming "current_password" (neither given, or it is wrong) or "code" (wrong);
  //! permission_denied for an API key or when any org of the user requires MFA; conflict when MFA is
  //! off. Audited auth.mfa.disabled in the same transaction.
  Status disable_totp(const OrgScope& scope, const std::optional<std::string>& current_password,
                      const std::optional<std::string>& code, const audit::Origin& meta) const;
  //! Changes the org's security settings. invalid_argument names the field out of range. Audited.
  Status update_security(const OrgScope& scope, const OrgSecuritySettings& settings, const audit::Origin& meta) const;

 private:
  //! Checks the signed-in user's current password through the login throttle; a wrong one is audited
  //! (auth.login.failed, reason wrong_current_password, with the operation) and counted.
  Status check_current_password(const OrgScope& scope, const std::string& email, const std::string& stored_hash,
                                const std::string& password, std::string_view operation,
                                const audit::Origin& meta) const;

  IdentityContext ctx_;
  std::unique_ptr<LoginThrottle> own_throttle_;
  LoginThrottle* throttle_;
};

}  // namespace fg::identity
