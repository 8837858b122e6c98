#include "identity/internal/second_factor_lockout.hpp"

#include <algorithm>

namespace fg::identity::internal {

Result<std::optional<Timestamp>> SecondFactorLockout::admit(store::Transaction& tx, const std::string& user_id,
                                                            Timestamp now) const {
  FG_TRY(
      tx.exec("INSERT INTO second_factor_lockouts (user_id) VALUES ($1) ON CONFLICT (user_id) DO NOTHING", {user_id}));
  // An UPDATE rather than a SELECT: it holds the row until the transaction ends (note 4).
  FG_ASSIGN_OR_RETURN(store::RowSet rs, tx.query("UPDATE second_factor_lockouts SET failures = failures WHERE "
                                                 "user_id = $1 RETURNING locked_until",
                                                 {user_id}));
  if (rs.size() != 1) return internal_error("the second-factor lockout row is missing");
  if (rs.is_null(0, 0) || rs.int64(0, 0) <= now.micros) return std::optional<Timestamp>();
  return std::optional<Timestamp>(Timestamp{rs.int64(0, 0)});
}

Result<FailureOutcome> SecondFactorLockout::record_failure(store::Transaction& tx, const std::string& user_id,
                                                           Timestamp now) const {
  FG_ASSIGN_OR_RETURN(store::RowSet rs,
                      tx.query("UPDATE second_factor_lockouts SET failures = failures + 1, last_failure_at = $2 "
                               "WHERE user_id = $1 RETURNING failures, locks",
                               {user_id, now.micros}));
  if (rs.size() != 1) return internal_error("the second-factor lockout row is missing");
  FailureOutcome out;
  out.failures = static_cast<int>(rs.int64(0, 0));
  out.locks = static_cast<int>(rs.int64(0, 1));
  if (out.failures < policy_.failures) return out;
  out.locked = true;
  out.lock_seconds = lock_seconds(out.locks);
  out.locked_until = Timestamp{now.micros + out.lock_seconds * 1000000};
  out.failures = 0;
  out.locks += 1;
  FG_TRY(tx.exec("UPDATE second_factor_lockouts SET failures = 0, locks = $2, locked_until = $3 WHERE user_id = $1",
                 {user_id, static_cast<std::int64_t>(out.locks), out.locked_until.micros}));
  return out;
}

Status SecondFactorLockout::record_success(store::Transaction& tx, const std::string& user_id) const {
  return clear(tx, user_id);
}

Status SecondFactorLockout::clear(store::Transaction& tx, const std::string& user_id) {
  // Reset, never delete: a concurrent admit() that found the row must still find it to lock it.
  return tx
      .exec("UPDATE second_factor_lockouts SET failures = 0, locks = 0, locked_until = NULL WHERE user_id = $1",
            {user_id})
      .status();
}

Result<bool> SecondFactorLockout::unlock(store::Transaction& tx, const std::string& user_id, Timestamp now) {
  FG_ASSIGN_OR_RETURN(std::int64_t changed,
                      tx.exec("UPDATE second_factor_lockouts SET failures = 0, locked_until = NULL WHERE user_id = "
                              "$1 AND (failures > 0 OR locked_until > $2)",
                              {user_id, now.micros}));
  return changed > 0;
}

std::int64_t SecondFactorLockout::lock_seconds(int previous_locks) const {
  std::int64_t s = policy_.base_seconds;
  for (int i = 0; i < previous_locks && s < policy_.max_seconds; ++i) s *= 2;  // max_seconds <= 30 days: no overflow
  return std::min(s, policy_.max_seconds);
}

}  // namespace fg::identity::internal
