// Wiring of single sign-on into the API: OIDC login and Cloudflare Access trust, from the settings.
#pragma once

#include "api/routes/identity/identity_api.hpp"
#include "core/config.hpp"

namespace fg::app {

//! Sets api.oidc and api.cf_access when configured (both stay null otherwise). invalid_argument naming
//! the setting when the configuration cannot work (serve then refuses to start: fail closed). The
//! OIDC client secret is read from FINGUARD_OIDC_CLIENT_SECRET or the 0600 secret file into locked
//! memory and never logged.
Status install_sso(const Config& cfg, api::IdentityApi& api);

}  // namespace fg::app
