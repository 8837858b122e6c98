// JWT verification for single sign-on: OIDC ID tokens and Cloudflare Access `Cf-Access-Jwt-Assertion`.
//
// Order of checks (RFC 7519 section 7.2, RFC 8725): the compact form has three base64url parts; the
// header is JSON with an "alg" we support ("none", HS*, and anything else are refused before any key
// is touched) and no "crit"; a key from the JWKS matches the header's kid and is pinned to that same
// alg; the signature verifies; then iss, aud, exp, nbf and iat are checked against the policy, with
// a bounded clock skew. Every failure is unauthenticated with a short reason and never the token.
//
//   JwtPolicy p{.issuer = "https://team.cloudflareaccess.com", .audiences = {aud_tag}};
//   Result<VerifiedJwt> t = verify_jwt(header_value, jwks, p, clock.now());
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.hpp"
#include "core/time.hpp"
#include "crypto/jwk.hpp"

namespace fg::crypto {

//! Tokens larger than this are refused before decoding (headers are size-limited anyway).
inline constexpr std::size_t kMaxJwtBytes = 16 * 1024;
//! The largest clock skew a policy may allow.
inline constexpr std::chrono::seconds kMaxClockSkew{300};

struct JwtPolicy {
  std::string issuer;                   //!< required: "iss" must equal it exactly
  std::vector<std::string> audiences;   //!< required: "aud" must contain one of these
  std::chrono::seconds clock_skew{60};  //!< capped at kMaxClockSkew
};

struct VerifiedJwt {
  nlohmann::json header;
  nlohmann::json claims;
};

//! Checks the signature only and returns the header and the raw payload (for JWS test vectors and
//! non-JWT payloads). unauthenticated on any failure.
[[nodiscard]] Result<std::pair<nlohmann::json, std::string>> verify_jws(std::string_view compact, const Jwks& keys);

//! Full verification: signature, then claims under `policy` at `now`. invalid_argument when the
//! policy itself is incomplete (no issuer or audience: a configuration bug must not accept every
//! token); unauthenticated for any token failure.
[[nodiscard]] Result<VerifiedJwt> verify_jwt(std::string_view token, const Jwks& keys, const JwtPolicy& policy,
                                             Timestamp now);

}  // namespace fg::crypto
