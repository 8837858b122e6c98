// GET /api/v1/auth/methods: which ways of signing in this server offers, for the sign-in page (its
// "single sign-on" button appears only when OIDC is configured). Public: it says only whether a
// provider is configured, never which one or how; the provider's URL is learnt by following
// /api/v1/auth/oidc/start.
#include "api/routes/identity/identity_api.hpp"
#include "api/routes/identity/route_helpers.hpp"
#include "api/routes/identity/route_sets.hpp"

namespace fg::api {

Status add_sign_in_method_routes(Router& router, const std::shared_ptr<IdentityApi>& api) {
  return router.add(Route{
      .pattern = "/api/v1/auth/methods",
      .operation_id = "listSignInMethods",
      .summary = "How this server signs users in: password (always) and whether OIDC single sign-on is configured",
      .tag = "identity",
      .access = Access::public_route(),
      .response = responds(200, schema::object({{"password", schema::boolean()}, {"oidc", schema::boolean()}})),
      .handler = [api](RequestContext&, const HttpRequest&) -> Result<HttpResponse> {
        return identity_routes::json_response(200, {{"password", true}, {"oidc", api->oidc != nullptr}});
      }});
}

}  // namespace fg::api
