// Revokes every API key a user created, in every org, when their password is reset or changed (issue
// 20 item 7): whoever knew the old password may have minted one, and a key needs no password later.
#pragma once

#include <cstdint>
#include <string>

#include "identity/identity_context.hpp"

namespace fg::identity::internal {

//! Revokes the keys inside `sys` and records one api_key.revoked per key (reason `reason`, the key's
//! org in the context) in the platform chain of the same transaction, so the revocation and its record
//! commit together. Returns how many keys it revoked.
Result<std::int64_t> revoke_user_api_keys(const IdentityContext& ctx, store::SystemTransaction& sys,
                                          const std::string& user, const std::string& reason,
                                          const audit::Origin& meta);

}  // namespace fg::identity::internal
