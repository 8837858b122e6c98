#include "app/sso_setup.hpp"

#include <cstdlib>
#include <fstream>
#include <iterator>

#include "core/secret_file.hpp"
#include "net/http_client.hpp"

namespace fg::app {
namespace {

Result<crypto::SecretBuffer> oidc_client_secret(const Config& cfg) {
  if (cfg.oidc_client_secret_from_env) {
    const char* v = std::getenv("FINGUARD_OIDC_CLIENT_SECRET");
    if (v == nullptr || *v == '\0') return invalid_argument_error("oidc_client_secret: is empty", "oidc_client_secret");
    return crypto::SecretBuffer::copy_of(std::string_view(v));
  }
  FG_TRY(check_private_file(cfg.oidc_client_secret_file, "oidc_client_secret_file"));
  std::ifstream in(cfg.oidc_client_secret_file, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::size_t len = text.size();
  while (len > 0 && (text[len - 1] == '\n' || text[len - 1] == '\r')) --len;  // editors add a newline
  crypto::SecretBuffer secret = crypto::SecretBuffer::copy_of(std::string_view(text).substr(0, len));
  std::fill(text.begin(), text.end(), '\0');
  if (secret.empty()) return invalid_argument_error("oidc_client_secret_file: is empty", "oidc_client_secret_file");
  return secret;
}

}  // namespace

Status install_sso(const Config& cfg, api::IdentityApi& api) {
  const net::OutboundPolicy policy = net::OutboundPolicy::from_config(cfg);
  if (cfg.oidc_enabled()) {
    FG_ASSIGN_OR_RETURN(crypto::SecretBuffer secret, oidc_client_secret(cfg));
    identity::OidcSettings s;
    s.issuer = cfg.oidc_issuer;
    s.client_id = cfg.oidc_client_id;
    s.redirect_uri = cfg.oidc_redirect_uri;
    s.org_mapping = cfg.oidc_org_mapping;
    FG_ASSIGN_OR_RETURN(api.oidc,
                        identity::OidcLogin::create(std::move(s), std::move(secret), api.authenticator, policy));
  }
  if (cfg.cf_access_enabled()) {
    FG_ASSIGN_OR_RETURN(api.cf_access,
                        identity::CloudflareAccess::create({cfg.cf_access_team_domain, cfg.cf_access_audience}, policy,
                                                           api.context.clock));
  }
  return ok_status();
}

}  // namespace fg::app
