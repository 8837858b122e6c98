// Members of the org: list, change a role, deactivate, invite (and list and revoke pending invitations),
// reset MFA, unlock a locked second factor, issue a password reset link.
#include "api/routes/identity/identity_api.hpp"
#include "api/routes/identity/route_helpers.hpp"
#include "api/routes/identity/route_sets.hpp"
#include "identity/password_reset.hpp"

namespace fg::api {
namespace {

using identity_routes::json_response;
namespace sc = schema;

const std::vector<std::string> kRoles = {"owner", "administrator", "analyst", "member", "viewer"};

Result<HttpResponse> list_users(IdentityApi& api, RequestContext& ctx) {
  FG_ASSIGN_OR_RETURN(std::vector<identity::MemberInfo> members, api.members.list(ctx.scope()));
  nlohmann::json items = nlohmann::json::array();
  for (const identity::MemberInfo& m : members) {
    items.push_back({{"id", m.user_id},
                     {"email", m.email},
                     {"display_name", m.display_name},
                     {"role", m.role},
                     {"active", m.active},
                     {"mfa_enabled", m.mfa_enabled},
                     {"email_verified", m.email_verified},
                     {"mfa_locked_until", m.mfa_locked_until ? nlohmann::json(format_timestamp(*m.mfa_locked_until))
                                                             : nlohmann::json(nullptr)},
                     {"joined_at", format_timestamp(m.joined_at)}});
  }
  return json_response(200, {{"users", items}});
}

Result<HttpResponse> list_invitations(IdentityApi& api, RequestContext& ctx) {
  FG_ASSIGN_OR_RETURN(std::vector<identity::PendingInvitation> pending, api.members.list_invitations(ctx.scope()));
  nlohmann::json items = nlohmann::json::array();
  for (const identity::PendingInvitation& i : pending) {
    items.push_back({{"id", i.id},
                     {"email", i.email},
                     {"role", i.role},
                     {"invited_by", i.invited_by_email.empty() ? i.invited_by : i.invited_by_email},
                     {"invited_by_id", i.invited_by},
                     {"created_at", format_timestamp(i.created_at)},
                     {"expires_at", format_timestamp(i.expires_at)}});
  }
  return json_response(200, {{"invitations", items}});
}

}  // namespace

Status add_member_routes(Router& router, const std::shared_ptr<IdentityApi>& api) {
  FG_TRY(router.add(Route{
      .pattern = "/api/v1/users",
      .operation_id = "listUsers",
      .summary = "Members of the organization",
      .tag = "identity",
      .access = Access::permission(identity::permissions::kUsersRead),
      .response =
          responds(200, sc::object({{"users", sc::array(sc::object({{"id", sc::uuid()},
                                                                    {"email", sc::string()},
                                                                    {"display_name", sc::string()},
                                                                    {"role", sc::string()},
                                                                    {"active", sc::boolean()},
                                                                    {"mfa_enabled", sc::boolean()},
                                                                    {"email_verified", sc::boolean()},
                                                                    {"mfa_locked_until", sc::nullable(sc::date_time())},
                                                                    {"joined_at", sc::date_time()}}))}})),
      .handler = [api](RequestContext& ctx, const HttpRequest&) { return list_users(*api, ctx); }}));
  BodySchema role{{FieldSpec::enumeration("role", kRoles)}};
  FG_TRY(router.add(Route{.method = HttpMethod::kPatch,
                          .pattern = "/api/v1/users/{id}",
                          .operation_id = "updateUserRole",
                          .summary = "Change a member's role (at most yours; never the last Owner)",
                          .tag = "identity",
                          .access = Access::permission(identity::permissions::kUsersUpdateRole),
                          .body = role,
                          .response = responds_empty("The role is changed"),
                          .handler = [api](RequestContext& ctx, const HttpRequest& req) -> Result<HttpResponse> {
                            FG_TRY(api->members.change_role(ctx.scope(), std::string(ctx.param("id")),
                                                            *identity::parse_role(ctx.body->string("role")),
                                                            ctx.origin()));
                            return HttpResponse::empty(204);
                          }}));
  FG_TRY(router.add(Route{.method = HttpMethod::kPost,
                          .pattern = "/api/v1/users/{id}/deactivate",
                          .operation_id = "deactivateUser",
                          .summary = "Deactivate a member: ends their sessions and revokes their API keys",
                          .tag = "identity",
                          .access = Access::permission(identity::permissions::kUsersDeactivate),
                          .response = responds_empty("Deactivated"),
                          .handler = [api](RequestContext& ctx, const HttpRequest& req) -> Result<HttpResponse> {
                            FG_TRY(api->members.deactivate(ctx.scope(), std::string(ctx.param("id")), ctx.origin()));
                            return HttpResponse::empty(204);
                          }}));
  FG_TRY(router.add(
      Route{.method = HttpMethod::kPost,
            .pattern = "/api/v1/users/{id}/mfa/reset",
            .operation_id = "resetUserMfa",
            .summary = "Reset the MFA of a member ranked below you (members of this org only; signed-in users only)",
            .tag = "identity",
            .access = Access::permission(identity::permissions::kUsersResetMfa),
            .response = responds_empty("The member's second factor is removed"),
            .handler = [api](RequestContext& ctx, const HttpRequest& req) -> Result<HttpResponse> {
              FG_TRY(api->members.reset_mfa(ctx.scope(), std::string(ctx.param("id")), ctx.origin()));
              return HttpResponse::empty(204);
            }}));
  FG_TRY(router.add(Route{
      .method = HttpMethod::kPost,
      .pattern = "/api/v1/users/{id}/mfa/unlock",
      .operation_id = "unlockUserMfa",
      .summary =
          "End the lock on a member's second factor after wrong codes (Owners; members of this org only; signed-in "
          "users only)",
      .tag = "identity",
      .access = Access::permission(identity::permissions::kSecuritySettings),
      .response = responds_empty("The second factor is unlocked"),
      .handler = [api](RequestContext& ctx, const HttpRequest& req) -> Result<HttpResponse> {
        FG_TRY(api->members.unlock_mfa(ctx.scope(), std::string(ctx.param("id")), ctx.origin()));
        return HttpResponse::empty(204);
      }}));
  FG_TRY(router.add(Route{
      .method = HttpMethod::kPost,
      .pattern = "/api/v1/users/{id}/password-reset",
      .operation_id = "issuePasswordReset",
      .summary =
          "Issue a single-use password reset link for a member ranked below you (signed-in users only); the link goes "
          "to the user, never in this response (until mail exists the operator prints it: finguard admin "
          "reset-password)",
      .tag = "identity",
      .access = Access::permission(identity::permissions::kUsersResetPassword),
      .response = responds(
          202, sc::object({{"status", sc::enumeration({"issued"})}, {"delivery", sc::enumeration({"operator"})}}),
          "Issued; the link goes to the member"),
      .handler = [api](RequestContext& ctx, const HttpRequest& req) -> Result<HttpResponse> {
        // The token is discarded here on purpose: returning it let an Administrator sign in as a peer.
        FG_TRY(identity::issue_password_reset_for_member(api->context, ctx.scope(), std::string(ctx.param("id")),
                                                         ctx.origin()));
        return json_response(202, {{"status", "issued"}, {"delivery", "operator"}});
      }}));
  BodySchema invite{{FieldSpec::email("email"), FieldSpec::enumeration("role", kRoles)}};
  FG_TRY(router.add(Route{
      .method = HttpMethod::kPost,
      .pattern = "/api/v1/invitations",
      .operation_id = "createInvitation",
      .summary = "Invite by email with a role (at most yours); returns a single-use link",
      .tag = "identity",
      .access = Access::permission(identity::permissions::kUsersInvite),
      .body = invite,
      .response = responds(
          201,
          sc::object(
              {{"id", sc::uuid()}, {"token", sc::string()}, {"link", sc::string()}, {"expires_at", sc::date_time()}}),
          "Invited; the link is shown once"),
      .handler = [api](RequestContext& ctx, const HttpRequest& req) -> Result<HttpResponse> {
        FG_ASSIGN_OR_RETURN(identity::IssuedInvitation inv,
                            api->members.invite(ctx.scope(), ctx.body->string("email"),
                                                *identity::parse_role(ctx.body->string("role")), ctx.origin()));
        return json_response(201, {{"id", inv.id},
                                   {"token", inv.token},
                                   {"link", "/accept-invitation#token=" + inv.token},
                                   {"expires_at", format_timestamp(inv.expires_at)}});
      }}));
  FG_TRY(router.add(
      Route{.pattern = "/api/v1/invitations",
            .operation_id = "listInvitations",
            .summary = "Pending invitations (email, role, inviter, expiry; never the link)",
            .tag = "identity",
            .access = Access::permission(identity::permissions::kUsersInvite),
            .response =
                responds(200, sc::object({{"invitations", sc::array(sc::object({{"id", sc::uuid()},
                                                                                {"email", sc::string()},
                                                                                {"role", sc::string()},
                                                                                {"invited_by", sc::string()},
                                                                                {"invited_by_id", sc::string()},
                                                                                {"created_at", sc::date_time()},
                                                                                {"expires_at", sc::date_time()}}))}})),
            .handler = [api](RequestContext& ctx, const HttpRequest&) { return list_invitations(*api, ctx); }}));
  FG_TRY(router.add(Route{.method = HttpMethod::kDelete,
                          .pattern = "/api/v1/invitations/{id}",
                          .operation_id = "revokeInvitation",
                          .summary = "Revoke a pending invitation (to a role at most yours)",
                          .tag = "identity",
                          .access = Access::permission(identity::permissions::kUsersInvite),
                          .response = responds_empty("Revoked"),
                          .handler = [api](RequestContext& ctx, const HttpRequest& req) -> Result<HttpResponse> {
                            FG_TRY(api->members.revoke_invitation(ctx.scope(), std::string(ctx.param("id")),
                                                                  ctx.origin()));
                            return HttpResponse::empty(204);
                          }}));
  return ok_status();
}

Status add_identity_routes(Router& router, std::shared_ptr<IdentityApi> api) {
  FG_TRY(add_auth_routes(router, api));
  FG_TRY(add_account_routes(router, api));
  FG_TRY(add_sso_routes(router, api));
  FG_TRY(add_sign_in_method_routes(router, api));
  return add_member_routes(router, api);
}

}  // namespace fg::api
