#include "crypto/sealed_secret.hpp"

#include <gtest/gtest.h>
#include <sodium.h>

#include "crypto/aead.hpp"

namespace fg::crypto {
namespace {

struct TestKeys {
  PublicKey pk;
  std::array<std::uint8_t, 32> sk;
};

TestKeys make_keys() {
  std::array<std::uint8_t, 32> pk{}, sk{};
  EXPECT_EQ(crypto_box_keypair(pk.data(), sk.data()), 0);
  return {*PublicKey::from_bytes(pk), sk};
}

SecretContext ctx() {
  return {OrgId(*Uuid::parse("11111111-1111-4111-8111-111111111111")),
          *Uuid::parse("22222222-2222-4222-8222-222222222222"), 1};
}

TEST(SealedSecretTest, HeaderCarriesVersionAlgorithmAndKeyId) {
  TestKeys k = make_keys();
  Result<Bytes> blob = seal_secret(k.pk, ctx(), as_bytes("AKIA-canary"));
  ASSERT_TRUE(blob.ok());
  EXPECT_EQ(blob->size(), kSealedOverhead + 11);
  EXPECT_EQ((*blob)[0], kSealedFormatV1);
  EXPECT_EQ((*blob)[1], kSealedAlgX25519Aes256Gcm);
  Result<SealedSecretView> v = parse_sealed_secret(*blob);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->key_id, k.pk.id());
  EXPECT_EQ(v->wrapped_key.size(), kWrappedKeyBytes);
  // The plaintext does not appear in the blob.
  const std::string s(blob->begin(), blob->end());
  EXPECT_EQ(s.find("AKIA-canary"), std::string::npos);
}

// The format is what the vault relies on: the holder of the private key can open the data key and the
// box with the documented aad. This checks the layout with libsodium directly, from outside src/vault.
TEST(SealedSecretTest, LayoutOpensWithThePrivateKeyAndTheDocumentedAad) {
  TestKeys k = make_keys();
  Bytes blob = *seal_secret(k.pk, ctx(), as_bytes("s3cr3t"));
  SealedSecretView v = *parse_sealed_secret(blob);
  SecretBuffer dk(32);
  ASSERT_EQ(
      crypto_box_seal_open(dk.data(), v.wrapped_key.data(), v.wrapped_key.size(), k.pk.bytes().data(), k.sk.data()), 0);
  Result<SecretBuffer> plain = aead_open(dk, sealed_secret_aad(v, ctx()), v.box);
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->view(), "s3cr3t");
  SecretContext other = ctx();
  other.version = 2;
  EXPECT_FALSE(aead_open(dk, sealed_secret_aad(v, other), v.box).ok());
}

TEST(SealedSecretTest, EachSealUsesAFreshDataKey) {
  TestKeys k = make_keys();
  Bytes a = *seal_secret(k.pk, ctx(), as_bytes("same"));
  Bytes b = *seal_secret(k.pk, ctx(), as_bytes("same"));
  EXPECT_NE(a, b);
}

TEST(SealedSecretTest, RefusesEmptyAndOversizedSecrets) {
  TestKeys k = make_keys();
  EXPECT_EQ(seal_secret(k.pk, ctx(), {}).status().code(), StatusCode::kInvalidArgument);
  Bytes big(kMaxSecretBytes + 1, 'a');
  EXPECT_EQ(seal_secret(k.pk, ctx(), big).status().code(), StatusCode::kInvalidArgument);
}

TEST(SealedSecretTest, ParseRefusesUnknownVersionsAlgorithmsAndTruncation) {
  TestKeys k = make_keys();
  Bytes blob = *seal_secret(k.pk, ctx(), as_bytes("x"));
  Bytes bad = blob;
  bad[0] = 2;
  EXPECT_FALSE(parse_sealed_secret(bad).ok());
  bad = blob;
  bad[1] = 9;
  EXPECT_FALSE(parse_sealed_secret(bad).ok());
  EXPECT_FALSE(parse_sealed_secret(std::span<const std::uint8_t>(blob).first(kSealedOverhead)).ok());
  EXPECT_FALSE(parse_sealed_secret({}).ok());
}

}  // namespace
}  // namespace fg::crypto
