// Password policy per NIST SP 800-63B Rev. 4 (CORRECTIONS.md): a length rule, a blocklist of common
// passwords and no password equal to the email; no composition rules.
//
// The minimum is 15 characters for a password-only account and 8 when the org enforces MFA; when a
// user belongs to several orgs the strictest (largest) minimum among them applies. Turning MFA
// enforcement on later does not invalidate existing passwords: the policy applies when one is set.
#pragma once

#include <string_view>
#include <vector>

#include "core/status.hpp"

namespace fg::identity {

inline constexpr std::size_t kMinPasswordChars = 15;    //!< password-only accounts
inline constexpr std::size_t kMinPasswordCharsMfa = 8;  //!< orgs that enforce MFA
inline constexpr std::size_t kMaxPasswordChars = 128;   //!< NIST: at least 64 must be allowed

struct PasswordPolicy {
  std::size_t min_chars = kMinPasswordChars;
  std::size_t max_chars = kMaxPasswordChars;

  //! The policy of one org.
  static PasswordPolicy for_org(bool org_requires_mfa);
  //! The strictest of several orgs' policies: `require_mfa` holds one flag per org the user is in.
  //! With no org at all (a user being created), the password-only minimum applies.
  static PasswordPolicy strictest(const std::vector<bool>& require_mfa);
};

//! OK, or invalid_argument (field `field`) saying which rule failed, never echoing the password.
//! Characters are Unicode code points of the UTF-8 text; invalid UTF-8 is refused. Thread-safe.
Status check_password(const PasswordPolicy& policy, std::string_view password, std::string_view email,
                      std::string_view field = "password");

//! True when `password` is on the embedded common-password list (case-insensitive). Thread-safe.
bool is_common_password(std::string_view password);

}  // namespace fg::identity
