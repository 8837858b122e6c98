// OidcLogin: sign-in with an OpenID Connect provider, authorization-code flow with PKCE (S256).
//
//   start()  -> a fresh state, nonce and code verifier are stored server-side, keyed by the hash of
//               state (table oidc_login_states, migration 0006), and the browser is sent to the
//               provider's authorization endpoint with state, nonce and the S256 code challenge.
//   finish() -> the state row is consumed (DELETE ... RETURNING: usable once, within
//               kOidcStateTtl), the code is exchanged at the token endpoint with the client secret
//               and the verifier, and the ID token is verified: signature against the provider's JWKS
//               (RS256/ES256/PS256 only), iss, aud (and azp), exp/nbf/iat with a small skew, and the
//               nonce of this state. Then a verified email is mapped to an org (OrgMapping) and the
//               Authenticator opens an ordinary session for an existing active member.
// The provider's metadata comes from its discovery document (OpenID Connect Discovery 1.0), whose
// "issuer" must equal the configured issuer exactly (section 4.3). Every call to the provider goes
// through net::HttpClient (SSRF guard, https only). Failures after the state is consumed are audited
// as login failures; the client secret and the tokens never appear in a message or a log line.
#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "crypto/secret_buffer.hpp"
#include "identity/authenticator.hpp"
#include "identity/sso/jwks_cache.hpp"
#include "identity/sso/org_mapping.hpp"
#include "net/http_client.hpp"

namespace fg::identity {

inline constexpr std::chrono::seconds kOidcStateTtl{600};
inline constexpr std::chrono::seconds kOidcClockSkew{60};

struct OidcSettings {
  std::string issuer;  //!< e.g. https://accounts.example.com (exactly as the provider's "iss")
  std::string client_id;
  std::string redirect_uri;              //!< finguard's callback as registered: https://HOST/api/v1/auth/oidc/callback
  std::vector<std::string> org_mapping;  //!< OrgMapping rules
  std::string scopes = "openid email profile";
};

struct OidcStart {
  std::string url;    //!< the provider's authorization URL
  std::string state;  //!< the flow's state, as in `url`: bind it to the browser
};

class OidcLogin {
 public:
  //! Checks the settings (invalid_argument naming the setting: an https issuer, a client id, an
  //! absolute redirect URI, a non-empty secret, valid mapping rules). Nothing is fetched yet.
  static Result<std::unique_ptr<OidcLogin>> create(OidcSettings settings, crypto::SecretBuffer client_secret,
                                                   Authenticator& authenticator, net::OutboundPolicy policy);

  //! The provider URL to send the browser to, and the flow's state for the caller to bind to that
  //! browser (a cookie the callback must present). unavailable when discovery fails.
  Result<OidcStart> start();
  //! Completes the flow. unauthenticated for an unknown, used or expired state, a refused token, an
  //! unverified email or an unmapped user (all audited); unavailable when the provider cannot be reached.
  Result<IssuedSession> finish(const std::string& code, const std::string& state, const audit::Origin& meta);

 private:
  struct Endpoints {
    std::string authorization;
    std::string token;
    std::unique_ptr<JwksCache> jwks;
  };
  struct Key {
    explicit Key() = default;
  };

 public:
  //! Use create().
  OidcLogin(Key, OidcSettings settings, crypto::SecretBuffer secret, OrgMapping mapping, Authenticator& authenticator,
            net::OutboundPolicy policy)
      : settings_(std::move(settings)),
        secret_(std::move(secret)),
        mapping_(std::move(mapping)),
        auth_(authenticator),
        http_(policy) {}

 private:
  //! The discovered endpoints (fetched once, then cached).
  Result<Endpoints*> endpoints();
  Result<IssuedSession> verify_and_sign_in(const std::string& code, const std::string& nonce,
                                           const std::string& verifier, const audit::Origin& meta);

  const OidcSettings settings_;
  const crypto::SecretBuffer secret_;
  const OrgMapping mapping_;
  Authenticator& auth_;
  net::HttpClient http_;
  std::mutex mu_;
  std::unique_ptr<Endpoints> endpoints_;
};

}  // namespace fg::identity
