// Authenticator: the second factor of a password login behind the persisted, escalating lockout
// (issue 20 item 10), and one TOTP code accepted once under concurrent logins (issue 20, low).
#include <atomic>
#include <thread>

#include "crypto/encoding.hpp"
#include "crypto/totp.hpp"
#include "identity/account_service.hpp"
#include "identity/authenticator.hpp"
#include "identity_fixture.hpp"

namespace fg::identity {
namespace {

class SecondFactorTest : public IdentityTest {
 protected:
  void SetUp() override {
    IdentityTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    AccountService account(*ctx_);
    const OrgScope scope = user_scope(org_, owner_.to_string(), "owner");
    Result<TotpEnrollment> e = account.enroll_totp(scope);
    ASSERT_TRUE(e.ok()) << e.status().to_string();
    Result<crypto::Bytes> secret = crypto::base32_decode(e->secret_base32);
    ASSERT_TRUE(secret.ok());
    secret_ = *secret;
    Result<std::vector<std::string>> codes = account.confirm_totp(scope, code(), meta_);
    ASSERT_TRUE(codes.ok()) << codes.status().to_string();
    recovery_ = *codes;
    clock_.advance_seconds(60);  // the enrollment code's step is used
  }

  std::string code() const { return crypto::totp_code(secret_, clock_.now()); }
  std::string wrong_code() const { return code() == "000000" ? "000001" : "000000"; }

  Result<IssuedSession> attempt(Authenticator& auth, const std::string& totp) {
    return auth.login({"owner@acme.test", std::string(kOwnerPassword), totp, std::nullopt}, meta_);
  }

  std::int64_t platform_or_org_count(const std::string& where) {
    return org_count(org_, "SELECT count(*) FROM audit_events WHERE " + where);
  }

  crypto::Bytes secret_;
  std::vector<std::string> recovery_;
};

TEST_P(SecondFactorTest, WrongCodesLockTheSecondFactorEvenForTheRightCode) {
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(attempt(*auth_, wrong_code()).status().code(), StatusCode::kUnauthenticated) << i;
  }
  Result<IssuedSession> locked = attempt(*auth_, code());
  ASSERT_FALSE(locked.ok()) << "the 6th code, a right one, must not be tried";
  EXPECT_EQ(locked.status().code(), StatusCode::kResourceExhausted);
  EXPECT_NE(locked.status().message().find("try again in 60 s"), std::string::npos) << locked.status().to_string();
  // A wrong password still answers as before: the lock is no oracle for who lacks the password.
  EXPECT_EQ(auth_->login({"owner@acme.test", "wrong-password-xx", code(), std::nullopt}, meta_).status().code(),
            StatusCode::kUnauthenticated);

  EXPECT_EQ(platform_or_org_count("action = 'auth.mfa.locked'"), 1);
  EXPECT_EQ(platform_or_org_count("action = 'auth.login.failed' AND result = 'denied'"), 1);
  EXPECT_EQ(platform_or_org_count("action = 'auth.login.failed' AND result = 'failed'"), 6);

  clock_.advance_seconds(61);
  ASSERT_TRUE(attempt(*auth_, code()).ok()) << "the lock ended";
  EXPECT_EQ(count("SELECT count(*) FROM second_factor_lockouts WHERE failures > 0 OR locks > 0 OR locked_until IS "
                  "NOT NULL"),
            0)
      << "a right code clears the count";
}

TEST_P(SecondFactorTest, TheLockIsPersistedAcrossProcesses) {
  for (int i = 0; i < 5; ++i) (void)attempt(*auth_, wrong_code());
  Authenticator restarted(*ctx_);  // a fresh process: nothing in memory
  EXPECT_EQ(attempt(restarted, code()).status().code(), StatusCode::kResourceExhausted);
}

TEST_P(SecondFactorTest, LocksEscalateUntilASuccess) {
  ctx_->settings.mfa_lockout_failures = 2;
  ctx_->settings.mfa_lockout_base_seconds = 60;
  ctx_->settings.mfa_lockout_max_seconds = 200;
  Authenticator auth(*ctx_);
  for (std::int64_t expected : {60, 120, 200, 200}) {
    EXPECT_EQ(attempt(auth, wrong_code()).status().code(), StatusCode::kUnauthenticated);
    EXPECT_EQ(attempt(auth, wrong_code()).status().code(), StatusCode::kUnauthenticated);
    clock_.advance_seconds(expected - 1);
    EXPECT_EQ(attempt(auth, code()).status().code(), StatusCode::kResourceExhausted) << expected;
    clock_.advance_seconds(1);
  }
  clock_.advance_seconds(30);  // a fresh step
  ASSERT_TRUE(attempt(auth, code()).ok());
  EXPECT_EQ(attempt(auth, wrong_code()).status().code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(attempt(auth, wrong_code()).status().code(), StatusCode::kUnauthenticated);
  clock_.advance_seconds(60);
  clock_.advance_seconds(30);
  EXPECT_TRUE(attempt(auth, code()).ok()) << "after a success the next lock is the base again";
  EXPECT_EQ(org_count(org_, "SELECT count(*) FROM audit_events WHERE action = 'auth.mfa.locked'"), 5);
}

TEST_P(SecondFactorTest, WrongRecoveryCodesCountToo) {
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(attempt(*auth_, "wrong-recovery-code-" + std::to_string(i)).status().code(),
              StatusCode::kUnauthenticated);
  }
  EXPECT_EQ(attempt(*auth_, recovery_.front()).status().code(), StatusCode::kResourceExhausted);
  clock_.advance_seconds(61);
  EXPECT_TRUE(attempt(*auth_, recovery_.front()).ok()) << "not consumed while locked";
}

TEST_P(SecondFactorTest, ALockWithoutACodeAnswersLocked) {
  for (int i = 0; i < 5; ++i) (void)attempt(*auth_, wrong_code());
  EXPECT_EQ(
      auth_->login({"owner@acme.test", std::string(kOwnerPassword), std::nullopt, std::nullopt}, meta_).status().code(),
      StatusCode::kResourceExhausted);
}

TEST_P(SecondFactorTest, ConcurrentLoginsWithOneCodeOpenOneSession) {
  ctx_->settings.mfa_lockout_failures = 1000;  // the losers' reused codes count as failures
  Authenticator auth(*ctx_);
  constexpr int kThreads = 8;
  for (int round = 0; round < 10; ++round) {
    clock_.advance_seconds(30);  // a fresh code each round
    const std::string shared = code();
    std::atomic<int> ready = 0;
    std::atomic<int> opened = 0;
    std::atomic<int> refused = 0;
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&] {
        ready.fetch_add(1);
        while (ready.load() < kThreads) std::this_thread::yield();
        Result<IssuedSession> s =
            auth.login({"owner@acme.test", std::string(kOwnerPassword), shared, std::nullopt},
                       audit::Origin{.request_id = "req", .source_ip = "192.0.2.10", .user_agent = "test-agent"});
        (s.ok() ? opened : refused).fetch_add(1);
        if (!s.ok()) {
          EXPECT_EQ(s.status().code(), StatusCode::kUnauthenticated) << s.status().to_string();
        }
      });
    }
    for (std::thread& t : threads) t.join();
    EXPECT_EQ(opened.load(), 1) << "round " << round;
    EXPECT_EQ(refused.load(), kThreads - 1) << "round " << round;
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, SecondFactorTest,
                         ::testing::Values(store::Dialect::kSqlite, store::Dialect::kPostgres), store::backend_name);

}  // namespace
}  // namespace fg::identity
