#include "crypto/totp.hpp"

#include <gtest/gtest.h>

#include "crypto/encoding.hpp"
#include "vectors.hpp"

namespace fg::crypto {
namespace {

using testing::load_vectors;

TEST(TotpTest, Rfc4226HotpVectors) {
  nlohmann::json v = load_vectors("rfc_vectors.json")["hotp"];
  const std::string secret = v["secret_ascii"];
  std::uint64_t counter = 0;
  for (const auto& code : v["codes"]) EXPECT_EQ(hotp(as_bytes(secret), counter++), code.get<std::string>());
  EXPECT_EQ(counter, 10u);
}

TEST(TotpTest, Rfc6238Sha1Vectors) {
  nlohmann::json v = load_vectors("rfc_vectors.json")["totp_sha1"];
  const std::string secret = v["secret_ascii"];
  for (const auto& row : v["rows"]) {
    const std::int64_t t = row[0];
    EXPECT_EQ(totp_code(as_bytes(secret), Timestamp::from_seconds(t), v["digits"]), row[1].get<std::string>()) << t;
  }
}

TEST(TotpTest, AcceptsOneStepEitherSideOnly) {
  SecretBuffer key = totp_generate_secret();
  const Timestamp now = Timestamp::from_seconds(1700000000);
  const std::int64_t step = totp_step(now);
  for (int d : {-1, 0, 1}) {
    Timestamp at = Timestamp::from_seconds(now.seconds() + d * kTotpStepSeconds);
    Result<std::int64_t> r = totp_verify(key.bytes(), totp_code(key.bytes(), at), now, std::nullopt);
    ASSERT_TRUE(r.ok()) << d;
    EXPECT_EQ(*r, step + d);
  }
  for (int d : {-2, 2}) {
    Timestamp at = Timestamp::from_seconds(now.seconds() + d * kTotpStepSeconds);
    EXPECT_EQ(totp_verify(key.bytes(), totp_code(key.bytes(), at), now, std::nullopt).status().code(),
              StatusCode::kUnauthenticated)
        << d;
  }
}

TEST(TotpTest, RefusesAReplayedOrOlderStep) {
  SecretBuffer key = totp_generate_secret();
  const Timestamp now = Timestamp::from_seconds(1700000000);
  const std::string code = totp_code(key.bytes(), now);
  Result<std::int64_t> first = totp_verify(key.bytes(), code, now, std::nullopt);
  ASSERT_TRUE(first.ok());
  EXPECT_FALSE(totp_verify(key.bytes(), code, now, *first).ok());
  // The previous step's code is inside the window but older than the last used step.
  const std::string older = totp_code(key.bytes(), Timestamp::from_seconds(now.seconds() - kTotpStepSeconds));
  EXPECT_FALSE(totp_verify(key.bytes(), older, now, *first).ok());
  const std::string next = totp_code(key.bytes(), Timestamp::from_seconds(now.seconds() + kTotpStepSeconds));
  EXPECT_TRUE(totp_verify(key.bytes(), next, now, *first).ok());
}

TEST(TotpTest, MalformedCodesAreRefused) {
  SecretBuffer key = totp_generate_secret();
  const Timestamp now = Timestamp::from_seconds(1700000000);
  for (const char* c : {"", "12345", "1234567", "12345a", " 12345"}) {
    EXPECT_EQ(totp_verify(key.bytes(), c, now, std::nullopt).status().code(), StatusCode::kUnauthenticated) << c;
  }
}

TEST(TotpTest, OtpauthUriCarriesTheBase32SecretAndParameters) {
  Bytes key = {'1', '2', '3', '4', '5', '6', '7', '8', '9', '0'};
  EXPECT_EQ(otpauth_uri("finguard", "ann@example.com", key),
            "otpauth://totp/finguard:ann@example.com?secret=GEZDGNBVGY3TQOJQ&issuer=finguard&algorithm=SHA1"
            "&digits=6&period=30");
  EXPECT_EQ(otpauth_uri("Acme Corp", "a b", key).substr(0, 36), "otpauth://totp/Acme%20Corp:a%20b?sec");
}

TEST(TotpTest, GeneratedSecretIs160Bits) {
  EXPECT_EQ(totp_generate_secret().size(), 20u);
}

}  // namespace
}  // namespace fg::crypto
