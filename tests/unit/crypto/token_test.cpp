#include "crypto/token.hpp"

#include <gtest/gtest.h>

#include "crypto/encoding.hpp"

namespace fg::crypto {
namespace {

TEST(TokenTest, SessionTokenIsStoredOnlyAsItsHash) {
  IssuedToken t = issue_session_token();
  EXPECT_EQ(t.token.size(), kTokenChars);
  EXPECT_EQ(t.hash, sha256(as_bytes(t.token)));
  EXPECT_TRUE(verify_token(t.token, t.hash));
  EXPECT_FALSE(verify_token(issue_session_token().token, t.hash));
  EXPECT_NE(hex_encode(t.hash).find(t.token), 0u);
}

TEST(TokenTest, ApiKeyHasTheDocumentedShapeAndParsesBack) {
  IssuedApiKey k = issue_api_key();
  EXPECT_EQ(k.key.rfind("fgk_" + k.id + "_", 0), 0u);
  EXPECT_EQ(k.id.size(), kApiKeyIdChars);
  Result<ApiKeyParts> p = parse_api_key(k.key);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->id, k.id);
  EXPECT_TRUE(verify_token(p->secret, k.hash));
  EXPECT_NE(issue_api_key().id, k.id);
}

TEST(TokenTest, MalformedApiKeysAreUnauthenticatedWithoutEcho) {
  IssuedApiKey k = issue_api_key();
  const std::string bad[] = {
      "",
      "fgk_",
      k.key.substr(1),
      k.key + "x",
      "fgx" + k.key.substr(3),
      "fgk_" + std::string(16, 'G') + k.key.substr(20),  // id not hex
      k.key.substr(0, 20) + "-" + k.key.substr(21),      // separator
      k.key.substr(0, 21) + "!" + k.key.substr(22),      // secret not base64url
  };
  for (const std::string& b : bad) {
    Result<ApiKeyParts> p = parse_api_key(b);
    ASSERT_FALSE(p.ok()) << b;
    EXPECT_EQ(p.status().code(), StatusCode::kUnauthenticated);
    if (!b.empty()) {
      EXPECT_EQ(p.status().message().find(b), std::string::npos);
    }
  }
}

TEST(TokenTest, FlippedSecretFailsVerification) {
  IssuedApiKey k = issue_api_key();
  ApiKeyParts p = *parse_api_key(k.key);
  std::string s = p.secret;
  s[5] = s[5] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(verify_token(s, k.hash));
}

}  // namespace
}  // namespace fg::crypto
