// ContextPolicy: what may go into an audit event's context. The writer refuses anything that looks
// like a secret, so a careless caller gets an error in tests instead of a credential in the log.
#pragma once

#include <nlohmann/json.hpp>

#include "core/status.hpp"

namespace fg::audit {

//! Maximum size of the serialized context.
inline constexpr std::size_t kMaxContextBytes = 4096;

//! OK for a flat JSON object (string/number/bool/null values, or arrays of those) whose keys avoid
//! the deny-list (password, secret, token, private key, credential, cookie, authorization, totp,
//! recovery, api_key, session) and whose values contain no credential-shaped text (fgk_..., "Bearer ").
//! invalid_argument names the offending key otherwise.
Status check_context(const nlohmann::json& context);

}  // namespace fg::audit
