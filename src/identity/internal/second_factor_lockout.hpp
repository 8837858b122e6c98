// SecondFactorLockout: the persisted, escalating lock on a user's second factor (issue 20 item 10).
//
// The in-memory LoginThrottle alone let a guesser who knows the password try 5 codes a minute, about
// 7,200 a day. Here every wrong TOTP or recovery code, after a correct password, is counted in the
// store (table second_factor_lockouts, migration 0009), so the count survives restarts and is shared
// by every API process.
//
// Notes:
//   1. After `failures` consecutive wrong codes the factor is locked for base * 2^(locks so far),
//      capped at `max_seconds`; the count then starts again. With the defaults (5, 60 s, 24 h) a
//      guesser gets 55 codes in the first ~34 hours and 5 a day after that.
//   2. A correct code clears the row (count and escalation). An Owner's unlock ends the current lock
//      and the count but keeps the escalation, so repeated unlocks cannot buy a guesser cheap locks.
//   3. The lock is per user, not per org: the factor is the user's, and a guesser must not get a
//      fresh budget in each org the user belongs to.
//   4. admit() updates the user's row first, so on PostgreSQL the row stays locked until the login's
//      transaction ends and concurrent attempts of one user run one after another (SQLite serializes
//      write transactions anyway). Parallel guesses therefore cannot overshoot the count.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/result.hpp"
#include "core/time.hpp"
#include "store/transaction.hpp"

namespace fg::identity::internal {

struct LockoutPolicy {
  int failures = 5;                      //!< consecutive wrong codes that lock (at least 1)
  std::int64_t base_seconds = 60;        //!< the first lock (at least 1)
  std::int64_t max_seconds = 24 * 3600;  //!< the longest lock (at least base_seconds)
};

//! What a recorded failure did.
struct FailureOutcome {
  int failures = 0;               //!< consecutive wrong codes counted so far (0 after a lock)
  bool locked = false;            //!< this failure locked the factor
  std::int64_t lock_seconds = 0;  //!< when locked: the lock's length
  Timestamp locked_until;         //!< when locked: its end
  int locks = 0;                  //!< locks since the last success, this one included
};

class SecondFactorLockout {
 public:
  explicit SecondFactorLockout(LockoutPolicy policy) : policy_(policy) {}

  //! Takes the user's lockout row for `tx` (note 4). Returns the end of the current lock, or nullopt
  //! when a code may be tried now.
  Result<std::optional<Timestamp>> admit(store::Transaction& tx, const std::string& user_id, Timestamp now) const;
  //! Counts one wrong code (after admit() in the same transaction); locks at the policy's count.
  Result<FailureOutcome> record_failure(store::Transaction& tx, const std::string& user_id, Timestamp now) const;
  //! A correct code: clears the count and the escalation.
  Status record_success(store::Transaction& tx, const std::string& user_id) const;
  //! Clears count, escalation and lock (a success; an MFA reset, which starts the factor afresh).
  static Status clear(store::Transaction& tx, const std::string& user_id);
  //! An Owner's unlock (note 2). Returns whether a lock or a count was cleared.
  static Result<bool> unlock(store::Transaction& tx, const std::string& user_id, Timestamp now);

  //! The length of the lock that follows `previous_locks` earlier ones (note 1). Never overflows.
  std::int64_t lock_seconds(int previous_locks) const;

 private:
  LockoutPolicy policy_;
};

}  // namespace fg::identity::internal
