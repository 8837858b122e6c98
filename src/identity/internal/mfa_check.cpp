#include "identity/internal/mfa_check.hpp"

#include <optional>

#include "crypto/encoding.hpp"
#include "crypto/recovery_codes.hpp"
#include "crypto/totp.hpp"

namespace fg::identity::internal {

Status verify_second_factor(store::Transaction& tx, const TotpKey& key, const std::string& user_id,
                            std::string_view code, Timestamp now) {
  const Status wrong = unauthenticated_error("invalid or expired credentials");
  if (code.size() == static_cast<std::size_t>(crypto::kTotpDigits)) {
    FG_ASSIGN_OR_RETURN(store::RowSet rs,
                        tx.query("SELECT totp_secret_sealed, totp_last_step FROM users WHERE id = $1 AND "
                                 "mfa_enabled = 1",
                                 {user_id}));
    if (rs.size() != 1 || rs.is_null(0, 0)) return wrong;
    const std::string& sealed = rs.text(0, 0);
    Result<crypto::SecretBuffer> secret = key.open(user_id, crypto::as_bytes(sealed));
    if (!secret.ok()) return internal_error("cannot open a stored TOTP secret");
    Result<std::int64_t> step = crypto::totp_verify(secret->bytes(), code, now, rs.opt_int64(0, 1));
    if (!step.ok()) return wrong;
    // Conditional, so of two logins that both read the old step only the first write counts: on
    // PostgreSQL the second UPDATE waits for the first to commit and then matches no row.
    FG_ASSIGN_OR_RETURN(std::int64_t consumed,
                        tx.exec("UPDATE users SET totp_last_step = $1 WHERE id = $2 AND (totp_last_step IS NULL OR "
                                "totp_last_step < $1)",
                                {*step, user_id}));
    return consumed == 1 ? ok_status() : wrong;
  }
  const std::string hash = crypto::hex_encode(crypto::recovery_code_hash(code));
  // The hash is the lookup key; a 80-bit code cannot be guessed row by row.
  FG_ASSIGN_OR_RETURN(std::int64_t used,
                      tx.exec("DELETE FROM recovery_codes WHERE user_id = $1 AND code_hash = $2", {user_id, hash}));
  return used == 1 ? ok_status() : wrong;
}

}  // namespace fg::identity::internal
