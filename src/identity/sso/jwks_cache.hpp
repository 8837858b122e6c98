// JwksCache: an identity provider's signing keys (its JWKS document), fetched through net::HttpClient
// and kept in memory, and the token verification that uses them.
//
// Keys are fetched on first use and again after kJwksMaxAge. A token whose kid is not in the cached
// set triggers one refetch (the provider rotated its keys), at most once per kJwksMinRefresh, so a
// stream of forged kids cannot turn finguard into a request amplifier against the provider.
// Algorithms are an allowlist on top of the key pinning of crypto/jwk.hpp: RS256, ES256 and PS256
// only ("none" and HS* never reach a key).
#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "core/time.hpp"
#include "crypto/jwt.hpp"
#include "net/http_client.hpp"

namespace fg::identity {

inline constexpr std::chrono::seconds kJwksMaxAge{3600};
inline constexpr std::chrono::seconds kJwksMinRefresh{30};

class JwksCache {
 public:
  JwksCache(const net::HttpClient& client, const Clock& clock, std::string jwks_uri)
      : client_(client), clock_(clock), uri_(std::move(jwks_uri)) {}

  //! Verifies `token`'s header alg against the allowlist, its signature against the provider's keys
  //! and its claims against `policy`. unauthenticated for a bad token; unavailable when the keys
  //! cannot be fetched. Thread-safe.
  Result<crypto::VerifiedJwt> verify(std::string_view token, const crypto::JwtPolicy& policy);

 private:
  //! Fetches the key set; caller holds mu_.
  Status refresh_locked();

  const net::HttpClient& client_;
  const Clock& clock_;
  const std::string uri_;
  std::mutex mu_;
  std::shared_ptr<const crypto::Jwks> keys_;
  Timestamp fetched_at_{};
};

//! The "alg" of a compact JWT's header, or empty when the header cannot be read.
std::string jwt_header_alg(std::string_view token);

}  // namespace fg::identity
