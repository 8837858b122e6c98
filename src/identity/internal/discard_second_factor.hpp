// Removes a user's second factor: the TOTP secret (enrolled or pending), the recovery codes and any
// lockout, so the next factor starts clean. Shared by an Administrator's MFA reset and by the email
// proof of an unverified account (a factor its unproven holder set must not survive the proof).
#pragma once

#include <cstdint>
#include <string>

#include "store/transaction.hpp"

namespace fg::identity::internal {

//! Runs inside `tx` (org or system); sessions are the caller's to revoke.
Status discard_second_factor(store::Transaction& tx, const std::string& user_id, std::int64_t now_micros);

}  // namespace fg::identity::internal
