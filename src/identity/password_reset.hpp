// Password reset links: a single-use token, valid settings.password_reset_ttl_seconds (1 h), stored
// only as its SHA-256 hash. Until mail exists the link is printed (operator CLI) or returned to an
// Administrator; Authenticator::complete_password_reset redeems it.
#pragma once

#include <string>

#include "identity/identity_context.hpp"

namespace fg::identity {

//! Issues a reset token for the user with `email`, audited on the platform chain with `actor`.
//! not_found for an unknown email. Returns the token (show once).
Result<std::string> issue_password_reset_by_email(const IdentityContext& ctx, const Actor& actor,
                                                  const std::string& email);

//! Issues a reset token for a member of the scope's org, audited in that org (auth.password.reset_requested).
//! not_found when the user is not a member; permission_denied when the user has a higher role than the
//! actor or also belongs to another org (an org's Administrator cannot take over an account that
//! other orgs rely on).
Result<std::string> issue_password_reset_for_member(const IdentityContext& ctx, const OrgScope& scope,
                                                    const std::string& user_id, const RequestMeta& meta);

}  // namespace fg::identity
