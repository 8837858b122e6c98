#include "crypto/jwt.hpp"

#include <memory>

#include <gtest/gtest.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>

#include "crypto/encoding.hpp"
#include "crypto/mac.hpp"
#include "vectors.hpp"

namespace fg::crypto {
namespace {

using testing::load_vectors;

nlohmann::json jws() {
  return load_vectors("rfc_vectors.json")["jws"];
}

Jwks rfc_keys() {
  nlohmann::json v = jws();
  nlohmann::json doc = {{"keys",
                         {{{"kty", "RSA"}, {"n", v["rfc7515_a2_rsa_n"]}, {"e", v["rfc7515_a2_rsa_e"]}},
                          {{"kty", "EC"}, {"crv", "P-256"}, {"x", v["rfc7515_a3_ec_x"]}, {"y", v["rfc7515_a3_ec_y"]}},
                          {{"kty", "OKP"}, {"crv", "Ed25519"}, {"x", v["rfc8037_a4_ed25519_x"]}}}}};
  return *Jwks::parse(doc.dump());
}

TEST(JwtTest, Rfc7515AndRfc8037SignaturesVerify) {
  Jwks keys = rfc_keys();
  for (const char* name : {"rfc7515_a2_rs256", "rfc7515_a3_es256"}) {
    auto r = verify_jws(jws()[name].get<std::string>(), keys);
    ASSERT_TRUE(r.ok()) << name << ": " << r.status().to_string();
    EXPECT_EQ(nlohmann::json::parse(r->second)["iss"], "joe") << name;
  }
  auto ed = verify_jws(jws()["rfc8037_a4_eddsa"].get<std::string>(), keys);
  ASSERT_TRUE(ed.ok()) << ed.status().to_string();
  EXPECT_EQ(ed->second, "Example of Ed25519 signing");
}

TEST(JwtTest, TamperedRfcTokensFail) {
  Jwks keys = rfc_keys();
  for (const char* name : {"rfc7515_a2_rs256", "rfc7515_a3_es256", "rfc8037_a4_eddsa"}) {
    const std::string token = jws()[name];
    const auto dot2 = token.rfind('.');
    for (std::size_t pos : {std::size_t{5}, token.find('.') + 3, dot2 + 4}) {
      std::string bad = token;
      bad[pos] = bad[pos] == 'A' ? 'B' : 'A';
      EXPECT_FALSE(verify_jws(bad, keys).ok()) << name << " @" << pos;
    }
  }
}

TEST(JwtTest, Hs256AndNoneAreRefusedEvenWithAMatchingSecret) {
  Jwks keys = rfc_keys();
  // RFC 7515 A.1, a valid HS256 token: no symmetric key can ever be loaded, so it cannot verify.
  EXPECT_EQ(verify_jws(jws()["rfc7515_a1_hs256"].get<std::string>(), keys).status().code(),
            StatusCode::kUnauthenticated);
  // alg=none with an empty signature.
  const std::string none =
      base64url_encode(as_bytes(R"({"alg":"none"})")) + "." + base64url_encode(as_bytes(R"({"iss":"joe"})")) + ".";
  EXPECT_FALSE(verify_jws(none, keys).ok());
  // The classic confusion: HS256 "signed" with the RSA public key's bytes as the HMAC secret.
  const std::string input =
      base64url_encode(as_bytes(R"({"alg":"HS256"})")) + "." + base64url_encode(as_bytes(R"({"iss":"joe"})"));
  Bytes n = *base64url_decode(jws()["rfc7515_a2_rsa_n"].get<std::string>());
  Digest mac = hmac_sha256(n, as_bytes(input));
  EXPECT_FALSE(verify_jws(input + "." + base64url_encode(mac), keys).ok());
}

TEST(JwtTest, HeaderAlgMustMatchThePinnedKey) {
  // The RS256 signature presented under an ES256 header: the EC key is chosen and fails.
  Jwks keys = rfc_keys();
  const std::string rs = jws()["rfc7515_a2_rs256"];
  const std::string swapped = base64url_encode(as_bytes(R"({"alg":"ES256"})")) + rs.substr(rs.find('.'));
  EXPECT_FALSE(verify_jws(swapped, keys).ok());
}

TEST(JwtTest, MalformedCompactFormsAreRefused) {
  Jwks keys = rfc_keys();
  for (const char* t : {"", "a", "a.b", "a.b.c.d", "..", "!!.!!.!!"}) EXPECT_FALSE(verify_jws(t, keys).ok()) << t;
  EXPECT_FALSE(verify_jws(std::string(kMaxJwtBytes + 1, 'a'), keys).ok());
}

// Tokens for the claim checks, signed here with a fresh Ed25519 key.
class Signer {
 public:
  Signer() : key_(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"), &EVP_PKEY_free) {}
  Jwks jwks(const std::string& kid) const {
    Bytes pub(32);
    std::size_t len = pub.size();
    EXPECT_EQ(EVP_PKEY_get_raw_public_key(key_.get(), pub.data(), &len), 1);
    nlohmann::json doc = {{"keys", {{{"kty", "OKP"}, {"crv", "Ed25519"}, {"kid", kid}, {"x", base64url_encode(pub)}}}}};
    return *Jwks::parse(doc.dump());
  }
  std::string sign(const nlohmann::json& header, const nlohmann::json& claims) const {
    const std::string input =
        base64url_encode(as_bytes(header.dump())) + "." + base64url_encode(as_bytes(claims.dump()));
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    EXPECT_EQ(EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, key_.get()), 1);
    Bytes sig(64);
    std::size_t len = sig.size();
    EXPECT_EQ(
        EVP_DigestSign(ctx.get(), sig.data(), &len, reinterpret_cast<const unsigned char*>(input.data()), input.size()),
        1);
    return input + "." + base64url_encode(sig);
  }

 private:
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key_;
};

constexpr std::int64_t kNow = 1800000000;

JwtPolicy policy() {
  return {"https://team.cloudflareaccess.com", {"aud-tag-1"}, std::chrono::seconds(60)};
}

nlohmann::json good_claims() {
  return {{"iss", "https://team.cloudflareaccess.com"},
          {"aud", {"aud-tag-1"}},
          {"sub", "u1"},
          {"email", "ann@example.com"},
          {"iat", kNow - 10},
          {"nbf", kNow - 10},
          {"exp", kNow + 600}};
}

const nlohmann::json kHeader = {{"alg", "EdDSA"}, {"kid", "k1"}};

TEST(JwtTest, AcceptsAGoodToken) {
  Signer s;
  Result<VerifiedJwt> v =
      verify_jwt(s.sign(kHeader, good_claims()), s.jwks("k1"), policy(), Timestamp::from_seconds(kNow));
  ASSERT_TRUE(v.ok()) << v.status().to_string();
  EXPECT_EQ(v->claims["email"], "ann@example.com");
  nlohmann::json single_aud = good_claims();
  single_aud["aud"] = "aud-tag-1";
  EXPECT_TRUE(verify_jwt(s.sign(kHeader, single_aud), s.jwks("k1"), policy(), Timestamp::from_seconds(kNow)).ok());
}

TEST(JwtTest, ChecksIssuerAndAudience) {
  Signer s;
  Jwks keys = s.jwks("k1");
  auto with = [&](const char* k, nlohmann::json v) {
    nlohmann::json c = good_claims();
    if (v.is_null()) {
      c.erase(k);
    } else {
      c[k] = v;
    }
    return verify_jwt(s.sign(kHeader, c), keys, policy(), Timestamp::from_seconds(kNow)).status().code();
  };
  EXPECT_EQ(with("iss", "https://evil.example"), StatusCode::kUnauthenticated);
  EXPECT_EQ(with("iss", nullptr), StatusCode::kUnauthenticated);
  EXPECT_EQ(with("aud", "other"), StatusCode::kUnauthenticated);
  EXPECT_EQ(with("aud", nlohmann::json::array({"x", "y"})), StatusCode::kUnauthenticated);
  EXPECT_EQ(with("aud", nullptr), StatusCode::kUnauthenticated);
  EXPECT_EQ(with("aud", nlohmann::json::array({"x", "aud-tag-1"})), StatusCode::kOk);
}

TEST(JwtTest, ChecksTimesWithBoundedSkew) {
  Signer s;
  Jwks keys = s.jwks("k1");
  auto at = [&](const char* k, std::int64_t value, std::int64_t now) {
    nlohmann::json c = good_claims();
    c[k] = value;
    return verify_jwt(s.sign(kHeader, c), keys, policy(), Timestamp::from_seconds(now)).ok();
  };
  EXPECT_TRUE(at("exp", kNow - 30, kNow));   // within 60 s skew
  EXPECT_FALSE(at("exp", kNow - 61, kNow));  // expired
  EXPECT_TRUE(at("nbf", kNow + 30, kNow));
  EXPECT_FALSE(at("nbf", kNow + 120, kNow));  // not yet valid
  EXPECT_FALSE(at("iat", kNow + 120, kNow));  // issued in the future
  nlohmann::json no_exp = good_claims();
  no_exp.erase("exp");
  EXPECT_FALSE(verify_jwt(s.sign(kHeader, no_exp), keys, policy(), Timestamp::from_seconds(kNow)).ok());
  nlohmann::json str_exp = good_claims();
  str_exp["exp"] = "soon";
  EXPECT_FALSE(verify_jwt(s.sign(kHeader, str_exp), keys, policy(), Timestamp::from_seconds(kNow)).ok());
  // A policy cannot widen the skew past the cap.
  JwtPolicy lax = policy();
  lax.clock_skew = std::chrono::hours(24);
  nlohmann::json old = good_claims();
  old["exp"] = kNow - 3600;
  EXPECT_FALSE(verify_jwt(s.sign(kHeader, old), keys, lax, Timestamp::from_seconds(kNow)).ok());
}

// Issue 20: the boundaries of RFC 7519 4.1.4 (exp: now must be before it), 4.1.5 (nbf: at or after
// it) and 4.1.6 (iat not in the future), with zero skew and with the 60 s skew. On main a token whose
// exp equalled the verification time was accepted.
TEST(JwtTest, TimeClaimBoundariesFollowRfc7519) {
  Signer s;
  Jwks keys = s.jwks("k1");
  auto ok_at = [&](const char* k, std::int64_t value, Timestamp now, std::chrono::seconds skew) {
    nlohmann::json c = good_claims();
    c["iat"] = kNow - 3600;
    c["nbf"] = kNow - 3600;
    c["exp"] = kNow + 3600;
    c[k] = value;
    JwtPolicy p = policy();
    p.clock_skew = skew;
    return verify_jwt(s.sign(kHeader, c), keys, p, now).ok();
  };
  const Timestamp now = Timestamp::from_seconds(kNow);
  const Timestamp half_past{now.micros + 500000};
  const std::chrono::seconds zero{0}, skew{60};
  EXPECT_FALSE(ok_at("exp", kNow, now, zero));            // exp == now: expired
  EXPECT_FALSE(ok_at("exp", kNow, half_past, zero));      // and half a second after it
  EXPECT_TRUE(ok_at("exp", kNow + 1, now, zero));         // one second before exp
  EXPECT_FALSE(ok_at("exp", kNow - 60, now, skew));       // exp + skew == now: expired
  EXPECT_TRUE(ok_at("exp", kNow - 59, now, skew));        // inside the skew
  EXPECT_TRUE(ok_at("nbf", kNow, now, zero));             // nbf == now: valid
  EXPECT_FALSE(ok_at("nbf", kNow + 1, now, zero));        // one second early
  EXPECT_FALSE(ok_at("nbf", kNow + 1, half_past, zero));  // still early
  EXPECT_TRUE(ok_at("nbf", kNow + 60, now, skew));        // nbf == now + skew: valid
  EXPECT_FALSE(ok_at("nbf", kNow + 61, now, skew));
  EXPECT_TRUE(ok_at("iat", kNow, now, zero));  // issued now
  EXPECT_FALSE(ok_at("iat", kNow + 1, now, zero));
  EXPECT_TRUE(ok_at("iat", kNow + 60, now, skew));
  EXPECT_FALSE(ok_at("iat", kNow + 61, now, skew));
}

TEST(JwtTest, RefusesWrongKidForeignKeyAndCrit) {
  Signer s, other;
  EXPECT_FALSE(verify_jwt(s.sign({{"alg", "EdDSA"}, {"kid", "k2"}}, good_claims()), s.jwks("k1"), policy(),
                          Timestamp::from_seconds(kNow))
                   .ok());
  EXPECT_FALSE(
      verify_jwt(s.sign(kHeader, good_claims()), other.jwks("k1"), policy(), Timestamp::from_seconds(kNow)).ok());
  EXPECT_FALSE(verify_jwt(s.sign({{"alg", "EdDSA"}, {"kid", "k1"}, {"crit", {"exp"}}}, good_claims()), s.jwks("k1"),
                          policy(), Timestamp::from_seconds(kNow))
                   .ok());
}

TEST(JwtTest, IncompletePolicyIsAConfigurationError) {
  Signer s;
  JwtPolicy p = policy();
  p.audiences.clear();
  EXPECT_EQ(verify_jwt(s.sign(kHeader, good_claims()), s.jwks("k1"), p, Timestamp::from_seconds(kNow)).status().code(),
            StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace fg::crypto

namespace fg::crypto {
namespace {

// PS256 (RSASSA-PSS): only for an RSA key whose JWK says "alg":"PS256"; such a key verifies nothing else.
std::string sign_rsa(EVP_PKEY* key, const std::string& alg, bool pss) {
  const std::string input = base64url_encode(as_bytes(nlohmann::json{{"alg", alg}}.dump())) + "." +
                            base64url_encode(as_bytes(R"({"iss":"joe"})"));
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  EVP_PKEY_CTX* pctx = nullptr;
  EXPECT_EQ(EVP_DigestSignInit(ctx.get(), &pctx, EVP_sha256(), nullptr, key), 1);
  if (pss) {
    EXPECT_EQ(EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING), 1);
    EXPECT_EQ(EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST), 1);
  }
  std::size_t len = 0;
  EVP_DigestSign(ctx.get(), nullptr, &len, reinterpret_cast<const unsigned char*>(input.data()), input.size());
  Bytes sig(len);
  EXPECT_EQ(
      EVP_DigestSign(ctx.get(), sig.data(), &len, reinterpret_cast<const unsigned char*>(input.data()), input.size()),
      1);
  sig.resize(len);
  return input + "." + base64url_encode(sig);
}

Jwks rsa_jwks(EVP_PKEY* key, const char* alg) {
  BIGNUM* n = nullptr;
  BIGNUM* e = nullptr;
  EVP_PKEY_get_bn_param(key, "n", &n);
  EVP_PKEY_get_bn_param(key, "e", &e);
  Bytes nb(BN_num_bytes(n)), eb(BN_num_bytes(e));
  BN_bn2bin(n, nb.data());
  BN_bn2bin(e, eb.data());
  BN_free(n);
  BN_free(e);
  nlohmann::json k = {{"kty", "RSA"}, {"n", base64url_encode(nb)}, {"e", base64url_encode(eb)}};
  if (alg != nullptr) k["alg"] = alg;
  return *Jwks::parse(nlohmann::json{{"keys", {k}}}.dump());
}

TEST(JwtTest, Ps256VerifiesOnlyAgainstAKeyPinnedToPs256) {
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(EVP_RSA_gen(2048), &EVP_PKEY_free);
  const Jwks pss_keys = rsa_jwks(key.get(), "PS256");
  const Jwks rs_keys = rsa_jwks(key.get(), nullptr);
  const std::string ps = sign_rsa(key.get(), "PS256", true);
  const std::string rs = sign_rsa(key.get(), "RS256", false);
  EXPECT_TRUE(verify_jws(ps, pss_keys).ok());
  EXPECT_FALSE(verify_jws(ps, rs_keys).ok());   // an unlabelled RSA key is RS256 only
  EXPECT_FALSE(verify_jws(rs, pss_keys).ok());  // and a PS256 key verifies no PKCS#1 v1.5 signature
  EXPECT_TRUE(verify_jws(rs, rs_keys).ok());
  // A PKCS#1 v1.5 signature presented under a PS256 header.
  const std::string swapped = ps.substr(0, ps.rfind('.')) + rs.substr(rs.rfind('.'));
  EXPECT_FALSE(verify_jws(swapped, pss_keys).ok());
}

}  // namespace
}  // namespace fg::crypto
