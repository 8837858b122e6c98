// The second factor at login: a TOTP code (replay-protected by the last used step) or a single-use
// recovery code. Runs inside the caller's transaction so the used step / code is consumed atomically
// with the session it opens.
#pragma once

#include <string>
#include <string_view>

#include "core/time.hpp"
#include "identity/totp_key.hpp"
#include "store/transaction.hpp"

namespace fg::identity::internal {

//! OK when `code` is a valid TOTP code or an unused recovery code of `user_id`, consuming it.
//! unauthenticated otherwise (one message), also when a concurrent login consumed the same TOTP step
//! first (the step is written only if it is newer than the stored one).
Status verify_second_factor(store::Transaction& tx, const TotpKey& key, const std::string& user_id,
                            std::string_view code, Timestamp now);

}  // namespace fg::identity::internal
