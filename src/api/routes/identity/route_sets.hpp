// The identity route files, each adding its routes (add_identity_routes calls them in order).
#pragma once

#include <memory>

#include "api/router/router.hpp"

namespace fg::api {

struct IdentityApi;

Status add_auth_routes(Router& router, const std::shared_ptr<IdentityApi>& api);
Status add_account_routes(Router& router, const std::shared_ptr<IdentityApi>& api);
Status add_member_routes(Router& router, const std::shared_ptr<IdentityApi>& api);
Status add_sso_routes(Router& router, const std::shared_ptr<IdentityApi>& api);
Status add_sign_in_method_routes(Router& router, const std::shared_ptr<IdentityApi>& api);

}  // namespace fg::api
