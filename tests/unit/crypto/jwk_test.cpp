#include "crypto/jwk.hpp"

#include <gtest/gtest.h>

#include "vectors.hpp"

namespace fg::crypto {
namespace {

using testing::load_vectors;

nlohmann::json jws() {
  return load_vectors("rfc_vectors.json")["jws"];
}

nlohmann::json rsa_jwk() {
  return {{"kty", "RSA"}, {"kid", "rsa1"}, {"n", jws()["rfc7515_a2_rsa_n"]}, {"e", jws()["rfc7515_a2_rsa_e"]}};
}
nlohmann::json ec_jwk() {
  return {{"kty", "EC"},
          {"crv", "P-256"},
          {"kid", "ec1"},
          {"x", jws()["rfc7515_a3_ec_x"]},
          {"y", jws()["rfc7515_a3_ec_y"]}};
}
nlohmann::json ed_jwk() {
  return {{"kty", "OKP"}, {"crv", "Ed25519"}, {"kid", "ed1"}, {"x", jws()["rfc8037_a4_ed25519_x"]}};
}

TEST(JwkTest, LoadsTheRfcKeysPinnedToTheirAlgorithm) {
  EXPECT_EQ(Jwk::from_json(rsa_jwk())->algorithm(), JwsAlgorithm::kRs256);
  EXPECT_EQ(Jwk::from_json(ec_jwk())->algorithm(), JwsAlgorithm::kEs256);
  EXPECT_EQ(Jwk::from_json(ed_jwk())->algorithm(), JwsAlgorithm::kEdDsa);
  EXPECT_EQ(Jwk::from_json(ed_jwk())->kid(), "ed1");
}

TEST(JwkTest, RefusesSymmetricPrivateAndMismatchedKeys) {
  EXPECT_FALSE(
      Jwk::from_json({{"kty", "oct"},
                      {"k", "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"}})
          .ok());
  nlohmann::json priv = ed_jwk();
  priv["d"] = "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A";
  EXPECT_FALSE(Jwk::from_json(priv).ok());
  nlohmann::json wrong_alg = rsa_jwk();
  wrong_alg["alg"] = "HS256";
  EXPECT_FALSE(Jwk::from_json(wrong_alg).ok());
  nlohmann::json enc = rsa_jwk();
  enc["use"] = "enc";
  EXPECT_FALSE(Jwk::from_json(enc).ok());
  nlohmann::json other_curve = ec_jwk();
  other_curve["crv"] = "P-384";
  EXPECT_FALSE(Jwk::from_json(other_curve).ok());
}

TEST(JwkTest, RefusesAPointOffTheCurve) {
  nlohmann::json bad = ec_jwk();
  Bytes y = *base64url_decode(bad["y"].get<std::string>());
  y[31] ^= 1;
  bad["y"] = base64url_encode(y);
  EXPECT_FALSE(Jwk::from_json(bad).ok());
}

TEST(JwkTest, RefusesShortRsaModuli) {
  nlohmann::json small = rsa_jwk();
  Bytes n = *base64url_decode(small["n"].get<std::string>());
  n.resize(128);  // 1024 bits
  small["n"] = base64url_encode(n);
  EXPECT_FALSE(Jwk::from_json(small).ok());
}

TEST(JwkTest, SetSkipsUnusableKeysAndFindsByKidAndAlg) {
  nlohmann::json doc = {{"keys", {rsa_jwk(), ec_jwk(), ed_jwk(), {{"kty", "oct"}, {"k", "AAAA"}}}}};
  Result<Jwks> set = Jwks::parse(doc.dump());
  ASSERT_TRUE(set.ok());
  EXPECT_EQ(set->size(), 3u);
  EXPECT_NE(set->find("rsa1", JwsAlgorithm::kRs256), nullptr);
  EXPECT_EQ(set->find("rsa1", JwsAlgorithm::kEs256), nullptr);  // kid exists but is pinned to RS256
  EXPECT_NE(set->find("", JwsAlgorithm::kEdDsa), nullptr);      // the only EdDSA key
  EXPECT_EQ(set->find("nope", JwsAlgorithm::kEdDsa), nullptr);
  EXPECT_FALSE(Jwks::parse(R"({"keys":[{"kty":"oct","k":"AAAA"}]})").ok());
  EXPECT_FALSE(Jwks::parse("not json").ok());
  EXPECT_FALSE(Jwks::parse(R"({"keys":{}})").ok());
}

TEST(JwkTest, AmbiguousKeysWithoutKidAreNotGuessed) {
  nlohmann::json a = ed_jwk(), b = ed_jwk();
  a.erase("kid");
  b.erase("kid");
  Jwks set = *Jwks::parse(nlohmann::json{{"keys", {a, b}}}.dump());
  EXPECT_EQ(set.find("", JwsAlgorithm::kEdDsa), nullptr);
}

}  // namespace
}  // namespace fg::crypto
