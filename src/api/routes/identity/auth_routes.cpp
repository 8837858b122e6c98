// Sign-in routes: login, logout, the user's sessions, invitation acceptance and password reset.
#include "api/routes/identity/identity_api.hpp"
#include "api/routes/identity/route_helpers.hpp"
#include "api/routes/identity/route_sets.hpp"

namespace fg::api {
namespace {

using identity_routes::cookie;
using identity_routes::json_response;
namespace sc = schema;

Result<HttpResponse> login(IdentityApi& api, RequestContext& ctx, const HttpRequest& req) {
  const ValidatedBody& b = *ctx.body;
  identity::LoginRequest r{b.string("email"), b.string("password"), b.optional_string("totp_code"),
                           b.optional_string("org")};
  FG_ASSIGN_OR_RETURN(identity::IssuedSession s, api.authenticator.login(r, ctx.origin()));
  const std::int64_t max_age = std::max<std::int64_t>(0, s.expires_at.seconds() - api.context.clock.now().seconds());
  HttpResponse resp = json_response(200, {{"user_id", s.user_id.to_string()},
                                          {"org_id", s.org_id.to_string()},
                                          {"role", s.role},
                                          {"session_id", s.session_id},
                                          {"csrf_token", s.csrf_token},
                                          {"expires_at", format_timestamp(s.expires_at)}});
  resp.headers.add("Set-Cookie", cookie(session_cookie_name(ctx.secure), s.token, true, ctx.secure, max_age));
  resp.headers.add("Set-Cookie", cookie(csrf_cookie_name(ctx.secure), s.csrf_token, false, ctx.secure, max_age));
  return resp;
}

HttpResponse cleared_cookies(bool secure) {
  HttpResponse resp = HttpResponse::empty(204);
  resp.headers.add("Set-Cookie", cookie(session_cookie_name(secure), "", true, secure, 0));
  resp.headers.add("Set-Cookie", cookie(csrf_cookie_name(secure), "", false, secure, 0));
  return resp;
}

Result<HttpResponse> logout(IdentityApi& api, RequestContext& ctx, const HttpRequest& req) {
  if (ctx.principal->method != AuthMethod::kSession) return invalid_argument_error("logout ends a session");
  std::optional<std::string> token = cookie_value(req, session_cookie_name(ctx.secure));
  FG_ASSIGN_OR_RETURN(std::string id, api.sessions.id_of_token(ctx.scope(), token.value_or("")));
  FG_TRY(api.sessions.logout(ctx.scope(), id, ctx.origin()));
  return cleared_cookies(ctx.secure);
}

Result<HttpResponse> list_sessions(IdentityApi& api, RequestContext& ctx, const HttpRequest& req) {
  std::string current;
  if (std::optional<std::string> token = cookie_value(req, session_cookie_name(ctx.secure))) {
    current = api.sessions.id_of_token(ctx.scope(), *token).value_or("");
  }
  FG_ASSIGN_OR_RETURN(std::vector<identity::SessionInfo> list, api.sessions.list(ctx.scope(), current));
  nlohmann::json items = nlohmann::json::array();
  for (const identity::SessionInfo& s : list) {
    items.push_back({{"id", s.id},
                     {"created_at", format_timestamp(s.created_at)},
                     {"last_seen_at", format_timestamp(s.last_seen_at)},
                     {"expires_at", format_timestamp(s.expires_at)},
                     {"ip", s.ip},
                     {"user_agent", s.user_agent},
                     {"current", s.current}});
  }
  return json_response(200, {{"sessions", items}});
}

}  // namespace

Status add_auth_routes(Router& router, const std::shared_ptr<IdentityApi>& api) {
  BodySchema login_body{{FieldSpec::email("email"), FieldSpec::string("password").min(1).max(1024),
                         FieldSpec::string("totp_code").optional().max(64),
                         FieldSpec::string("org").optional().max(63)}};
  FG_TRY(router.add(
      Route{.method = HttpMethod::kPost,
            .pattern = "/api/v1/auth/login",
            .operation_id = "login",
            .summary = "Sign in with email and password (and a TOTP or recovery code)",
            .tag = "identity",
            .access = Access::public_route(),
            .rate_class = RateClass::kAuth,
            .body = login_body,
            .hashes_password = true,
            .response = responds(200,
                                 sc::object({{"user_id", sc::uuid()},
                                             {"org_id", sc::uuid()},
                                             {"role", sc::string()},
                                             {"session_id", sc::string()},
                                             {"csrf_token", sc::string()},
                                             {"expires_at", sc::date_time()}}),
                                 "Signed in; the session and CSRF cookies are set"),
            .handler = [api](RequestContext& ctx, const HttpRequest& req) { return login(*api, ctx, req); }}));
  FG_TRY(router.add(
      Route{.method = HttpMethod::kPost,
            .pattern = "/api/v1/auth/logout",
            .operation_id = "logout",
            .summary = "End the current session",
            .tag = "identity",
            .access = Access::authenticated(),
            .response = responds_empty("Signed out; the cookies are cleared"),
            .handler = [api](RequestContext& ctx, const HttpRequest& req) { return logout(*api, ctx, req); }}));
  FG_TRY(router.add(
      Route{.pattern = "/api/v1/auth/sessions",
            .operation_id = "listSessions",
            .summary = "The signed-in user's active sessions",
            .tag = "identity",
            .access = Access::authenticated(),
            .response = responds(200, sc::object({{"sessions", sc::array(sc::object({{"id", sc::string()},
                                                                                     {"created_at", sc::date_time()},
                                                                                     {"last_seen_at", sc::date_time()},
                                                                                     {"expires_at", sc::date_time()},
                                                                                     {"ip", sc::string()},
                                                                                     {"user_agent", sc::string()},
                                                                                     {"current", sc::boolean()}}))}})),
            .handler = [api](RequestContext& ctx, const HttpRequest& req) { return list_sessions(*api, ctx, req); }}));
  FG_TRY(router.add(Route{.method = HttpMethod::kDelete,
                          .pattern = "/api/v1/auth/sessions/{id}",
                          .operation_id = "revokeSession",
                          .summary = "Revoke one of the user's sessions",
                          .tag = "identity",
                          .access = Access::authenticated(),
                          .response = responds_empty("Revoked"),
                          .handler = [api](RequestContext& ctx, const HttpRequest& req) -> Result<HttpResponse> {
                            FG_TRY(api->sessions.revoke(ctx.scope(), std::string(ctx.param("id")), ctx.origin()));
                            return HttpResponse::empty(204);
                          }}));
  BodySchema reset_body{{FieldSpec::string("token").min(1).max(128), FieldSpec::string("password").min(1).max(1024)}};
  FG_TRY(
      router.add(Route{.method = HttpMethod::kPost,
                       .pattern = "/api/v1/auth/password-reset",
                       .operation_id = "completePasswordReset",
                       .summary = "Set a new password with a single-use reset token",
                       .tag = "identity",
                       .access = Access::public_route(),
                       .rate_class = RateClass::kAuth,
                       .body = reset_body,
                       .hashes_password = true,
                       .response = responds_empty("The password is set; the user's sessions and API keys are revoked"),
                       .handler = [api](RequestContext& ctx, const HttpRequest& req) -> Result<HttpResponse> {
                         FG_TRY(api->authenticator.complete_password_reset(ctx.body->string("token"),
                                                                           ctx.body->string("password"), ctx.origin()));
                         return HttpResponse::empty(204);
                       }}));
  BodySchema accept_body{{FieldSpec::string("token").min(1).max(128), FieldSpec::string("password").min(1).max(1024),
                          FieldSpec::string("display_name").optional().max(100)}};
  FG_TRY(router.add(Route{
      .method = HttpMethod::kPost,
      .pattern = "/api/v1/invitations/accept",
      .operation_id = "acceptInvitation",
      .summary = "Accept an invitation without a session: a new email gets its account with this password; an existing "
                 "account is left as it is and joins once signed in (joinInvitation). Both answer 202 alike.",
      .tag = "identity",
      .access = Access::public_route(),
      .rate_class = RateClass::kAuth,
      .body = accept_body,
      .hashes_password = true,
      .response = responds(202, sc::object({{"next", sc::enumeration({"sign_in"})}}), "Accepted; sign in next"),
      .handler = [api](RequestContext& ctx, const HttpRequest& req) -> Result<HttpResponse> {
        FG_TRY(api->authenticator.accept_invitation(ctx.body->string("token"), ctx.body->string("password"),
                                                    ctx.body->optional_string("display_name").value_or(""),
                                                    ctx.origin()));
        // One answer for new and existing emails (issue 20 item 3): which it was is not the caller's to
        // learn.
        return json_response(202, {{"next", "sign_in"}});
      }}));
  BodySchema join_body{{FieldSpec::string("token").min(1).max(128)}};
  FG_TRY(router.add(Route{
      .method = HttpMethod::kPost,
      .pattern = "/api/v1/invitations/join",
      .operation_id = "joinInvitation",
      .summary = "Accept an invitation as the signed-in user (the invitation's email must be yours; sessions only)",
      .tag = "identity",
      .access = Access::authenticated(),
      .rate_class = RateClass::kAuth,
      .body = join_body,
      .response =
          responds(201, sc::object({{"org_id", sc::uuid()}, {"org_slug", sc::string()}, {"role", sc::string()}}),
                   "Joined (200 when already a member by this invitation)")
              .or_status(200),
      .handler = [api](RequestContext& ctx, const HttpRequest& req) -> Result<HttpResponse> {
        // The session proves the password; an API key proves nothing about the person.
        if (ctx.principal->method != AuthMethod::kSession) {
          return permission_denied_error("only a signed-in user can accept an invitation");
        }
        FG_ASSIGN_OR_RETURN(UserId user, UserId::parse(ctx.scope().actor().id));
        FG_ASSIGN_OR_RETURN(identity::JoinedOrg joined,
                            api->authenticator.join_invitation(user, ctx.body->string("token"), ctx.origin()));
        return json_response(
            joined.newly_joined ? 201 : 200,
            {{"org_id", joined.org_id.to_string()}, {"org_slug", joined.org_slug}, {"role", joined.role}});
      }}));
  return ok_status();
}

}  // namespace fg::api
