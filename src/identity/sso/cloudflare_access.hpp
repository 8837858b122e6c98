// CloudflareAccess: optional trust of Cloudflare Access in front of finguard. Access signs a JWT for
// every request it lets through and sends it in the Cf-Access-Jwt-Assertion header; when configured
// (team domain and application audience tag), finguard verifies it against the team's keys
// (https://TEAM.cloudflareaccess.com/cdn-cgi/access/certs, fetched through net::HttpClient), the
// issuer (the team domain) and the audience, and takes the "email" claim as the caller. The caller
// must already be an active member of an org: Access proves who someone is, never what they may do.
// See https://developers.cloudflare.com/cloudflare-one/identity/authorization-cookie/validating-json/
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/time.hpp"
#include "identity/sso/jwks_cache.hpp"
#include "identity/sso/verified_sso_identity.hpp"
#include "net/http_client.hpp"

namespace fg::identity {

//! The header Cloudflare Access adds to each request it forwards.
inline constexpr std::string_view kCfAccessHeader = "Cf-Access-Jwt-Assertion";

struct CloudflareAccessSettings {
  std::string team_domain;  //!< "myteam.cloudflareaccess.com" or a full https:// origin
  std::string audience;     //!< the Access application's AUD tag
};

class CloudflareAccess {
 public:
  //! invalid_argument naming cf_access_team_domain / cf_access_audience when one is missing or the
  //! domain is not a host or an https origin.
  static Result<std::unique_ptr<CloudflareAccess>> create(const CloudflareAccessSettings& settings,
                                                          net::OutboundPolicy policy, const Clock& clock);

  //! The verified email of an assertion. unauthenticated for any bad token or a token without an
  //! email (service tokens); unavailable when the team's keys cannot be fetched. Thread-safe.
  Result<VerifiedSsoIdentity> verify(std::string_view assertion);

  const std::string& issuer() const { return issuer_; }

 private:
  struct Key {
    explicit Key() = default;
  };

 public:
  //! Use create().
  CloudflareAccess(Key, std::string issuer, std::string audience, net::OutboundPolicy policy, const Clock& clock)
      : issuer_(std::move(issuer)),
        audience_(std::move(audience)),
        http_(policy),
        keys_(http_, clock, issuer_ + "/cdn-cgi/access/certs") {}

 private:
  const std::string issuer_;
  const std::string audience_;
  net::HttpClient http_;
  JwksCache keys_;
};

}  // namespace fg::identity
