#include "identity/sso/cloudflare_access.hpp"

#include "identity/internal/credential_hash.hpp"
#include "net/url.hpp"

namespace fg::identity {

Result<std::unique_ptr<CloudflareAccess>> CloudflareAccess::create(const CloudflareAccessSettings& settings,
                                                                   net::OutboundPolicy policy, const Clock& clock) {
  if (settings.team_domain.empty())
    return invalid_argument_error("cf_access_team_domain: is required", "cf_access_team_domain");
  if (settings.audience.empty()) return invalid_argument_error("cf_access_audience: is required", "cf_access_audience");
  std::string origin = settings.team_domain;
  if (origin.find("://") == std::string::npos) origin = "https://" + origin;
  while (!origin.empty() && origin.back() == '/') origin.pop_back();
  Result<net::Url> u = net::Url::parse(origin);
  if (!u.ok() || u->path_and_query != "/" || (u->scheme != "https" && !policy.allow_loopback)) {
    return invalid_argument_error("cf_access_team_domain: must be a host name such as myteam.cloudflareaccess.com",
                                  "cf_access_team_domain");
  }
  return std::make_unique<CloudflareAccess>(Key{}, origin, settings.audience, policy, clock);
}

Result<VerifiedSsoIdentity> CloudflareAccess::verify(std::string_view assertion) {
  // Access issues tokens for one hour; a minute of skew is plenty between two NTP-synced clocks.
  crypto::JwtPolicy policy{issuer_, {audience_}, std::chrono::seconds(60)};
  FG_ASSIGN_OR_RETURN(crypto::VerifiedJwt t, keys_.verify(assertion, policy));
  auto it = t.claims.find("email");
  if (it == t.claims.end() || !it->is_string() || it->get<std::string>().find('@') == std::string::npos) {
    return unauthenticated_error("token refused: no email");
  }
  return VerifiedSsoIdentity(internal::normalize_email(it->get<std::string>()), SsoMethod::kCloudflareAccess, {});
}

}  // namespace fg::identity
