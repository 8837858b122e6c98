// JwksCache against TestIdp on 127.0.0.1 (issue 20: a slow provider stalled every request): verify()
// never waits for the provider, stale keys are served within kJwksGrace, failed fetches back off,
// rotation is picked up by the background refresher with unknown kids rate-limited, and destruction
// with a fetch in flight joins. Timing is driven by a manual clock and the provider's hold/release
// latch; nothing asserts on elapsed time.
#include "identity/sso/jwks_cache.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "test_idp.hpp"

namespace fg::identity {
namespace {

using testing::TestIdp;

constexpr std::chrono::milliseconds kDeadline{30000};  // generous: only a hang reaches it

//! ManualClock's contract is one thread; the refresher reads the clock from its own.
class SharedManualClock final : public Clock {
 public:
  explicit SharedManualClock(Timestamp start) : micros_(start.micros) {}
  Timestamp now() const override { return Timestamp{micros_.load()}; }
  void advance(std::chrono::seconds s) { micros_ += std::chrono::duration_cast<std::chrono::microseconds>(s).count(); }

 private:
  std::atomic<std::int64_t> micros_;
};

net::OutboundPolicy loopback(std::chrono::milliseconds timeout = net::kDefaultTotalTimeout) {
  net::OutboundPolicy p;
  p.allow_loopback = true;  // TestIdp listens on 127.0.0.1
  p.connect_timeout = std::min(timeout, net::kDefaultConnectTimeout);
  p.total_timeout = timeout;
  return p;
}

class JwksCacheTest : public ::testing::Test {
 protected:
  std::unique_ptr<JwksCache> make_cache(const net::HttpClient& client) {
    return std::make_unique<JwksCache>(client, clock_, idp_.issuer() + "/jwks");
  }
  std::unique_ptr<JwksCache> make_cache() { return make_cache(client_); }

  std::string token(nlohmann::json header = nlohmann::json::object()) {
    const std::int64_t now = clock_.now().seconds();
    return idp_.sign_rs256(std::move(header),
                           {{"iss", idp_.issuer()}, {"aud", TestIdp::kClientId}, {"exp", now + 300}, {"iat", now}});
  }
  Result<crypto::VerifiedJwt> verify(JwksCache& cache, const std::string& t) {
    return cache.verify(t, crypto::JwtPolicy{idp_.issuer(), {TestIdp::kClientId}, std::chrono::seconds(60)});
  }
  Result<crypto::VerifiedJwt> verify(JwksCache& cache) { return verify(cache, token()); }

  //! Moves the clock in 5-second steps to `offset` seconds after the start, letting the refresher act
  //! at each step; returns the offsets at which the provider saw a key request.
  std::vector<std::int64_t> step_to(JwksCache& cache, std::int64_t offset) {
    std::vector<std::int64_t> at;
    while (elapsed() < offset) {
      clock_.advance(std::chrono::seconds(5));
      const int before = idp_.jwks_requests();
      EXPECT_TRUE(cache.settle_for_test(kDeadline));
      if (idp_.jwks_requests() != before) at.push_back(elapsed());
    }
    return at;
  }
  std::int64_t elapsed() const { return clock_.now().seconds() - kStart.seconds(); }

  static constexpr Timestamp kStart = Timestamp::from_seconds(1'750'000'000);
  TestIdp idp_;
  SharedManualClock clock_{kStart};
  net::HttpClient client_{loopback()};
};

TEST_F(JwksCacheTest, AHangingProviderDoesNotHoldUpVerifyBeforeTheFirstFetch) {
  idp_.hold_jwks();
  std::unique_ptr<JwksCache> cache = make_cache();
  ASSERT_TRUE(idp_.wait_jwks_held(kDeadline));
  Result<crypto::VerifiedJwt> v = verify(*cache);
  EXPECT_EQ(v.status().code(), StatusCode::kUnavailable) << v.status().to_string();
  EXPECT_TRUE(idp_.jwks_held()) << "verify returned while the provider was still blocked";
  idp_.release_jwks();
  ASSERT_TRUE(cache->settle_for_test(kDeadline));
  v = verify(*cache);
  EXPECT_TRUE(v.ok()) << v.status().to_string();
}

TEST_F(JwksCacheTest, AHangingRefreshLeavesVerifyOnTheCachedKeys) {
  std::unique_ptr<JwksCache> cache = make_cache();
  ASSERT_TRUE(cache->settle_for_test(kDeadline));
  ASSERT_TRUE(verify(*cache).ok());
  idp_.hold_jwks();
  clock_.advance(kJwksMaxAge - kJwksRefreshLead);  // the refresh is due
  EXPECT_TRUE(verify(*cache).ok());                // and wakes the refresher
  ASSERT_TRUE(idp_.wait_jwks_held(kDeadline));
  Result<crypto::VerifiedJwt> v = verify(*cache);
  EXPECT_TRUE(v.ok()) << v.status().to_string();
  EXPECT_TRUE(idp_.jwks_held()) << "verify returned while the refresh was still blocked";
  idp_.release_jwks();
  EXPECT_TRUE(cache->settle_for_test(kDeadline));
  EXPECT_EQ(idp_.jwks_requests(), 2);
}

TEST_F(JwksCacheTest, StaleKeysAreServedWithinTheGracePeriodThenRefused) {
  std::unique_ptr<JwksCache> cache = make_cache();
  ASSERT_TRUE(cache->settle_for_test(kDeadline));
  ASSERT_TRUE(verify(*cache).ok());
  idp_.set_jwks_failure(500);
  clock_.advance(kJwksMaxAge + std::chrono::seconds(1));
  ASSERT_TRUE(cache->settle_for_test(kDeadline));
  EXPECT_EQ(idp_.jwks_requests(), 2);  // the refresh was tried, and failed
  Result<crypto::VerifiedJwt> v = verify(*cache);
  EXPECT_TRUE(v.ok()) << "stale, within grace: " << v.status().to_string();
  clock_.advance(kJwksGrace - std::chrono::seconds(2));  // the last second of grace
  ASSERT_TRUE(cache->settle_for_test(kDeadline));
  v = verify(*cache);
  EXPECT_TRUE(v.ok()) << "stale, within grace: " << v.status().to_string();
  clock_.advance(std::chrono::seconds(2));
  v = verify(*cache);
  EXPECT_EQ(v.status().code(), StatusCode::kUnavailable) << "past grace";
  // The provider recovers: the next retry of the backoff brings fresh keys.
  idp_.set_jwks_failure(0);
  clock_.advance(kJwksRetryMax);
  ASSERT_TRUE(cache->settle_for_test(kDeadline));
  v = verify(*cache);
  EXPECT_TRUE(v.ok()) << v.status().to_string();
}

TEST_F(JwksCacheTest, FailedFetchesBackOffExponentiallyAndASuccessResetsIt) {
  EXPECT_EQ(jwks_retry_delay(1), std::chrono::seconds(30));
  EXPECT_EQ(jwks_retry_delay(5), std::chrono::seconds(480));
  EXPECT_EQ(jwks_retry_delay(6), kJwksRetryMax);
  EXPECT_EQ(jwks_retry_delay(1000), kJwksRetryMax);
  idp_.set_jwks_failure(500);
  std::unique_ptr<JwksCache> cache = make_cache();
  ASSERT_TRUE(cache->settle_for_test(kDeadline));
  EXPECT_EQ(idp_.jwks_requests(), 1);
  // No keys and the first fetch failed: unavailable (503), and no fetch on the caller's thread.
  EXPECT_EQ(verify(*cache).status().code(), StatusCode::kUnavailable);
  EXPECT_EQ(idp_.jwks_requests(), 1);
  // 30 s, doubling, capped at 15 min, counted by the provider.
  EXPECT_EQ(step_to(*cache, 3000), (std::vector<std::int64_t>{30, 90, 210, 450, 930, 1830, 2730}));
  // Unknown kids do not pull the retries forward during a backoff.
  for (int i = 0; i < 10; ++i) EXPECT_FALSE(verify(*cache, token({{"kid", "forged-" + std::to_string(i)}})).ok());
  EXPECT_EQ(step_to(*cache, 3625), std::vector<std::int64_t>{});
  idp_.set_jwks_failure(0);
  EXPECT_EQ(step_to(*cache, 3630), std::vector<std::int64_t>{3630});
  EXPECT_TRUE(verify(*cache).ok());
  // After the success, the next refresh is a full cycle later, and its failure retries 30 s on.
  idp_.set_jwks_failure(500);
  const std::int64_t refresh = 3630 + (kJwksMaxAge - kJwksRefreshLead).count();
  EXPECT_EQ(step_to(*cache, refresh + 60), (std::vector<std::int64_t>{refresh, refresh + 30}));
  EXPECT_TRUE(verify(*cache).ok()) << "the keys fetched at 3630 are still fresh";
}

TEST_F(JwksCacheTest, RotationIsPickedUpInTheBackgroundAndUnknownKidsAreRateLimited) {
  std::unique_ptr<JwksCache> cache = make_cache();
  ASSERT_TRUE(cache->settle_for_test(kDeadline));
  ASSERT_TRUE(verify(*cache).ok());
  idp_.rotate_rsa_key("rsa-2");
  // Within kJwksMinRefresh of the last fetch the new kid is refused, with no fetch.
  EXPECT_EQ(verify(*cache).status().code(), StatusCode::kUnauthenticated);
  ASSERT_TRUE(cache->settle_for_test(kDeadline));
  EXPECT_EQ(idp_.jwks_requests(), 1);
  // Past it the kid starts a refetch and the caller is told to retry; a retry then verifies.
  clock_.advance(kJwksMinRefresh);
  const std::string rotated = token();
  EXPECT_EQ(verify(*cache, rotated).status().code(), StatusCode::kUnavailable);
  Result<crypto::VerifiedJwt> v = verify(*cache, rotated);
  for (const auto until = std::chrono::steady_clock::now() + kDeadline;
       !v.ok() && std::chrono::steady_clock::now() < until; v = verify(*cache, rotated)) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_TRUE(v.ok()) << v.status().to_string();
  EXPECT_EQ(idp_.jwks_requests(), 2);
  // A stream of forged kids: none right after that fetch, then one fetch per kJwksMinRefresh.
  auto forged = [&](int n) {
    for (int i = 0; i < n; ++i) EXPECT_FALSE(verify(*cache, token({{"kid", "forged-" + std::to_string(i)}})).ok());
    EXPECT_TRUE(cache->settle_for_test(kDeadline));
  };
  forged(50);
  EXPECT_EQ(idp_.jwks_requests(), 2);
  clock_.advance(kJwksMinRefresh - std::chrono::seconds(1));
  forged(50);
  EXPECT_EQ(idp_.jwks_requests(), 2);
  clock_.advance(std::chrono::seconds(1));
  forged(50);
  EXPECT_EQ(idp_.jwks_requests(), 3);
  forged(50);
  EXPECT_EQ(idp_.jwks_requests(), 3);
  EXPECT_EQ(verify(*cache, token({{"kid", "forged-x"}})).status().code(), StatusCode::kUnauthenticated);
  EXPECT_TRUE(verify(*cache).ok());
}

TEST_F(JwksCacheTest, DestructionWithAFetchInFlightJoinsWithinTheClientTimeout) {
  net::HttpClient impatient(loopback(std::chrono::milliseconds(1000)));
  idp_.hold_jwks();
  std::unique_ptr<JwksCache> cache = make_cache(impatient);
  ASSERT_TRUE(idp_.wait_jwks_held(kDeadline));
  cache.reset();  // joins the refresher once the client gives up
  EXPECT_TRUE(idp_.jwks_held()) << "the provider never answered: the client's timeout ended the fetch";
  idp_.release_jwks();
}

TEST_F(JwksCacheTest, UnsupportedAlgorithmsNeverReachAKey) {
  std::unique_ptr<JwksCache> cache = make_cache();
  ASSERT_TRUE(cache->settle_for_test(kDeadline));
  const std::int64_t now = clock_.now().seconds();
  EXPECT_EQ(verify(*cache, idp_.sign_hs256_with_public_key(
                               {{"iss", idp_.issuer()}, {"aud", TestIdp::kClientId}, {"exp", now + 300}}))
                .status()
                .code(),
            StatusCode::kUnauthenticated);
}

}  // namespace
}  // namespace fg::identity
