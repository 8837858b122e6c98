#include "crypto/token.hpp"

#include "crypto/encoding.hpp"
#include "crypto/random.hpp"

namespace fg::crypto {

IssuedToken issue_session_token() {
  IssuedToken t;
  t.token = random_token();
  t.hash = token_hash(t.token);
  return t;
}

IssuedApiKey issue_api_key() {
  IssuedApiKey k;
  k.id = hex_encode(random_bytes(kApiKeyIdChars / 2));
  const std::string secret = random_token();
  k.key = std::string(kApiKeyPrefix) + k.id + "_" + secret;
  k.hash = token_hash(secret);
  return k;
}

Digest token_hash(std::string_view token) {
  return sha256(as_bytes(token));
}

Result<ApiKeyParts> parse_api_key(std::string_view text) {
  const Status bad = unauthenticated_error("malformed API key");
  const std::size_t expected = kApiKeyPrefix.size() + kApiKeyIdChars + 1 + kTokenChars;
  if (text.size() != expected || text.substr(0, kApiKeyPrefix.size()) != kApiKeyPrefix) return bad;
  std::string_view id = text.substr(kApiKeyPrefix.size(), kApiKeyIdChars);
  for (char c : id) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return bad;
  }
  if (text[kApiKeyPrefix.size() + kApiKeyIdChars] != '_') return bad;
  std::string_view secret = text.substr(kApiKeyPrefix.size() + kApiKeyIdChars + 1);
  Result<Bytes> raw = base64url_decode(secret);
  if (!raw.ok() || raw->size() != kTokenBytes) return bad;
  return ApiKeyParts{std::string(id), std::string(secret)};
}

bool verify_token(std::string_view token, std::span<const std::uint8_t> stored_hash) {
  Digest h = token_hash(token);
  return equal_constant_time(h, stored_hash);
}

}  // namespace fg::crypto
