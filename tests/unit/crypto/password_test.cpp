#include "crypto/password.hpp"

#include <chrono>

#include <argon2.h>
#include <gtest/gtest.h>

#include "vectors.hpp"

namespace fg::crypto {
namespace {

using testing::load_vectors;
using testing::unhex;

// Small costs keep the unit tests fast; the production cost is measured by the benchmark instead.
PasswordHasherOptions fast() {
  PasswordHasherOptions o;
  o.cost.ops_limit = 1;
  o.cost.mem_limit = 8 * 1024 * 1024;
  return o;
}

TEST(PasswordTest, HashIsArgon2idPhcWithItsParameters) {
  PasswordHasher h(fast());
  Result<std::string> s = h.hash("correct horse battery staple");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->rfind("$argon2id$v=19$m=8192,t=1,p=1$", 0), 0u) << *s;
  EXPECT_NE(*s, *h.hash("correct horse battery staple"));  // fresh salt
}

TEST(PasswordTest, VerifyMatchesOnlyTheRightPassword) {
  PasswordHasher h(fast());
  std::string s = *h.hash("correct horse battery staple");
  Result<PasswordVerdict> ok = h.verify(s, "correct horse battery staple");
  ASSERT_TRUE(ok.ok());
  EXPECT_TRUE(ok->match);
  EXPECT_FALSE(ok->needs_rehash);
  Result<PasswordVerdict> bad = h.verify(s, "correct horse battery stapler");
  ASSERT_TRUE(bad.ok());
  EXPECT_FALSE(bad->match);
  EXPECT_FALSE(h.verify(s, "")->match);
}

TEST(PasswordTest, OlderParametersNeedRehash) {
  PasswordHasher old_hasher(fast());
  std::string s = *old_hasher.hash("a password of some length");
  PasswordHasherOptions stronger = fast();
  stronger.cost.ops_limit = 2;
  PasswordHasher h(stronger);
  Result<PasswordVerdict> v = h.verify(s, "a password of some length");
  ASSERT_TRUE(v.ok());
  EXPECT_TRUE(v->match);
  EXPECT_TRUE(v->needs_rehash);
}

TEST(PasswordTest, RefusesEmptyOverlongAndForeignHashes) {
  PasswordHasher h(fast());
  EXPECT_EQ(h.hash("").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(h.hash(std::string(kMaxPasswordBytes + 1, 'a')).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(h.verify("$2b$12$abcdefghijklmnopqrstuv", "x").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(h.verify("$argon2i$v=19$m=8192,t=1,p=1$c2FsdHNhbHQ$aGFzaA", "x").status().code(),
            StatusCode::kInvalidArgument);
}

TEST(PasswordTest, FullHasherAnswersResourceExhausted) {
  PasswordHasherOptions o = fast();
  o.max_concurrent = 1;
  o.max_wait = std::chrono::milliseconds(10);
  PasswordHasher h(o);
  std::string s = *h.hash("password one two");
  auto permit = h.limiter().acquire(std::chrono::milliseconds(0));  // the one slot is busy
  ASSERT_TRUE(permit.has_value());
  EXPECT_EQ(h.hash("password one two").status().code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(h.verify(s, "password one two").status().code(), StatusCode::kResourceExhausted);
}

TEST(PasswordTest, DefaultCostIsWhatTheDocsSay) {
  const PasswordCost& c = default_password_hasher().cost();
  EXPECT_EQ(c.ops_limit, 2u);
  EXPECT_EQ(c.mem_limit, 32u * 1024 * 1024);
  EXPECT_GE(default_password_hasher().limiter().capacity(), 1);
  EXPECT_LE(default_password_hasher().limiter().capacity(), 4);
  Result<std::string> h = default_password_hasher().hash("a real-cost hash, once");
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(h->rfind("$argon2id$v=19$m=32768,t=2,p=1$", 0), 0u) << *h;
}

// RFC 9106 section 5.3 uses parallelism 4, a secret and associated data, which libsodium cannot take,
// so the vector is checked against the reference implementation (libargon2, CORRECTIONS.md).
TEST(PasswordTest, Rfc9106Argon2idVectorWithTheReferenceImplementation) {
  nlohmann::json v = load_vectors("rfc_vectors.json")["argon2id"];
  Bytes pwd = unhex(v["password_hex"]), salt = unhex(v["salt_hex"]), secret = unhex(v["secret_hex"]),
        ad = unhex(v["ad_hex"]);
  Bytes out(32);
  argon2_context ctx{};
  ctx.out = out.data();
  ctx.outlen = static_cast<uint32_t>(out.size());
  ctx.pwd = pwd.data();
  ctx.pwdlen = static_cast<uint32_t>(pwd.size());
  ctx.salt = salt.data();
  ctx.saltlen = static_cast<uint32_t>(salt.size());
  ctx.secret = secret.data();
  ctx.secretlen = static_cast<uint32_t>(secret.size());
  ctx.ad = ad.data();
  ctx.adlen = static_cast<uint32_t>(ad.size());
  ctx.t_cost = v["t_cost"];
  ctx.m_cost = v["m_cost_kib"];
  ctx.lanes = v["parallelism"];
  ctx.threads = v["parallelism"];
  ctx.version = ARGON2_VERSION_13;
  ctx.flags = ARGON2_DEFAULT_FLAGS;
  ASSERT_EQ(argon2_ctx(&ctx, Argon2_id), ARGON2_OK);
  EXPECT_EQ(hex_encode(out), v["tag_hex"].get<std::string>());
}

}  // namespace
}  // namespace fg::crypto
