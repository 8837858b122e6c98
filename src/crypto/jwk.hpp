// JSON Web Keys (RFC 7517) for verifying signed tokens from an identity provider: OIDC ID tokens and
// Cloudflare Access assertions.
//
// Only asymmetric signature keys are accepted (RSA >= 2048 bits for RS256, or PS256 when the key's
// "alg" says so; P-256 for ES256; Ed25519 for EdDSA). Each key is pinned to exactly one algorithm,
// taken from its "alg" member or implied by its type, so a token cannot choose how it is verified:
// "none", HS256 with a public key as the HMAC secret, or ES256 against an RSA key all fail. Symmetric
// ("oct") keys are never loaded.
//
//   Result<Jwks> set = Jwks::parse(body_of_jwks_uri);
#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/result.hpp"

typedef struct evp_pkey_st EVP_PKEY;

namespace fg::crypto {

enum class JwsAlgorithm { kRs256, kEs256, kEdDsa, kPs256 };

//! "RS256", "ES256", "EdDSA", "PS256".
std::string_view jws_algorithm_name(JwsAlgorithm alg);

class Jwk {
 public:
  //! One public key. invalid_argument for a private or symmetric key, an unsupported type, curve or
  //! algorithm, a "use" other than "sig", an RSA modulus under 2048 bits, or a point not on the curve.
  static Result<Jwk> from_json(const nlohmann::json& jwk);

  const std::string& kid() const { return kid_; }
  JwsAlgorithm algorithm() const { return alg_; }

  //! True when `signature` is this key's signature over `signing_input` with its pinned algorithm.
  //! ES256 signatures must be the 64-byte R || S form of RFC 7518 section 3.4. Thread-safe.
  [[nodiscard]] bool verify(std::string_view signing_input, std::span<const std::uint8_t> signature) const;

 private:
  Jwk(std::string kid, JwsAlgorithm alg, std::shared_ptr<EVP_PKEY> key)
      : kid_(std::move(kid)), alg_(alg), key_(std::move(key)) {}
  std::string kid_;
  JwsAlgorithm alg_;
  std::shared_ptr<EVP_PKEY> key_;
};

class Jwks {
 public:
  //! Parses {"keys":[...]}. Keys this verifier cannot or must not use (symmetric, encryption-only,
  //! unsupported) are skipped, so a provider adding a new key type does not break login;
  //! invalid_argument when the document is malformed or no usable key remains.
  static Result<Jwks> parse(std::string_view json);

  //! The key for a token header: by kid when the header has one, else the only key of that
  //! algorithm. nullptr when none matches or the choice is ambiguous.
  const Jwk* find(std::string_view kid, JwsAlgorithm alg) const;

  std::size_t size() const { return keys_.size(); }

 private:
  std::vector<Jwk> keys_;
};

}  // namespace fg::crypto
