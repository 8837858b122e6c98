// verify_second_factor: a TOTP step is consumed by a conditional write, so of two transactions that
// both read the old step only the first passes (issue 20, low: two logins with one code on PostgreSQL).
#include "identity/internal/mfa_check.hpp"

#include <chrono>
#include <thread>

#include "crypto/encoding.hpp"
#include "crypto/totp.hpp"
#include "identity/account_service.hpp"
#include "identity_fixture.hpp"

namespace fg::identity::internal {
namespace {

using MfaCheckTest = IdentityTest;

TEST_P(MfaCheckTest, OfTwoTransactionsReadingTheSameStepOnlyTheFirstWritePasses) {
  if (GetParam() != store::Dialect::kPostgres) GTEST_SKIP() << "SQLite runs one write transaction at a time";
  AccountService account(*ctx_);
  const OrgScope scope = user_scope(org_, owner_.to_string(), "owner");
  Result<TotpEnrollment> e = account.enroll_totp(scope);
  ASSERT_TRUE(e.ok()) << e.status().to_string();
  const crypto::Bytes secret = *crypto::base32_decode(e->secret_base32);
  ASSERT_TRUE(account.confirm_totp(scope, crypto::totp_code(secret, clock_.now()), meta_).ok());
  clock_.advance_seconds(60);
  const std::string code = crypto::totp_code(secret, clock_.now());
  const std::string user = owner_.to_string();

  Result<store::OrgTransaction> first = db_->begin(scope);
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(verify_second_factor(*first, key_, user, code, clock_.now()).ok());  // holds the user's row
  Status second_result = internal_error("not run");
  std::thread second([&] {
    Result<store::OrgTransaction> tx = db_->begin(scope);
    if (!tx.ok()) return;
    // Reads the old step (the first is uncommitted), then its write waits for the first transaction.
    second_result = verify_second_factor(*tx, key_, user, code, clock_.now());
    if (second_result.ok()) second_result = tx->commit();
  });
  bool waiting = false;
  for (int i = 0; i < 200 && !waiting; ++i) {
    waiting = count(
                  "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND "
                  "wait_event_type = 'Lock'") > 0;
    if (!waiting) std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  EXPECT_TRUE(waiting) << "the second write should wait for the first transaction";
  ASSERT_TRUE(first->commit().ok());
  second.join();
  EXPECT_EQ(second_result.code(), StatusCode::kUnauthenticated) << second_result.to_string();
}

INSTANTIATE_TEST_SUITE_P(Backends, MfaCheckTest, ::testing::Values(store::Dialect::kSqlite, store::Dialect::kPostgres),
                         store::backend_name);

}  // namespace
}  // namespace fg::identity::internal
