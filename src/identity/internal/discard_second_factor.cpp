#include "identity/internal/discard_second_factor.hpp"

#include "identity/internal/second_factor_lockout.hpp"

namespace fg::identity::internal {

Status discard_second_factor(store::Transaction& tx, const std::string& user_id, std::int64_t now_micros) {
  FG_TRY(
      tx.exec("UPDATE users SET mfa_enabled = 0, totp_secret_sealed = NULL, totp_pending_sealed = NULL, "
              "totp_last_step = NULL, updated_at = $1 WHERE id = $2",
              {now_micros, user_id}));
  FG_TRY(tx.exec("DELETE FROM recovery_codes WHERE user_id = $1", {user_id}));
  return SecondFactorLockout::clear(tx, user_id);
}

}  // namespace fg::identity::internal
