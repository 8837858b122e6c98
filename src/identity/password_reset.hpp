// Password reset links: a single-use token, valid settings.password_reset_ttl_seconds (1 h), stored
// only as its SHA-256 hash. The token goes to the user, never to the member who asked for the reset:
// until mail exists the operator prints it (`finguard admin reset-password --org --email`);
// Authenticator::complete_password_reset redeems it.
#pragma once

#include <cstdint>
#include <string>

#include "identity/identity_context.hpp"

namespace fg::identity {

//! Issues a reset token for a member of the scope's org (operator scope), audited in that org's chain
//! (auth.password.reset_requested). not_found when no member of the org has `email`. Returns the token.
Result<std::string> issue_password_reset_in_org(const IdentityContext& ctx, const OrgScope& scope,
                                                const std::string& email);

//! Issues a reset token for a member of the scope's org, audited in that org (auth.password.reset_requested).
//! The caller must not hand the token to the actor (the route answers 202 without it).
//! not_found when the user is not a member; permission_denied for an API key or worker actor, when the
//! user's role is not strictly below the actor's (no peer takes over a peer, an Owner included), or
//! when the user also belongs to another org (an org's Administrator cannot take over an account that
//! other orgs rely on).
Result<std::string> issue_password_reset_for_member(const IdentityContext& ctx, const OrgScope& scope,
                                                    const std::string& user_id, const audit::Origin& meta);

//! How long an email verification link lasts: the operator carries it to the user by hand until mail
//! exists, which takes longer than the hour of a reset the user asked for.
inline constexpr std::int64_t kEmailVerificationTtlSeconds = 24 * 3600;

//! Issues the link that proves an unverified account's email (issue 20 item 5): a reset token the
//! operator delivers to that email. Redeeming it (Authenticator::complete_password_reset) sets a new
//! password, marks the email verified and discards what the unproven holder set (password, second
//! factor, sessions, API keys). Audited in the platform chain (auth.password.reset_requested, purpose
//! email_verification) as `operator`. not_found for an unknown email; conflict when the email is
//! already verified (use a reset: nothing needs discarding). Returns the token.
Result<std::string> issue_email_verification(const IdentityContext& ctx, const Actor& operator_actor,
                                             const std::string& email);

}  // namespace fg::identity
