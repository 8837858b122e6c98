// Session tokens and API keys: 256-bit random secrets that the server stores only as SHA-256 hashes.
//
// A database dump therefore yields no usable credential (inverting SHA-256 of a 256-bit random value
// is infeasible, so no slow hash or pepper is needed). API keys read `fgk_<id>_<secret>`: the id
// (16 hex characters) finds the row, the secret (43 base64url characters) proves possession, and the
// `fgk_` prefix lets log redaction and secret scanners recognise a leaked key.
//
//   IssuedApiKey k = issue_api_key();      // show k.key once; store k.id and k.hash
//   Result<ApiKeyParts> p = parse_api_key(header_value);
//   if (!verify_token(p->secret, row.hash)) return unauthenticated_error(...);
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "crypto/mac.hpp"

namespace fg::crypto {

inline constexpr std::string_view kApiKeyPrefix = "fgk_";
inline constexpr std::size_t kApiKeyIdChars = 16;
inline constexpr std::size_t kTokenChars = 43;  //!< base64url of 32 bytes

//! A token to hand out once, and the hash to store.
struct IssuedToken {
  std::string token;
  Digest hash{};
};

struct IssuedApiKey {
  std::string id;   //!< public lookup id (16 lower-case hex)
  std::string key;  //!< the full `fgk_<id>_<secret>` (show once, never store)
  Digest hash{};    //!< token_hash(secret): what the database keeps
};

struct ApiKeyParts {
  std::string id;
  std::string secret;
};

//! A fresh session token. Thread-safe.
IssuedToken issue_session_token();
//! A fresh API key. Thread-safe.
IssuedApiKey issue_api_key();

//! SHA-256 of the token text.
Digest token_hash(std::string_view token);

//! Splits `fgk_<id>_<secret>`. unauthenticated (without echoing the input) when malformed.
Result<ApiKeyParts> parse_api_key(std::string_view text);

//! True when token_hash(token) equals `stored_hash`, compared in constant time.
[[nodiscard]] bool verify_token(std::string_view token, std::span<const std::uint8_t> stored_hash);

}  // namespace fg::crypto
