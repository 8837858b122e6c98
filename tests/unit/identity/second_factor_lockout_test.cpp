// SecondFactorLockout: lock lengths escalate and cap; an unlock ends the lock but keeps the escalation.
#include "identity/internal/second_factor_lockout.hpp"

#include "identity_fixture.hpp"

namespace fg::identity::internal {
namespace {

TEST(SecondFactorLockoutPolicy, LockLengthsDoubleUpToTheCap) {
  const SecondFactorLockout lockout({5, 60, 24 * 3600});
  EXPECT_EQ(lockout.lock_seconds(0), 60);
  EXPECT_EQ(lockout.lock_seconds(1), 120);
  EXPECT_EQ(lockout.lock_seconds(10), 61440);
  EXPECT_EQ(lockout.lock_seconds(11), 24 * 3600);
  EXPECT_EQ(lockout.lock_seconds(1'000'000), 24 * 3600) << "no overflow however many locks";
  EXPECT_EQ(SecondFactorLockout({1, 7, 7}).lock_seconds(3), 7);
}

using SecondFactorLockoutTest = IdentityTest;

TEST_P(SecondFactorLockoutTest, UnlockEndsTheLockButKeepsTheEscalation) {
  const SecondFactorLockout lockout({2, 60, 3600});
  const std::string user = owner_.to_string();
  const Timestamp now = clock_.now();
  auto fail_twice = [&]() -> FailureOutcome {
    Result<store::SystemTransaction> tx = db_->begin_system();
    EXPECT_TRUE(tx.ok());
    EXPECT_FALSE(lockout.admit(*tx, user, now)->has_value());
    EXPECT_FALSE(lockout.record_failure(*tx, user, now)->locked);
    Result<FailureOutcome> second = lockout.record_failure(*tx, user, now);
    EXPECT_TRUE(tx->commit().ok());
    return second.ok() ? *second : FailureOutcome{};
  };
  FailureOutcome first = fail_twice();
  EXPECT_TRUE(first.locked);
  EXPECT_EQ(first.lock_seconds, 60);
  {
    Result<store::SystemTransaction> tx = db_->begin_system();
    EXPECT_TRUE(lockout.admit(*tx, user, now)->has_value());
    EXPECT_TRUE(*SecondFactorLockout::unlock(*tx, user, now));
    EXPECT_FALSE(lockout.admit(*tx, user, now)->has_value());
    EXPECT_FALSE(*SecondFactorLockout::unlock(*tx, user, now)) << "nothing left to clear";
    ASSERT_TRUE(tx->commit().ok());
  }
  FailureOutcome again = fail_twice();
  EXPECT_TRUE(again.locked);
  EXPECT_EQ(again.lock_seconds, 120) << "an unlock does not reset the escalation";
  EXPECT_EQ(again.locks, 2);
}

INSTANTIATE_TEST_SUITE_P(Backends, SecondFactorLockoutTest,
                         ::testing::Values(store::Dialect::kSqlite, store::Dialect::kPostgres), store::backend_name);

}  // namespace
}  // namespace fg::identity::internal
