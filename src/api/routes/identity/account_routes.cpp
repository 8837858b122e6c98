// The signed-in user's own account: password change, TOTP enrollment, API keys; the roles matrix;
// the Owner's org security settings.
#include "api/routes/identity/identity_api.hpp"
#include "api/routes/identity/route_helpers.hpp"
#include "api/routes/identity/route_sets.hpp"
#include "identity/permission_table.hpp"

namespace fg::api {
namespace {

using identity_routes::json_response;
using identity_routes::opt_ts;
namespace sc = schema;

const std::vector<std::string> kRoleNames = {"owner", "administrator", "analyst", "member", "viewer"};

Result<HttpResponse> roles_matrix() {
  nlohmann::json perms = nlohmann::json::array();
  for (const identity::PermissionRow& row : identity::permission_table()) {
    nlohmann::json roles = nlohmann::json::array();
    for (const std::string& r : kRoleNames) {
      if (identity::has_permission(std::string_view(r), row.name)) roles.push_back(r);
    }
    perms.push_back({{"name", std::string(row.name)}, {"description", std::string(row.description)}, {"roles", roles}});
  }
  nlohmann::json counts = nlohmann::json::object();
  for (const std::string& r : kRoleNames) counts[r] = identity::permissions_of(*identity::parse_role(r)).size();
  return json_response(200, {{"roles", kRoleNames}, {"permissions", perms}, {"counts", counts}});
}

Result<HttpResponse> change_password(IdentityApi& api, RequestContext& ctx, const HttpRequest& req) {
  std::string current;
  if (std::optional<std::string> token = cookie_value(req, session_cookie_name(ctx.secure))) {
    current = api.sessions.id_of_token(ctx.scope(), *token).value_or("");
  }
  FG_TRY(api.account.change_password(ctx.scope(), current, ctx.body->string("current_password"),
                                     ctx.body->string("new_password"), ctx.origin()));
  return HttpResponse::empty(204);
}

// key_json's shape; the created key adds its secret.
nlohmann::json api_key_schema(bool with_secret) {
  nlohmann::json o = sc::object({{"id", sc::string()},
                                 {"name", sc::string()},
                                 {"description", sc::string()},
                                 {"role", sc::string()},
                                 {"created_by", sc::string()},
                                 {"created_at", sc::date_time()},
                                 {"expires_at", sc::nullable(sc::date_time())},
                                 {"last_used_at", sc::nullable(sc::date_time())}});
  if (with_secret) {
    o["properties"]["key"] = sc::string();
    o["required"].push_back("key");
  }
  return o;
}

nlohmann::json key_json(const identity::ApiKeyInfo& k) {
  return {{"id", k.id},
          {"name", k.name},
          {"description", k.description},
          {"role", k.role},
          {"created_by", k.created_by},
          {"created_at", format_timestamp(k.created_at)},
          {"expires_at", opt_ts(k.expires_at)},
          {"last_used_at", opt_ts(k.last_used_at)}};
}

Result<HttpResponse> create_key(IdentityApi& api, RequestContext& ctx, const HttpRequest& req) {
  const ValidatedBody& b = *ctx.body;
  identity::NewApiKey k{b.string("name"), b.optional_string("description").value_or(""),
                        *identity::parse_role(b.string("role")), b.optional_timestamp("expires_at")};
  FG_ASSIGN_OR_RETURN(identity::CreatedApiKey created, api.api_keys.create(ctx.scope(), k, ctx.origin()));
  nlohmann::json body = key_json(created.info);
  body["key"] = created.key;
  return json_response(201, body);
}

Result<HttpResponse> list_keys(IdentityApi& api, RequestContext& ctx) {
  const bool all =
      identity::has_permission(std::string_view(ctx.principal->role()), identity::permissions::kUsersRead.name());
  FG_ASSIGN_OR_RETURN(std::vector<identity::ApiKeyInfo> keys, api.api_keys.list(ctx.scope(), all));
  nlohmann::json items = nlohmann::json::array();
  for (const identity::ApiKeyInfo& k : keys) items.push_back(key_json(k));
  return json_response(200, {{"api_keys", items}});
}

Result<HttpResponse> update_security(IdentityApi& api, RequestContext& ctx, const HttpRequest& req) {
  const ValidatedBody& b = *ctx.body;
  identity::OrgSecuritySettings s;
  if (b.has("require_mfa")) s.require_mfa = b.boolean("require_mfa");
  if (b.has("session_idle_seconds")) s.session_idle_seconds = b.integer("session_idle_seconds");
  if (b.has("session_absolute_seconds")) s.session_absolute_seconds = b.integer("session_absolute_seconds");
  FG_TRY(api.account.update_security(ctx.scope(), s, ctx.origin()));
  return HttpResponse::empty(204);
}

}  // namespace

Status add_account_routes(Router& router, const std::shared_ptr<IdentityApi>& api) {
  FG_TRY(router.add(
      Route{.pattern = "/api/v1/roles",
            .operation_id = "listRoles",
            .summary = "The roles and permission matrix",
            .tag = "identity",
            .access = Access::permission(identity::permissions::kRolesRead),
            .response =
                responds(200, sc::object({{"roles", sc::array(sc::string())},
                                          {"permissions", sc::array(sc::object({{"name", sc::string()},
                                                                                {"description", sc::string()},
                                                                                {"roles", sc::array(sc::string())}}))},
                                          {"counts", sc::map_of(sc::integer())}})),
            .handler = [](RequestContext&, const HttpRequest&) { return roles_matrix(); }}));
  BodySchema pw{
      {FieldSpec::string("current_password").min(1).max(1024), FieldSpec::string("new_password").min(1).max(1024)}};
  FG_TRY(router.add(Route{
      .method = HttpMethod::kPost,
      .pattern = "/api/v1/me/password",
      .operation_id = "changePassword",
      .summary = "Change the password (ends the other sessions)",
      .tag = "identity",
      .access = Access::authenticated(),
      .rate_class = RateClass::kAuth,
      .body = pw,
      .hashes_password = true,
      .response = responds_empty("Changed; the other sessions are ended"),
      .handler = [api](RequestContext& ctx, const HttpRequest& req) { return change_password(*api, ctx, req); }}));
  FG_TRY(
      router.add(Route{.method = HttpMethod::kPost,
                       .pattern = "/api/v1/me/mfa/totp/enroll",
                       .operation_id = "enrollTotp",
                       .summary = "Start TOTP enrollment: the secret and otpauth URI, shown once",
                       .tag = "identity",
                       .access = Access::authenticated(),
                       .rate_class = RateClass::kAuth,
                       .response = responds(200, sc::object({{"secret", sc::string()}, {"otpauth_uri", sc::string()}}),
                                            "The secret, shown once"),
                       .handler = [api](RequestContext& ctx, const HttpRequest&) -> Result<HttpResponse> {
                         FG_ASSIGN_OR_RETURN(identity::TotpEnrollment e, api->account.enroll_totp(ctx.scope()));
                         return json_response(200, {{"secret", e.secret_base32}, {"otpauth_uri", e.otpauth_uri}});
                       }}));
  BodySchema code{{FieldSpec::string("code").min(6).max(6)}};
  FG_TRY(router.add(Route{.method = HttpMethod::kPost,
                          .pattern = "/api/v1/me/mfa/totp/confirm",
                          .operation_id = "confirmTotp",
                          .summary = "Confirm TOTP with a code; returns the recovery codes, shown once",
                          .tag = "identity",
                          .access = Access::authenticated(),
                          .rate_class = RateClass::kAuth,
                          .body = code,
                          .response = responds(200, sc::object({{"recovery_codes", sc::array(sc::string())}}),
                                               "TOTP is on; the recovery codes, shown once"),
                          .handler = [api](RequestContext& ctx, const HttpRequest& req) -> Result<HttpResponse> {
                            FG_ASSIGN_OR_RETURN(
                                std::vector<std::string> codes,
                                api->account.confirm_totp(ctx.scope(), ctx.body->string("code"), ctx.origin()));
                            return json_response(200, {{"recovery_codes", codes}});
                          }}));
  BodySchema disable{{FieldSpec::string("current_password").optional().min(1).max(1024),
                      FieldSpec::string("code").optional().min(6).max(64)}};
  FG_TRY(router.add(Route{.method = HttpMethod::kDelete,
                          .pattern = "/api/v1/me/mfa/totp",
                          .operation_id = "disableTotp",
                          .summary = "Turn TOTP off (current_password or a code; refused where an org requires MFA)",
                          .tag = "identity",
                          .access = Access::authenticated(),
                          .rate_class = RateClass::kAuth,
                          .body = disable,
                          .hashes_password = true,
                          .response = responds_empty("TOTP is off"),
                          .handler = [api](RequestContext& ctx, const HttpRequest& req) -> Result<HttpResponse> {
                            FG_TRY(api->account.disable_totp(ctx.scope(), ctx.body->optional_string("current_password"),
                                                             ctx.body->optional_string("code"), ctx.origin()));
                            return HttpResponse::empty(204);
                          }}));
  BodySchema key{{FieldSpec::string("name").min(1).max(100), FieldSpec::string("description").optional().max(500),
                  FieldSpec::enumeration("role", kRoleNames), FieldSpec::timestamp("expires_at").optional()}};
  FG_TRY(router.add(
      Route{.method = HttpMethod::kPost,
            .pattern = "/api/v1/api-keys",
            .operation_id = "createApiKey",
            .summary = "Create an API key (shown once; role at most yours)",
            .tag = "identity",
            .access = Access::permission(identity::permissions::kApiKeysManage),
            .body = key,
            .response = responds(201, api_key_schema(true), "Created; `key` is shown once"),
            .handler = [api](RequestContext& ctx, const HttpRequest& req) { return create_key(*api, ctx, req); }}));
  FG_TRY(router.add(Route{.pattern = "/api/v1/api-keys",
                          .operation_id = "listApiKeys",
                          .summary = "API keys (yours; all of the org's with users.read); never the secret",
                          .tag = "identity",
                          .access = Access::permission(identity::permissions::kApiKeysManage),
                          .response = responds(200, sc::object({{"api_keys", sc::array(api_key_schema(false))}})),
                          .handler = [api](RequestContext& ctx, const HttpRequest&) { return list_keys(*api, ctx); }}));
  FG_TRY(router.add(Route{.method = HttpMethod::kDelete,
                          .pattern = "/api/v1/api-keys/{key}",
                          .operation_id = "revokeApiKey",
                          .summary = "Revoke an API key",
                          .tag = "identity",
                          .access = Access::permission(identity::permissions::kApiKeysManage),
                          .response = responds_empty("Revoked"),
                          .handler = [api](RequestContext& ctx, const HttpRequest& req) -> Result<HttpResponse> {
                            const bool any = identity::has_permission(std::string_view(ctx.principal->role()),
                                                                      identity::permissions::kUsersRead.name());
                            FG_TRY(api->api_keys.revoke(ctx.scope(), std::string(ctx.param("key")), any, ctx.origin()));
                            return HttpResponse::empty(204);
                          }}));
  BodySchema sec{{FieldSpec::boolean("require_mfa").optional(),
                  FieldSpec::integer("session_idle_seconds", 60, 86400).optional(),
                  FieldSpec::integer("session_absolute_seconds", 300, 2592000).optional()}};
  FG_TRY(router.add(Route{
      .method = HttpMethod::kPatch,
      .pattern = "/api/v1/org/security",
      .operation_id = "updateOrgSecurity",
      .summary = "MFA enforcement and session lifetimes",
      .tag = "identity",
      .access = Access::permission(identity::permissions::kSecuritySettings),
      .body = sec,
      .response = responds_empty("Updated"),
      .handler = [api](RequestContext& ctx, const HttpRequest& req) { return update_security(*api, ctx, req); }}));
  return ok_status();
}

}  // namespace fg::api
