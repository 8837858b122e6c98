// Route: one operation of the API: method, path pattern, who may call it, how much body it takes,
// its rate class and its handler. The route table is the single source of the router, the limits,
// the authorization check and the OpenAPI document.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "api/http/http_request.hpp"
#include "api/http/http_response.hpp"
#include "api/openapi/response_schema.hpp"
#include "api/router/body_sink.hpp"
#include "api/validation/body_schema.hpp"
#include "api/validation/query_schema.hpp"
#include "core/result.hpp"
#include "identity/permission.hpp"

namespace fg::api {

class RequestContext;

//! Which token buckets a request draws from (CORRECTIONS.md: "route classes").
enum class RateClass {
  kAuth,      //!< login, password reset, MFA: the strictest bucket
  kMutation,  //!< anything that changes state
  kRead,      //!< reads
  kExempt,    //!< health probes and the OpenAPI document: never limited
  kByMethod,  //!< a Route's default: Router::add makes it kRead for GET and kMutation otherwise
};
std::string_view rate_class_name(RateClass rate_class);

//! Who may call a route.
class Access {
 public:
  enum class Kind { kPublic, kAuthenticated, kPermission };

  //! Anyone, no credentials (health, login, the OpenAPI document): `security: []` in OpenAPI.
  static Access public_route() { return Access(Kind::kPublic, {}); }
  //! Any authenticated principal, whatever its role (e.g. GET /api/v1/me).
  static Access authenticated() { return Access(Kind::kAuthenticated, {}); }
  //! A principal whose role holds `permission` (identity::permissions::kAuditRead) in identity's
  //! permission table. A constant, so a misspelt name does not compile.
  static Access permission(identity::Permission permission) {
    return Access(Kind::kPermission, std::string(permission.name()));
  }

  Kind kind() const { return kind_; }
  bool is_public() const { return kind_ == Kind::kPublic; }
  //! Empty unless kind() == kPermission.
  const std::string& permission_name() const { return permission_; }

 private:
  Access(Kind kind, std::string permission) : kind_(kind), permission_(std::move(permission)) {}
  Kind kind_;
  std::string permission_;
};

//! A handler answers a request that passed the whole chain. Its failures are Status values; only the
//! API tier turns them into HTTP (errors/error_response.hpp). It may throw nothing on purpose, but a
//! stray exception is caught at the boundary and answered 500.
using Handler = std::function<Result<HttpResponse>(RequestContext& ctx, const HttpRequest& req)>;

//! Body limits (named, as STYLE rule 5 asks).
inline constexpr std::size_t kNoBody = 0;
//! What Router::add gives a route with a JSON body and no limit of its own: bodies here are a few fields.
inline constexpr std::size_t kDefaultJsonBodyLimit = 16 * 1024;

//! One route, declared with designated initializers (the one way to declare a route, issue 21):
//!   router.add(Route{.method = HttpMethod::kPost, .pattern = "/api/v1/jobs/{id}/retry",
//!                    .operation_id = "retryJob", .summary = "...", .tag = "jobs",
//!                    .access = Access::permission(identity::permissions::kJobsManage),
//!                    .handler = ...});
//! Router::add fills in what follows from the rest: the rate class from the method, and the body limit
//! of a route with a JSON body. A route without a body reads at most kNoBodyRouteAllowance, so a
//! client's stray "{}" reaches authentication instead of a 413.
struct Route {
  HttpMethod method = HttpMethod::kGet;
  std::string pattern;       //!< "/api/v1/connections/{id}"; a segment "{name}" captures one segment
  std::string operation_id;  //!< unique, camelCase: "getConnection"
  std::string summary;
  std::string tag;  //!< OpenAPI grouping: "auth", "system", ...
  Access access = Access::public_route();
  std::size_t body_limit = kNoBody;  //!< kNoBody: kDefaultJsonBodyLimit when `body` is set, else none
  RateClass rate_class = RateClass::kByMethod;
  //! The query parameters the route takes; empty means none (any parameter is then a 400).
  QuerySchema query;
  //! The JSON body the route takes; nullopt means none (a body other than whitespace or `{}`, which
  //! clients send for a bodiless POST, is then refused).
  std::optional<BodySchema> body;
  //! A raw (non-JSON) body the handler reads itself, e.g. an upload: its accepted media types. When
  //! non-empty (and `body` is nullopt), input validation answers 415 for any other Content-Type and
  //! lets the body through; the handler checks the content.
  std::vector<std::string> raw_body_types;
  //! The handler hashes or verifies a password (argon2id: tens of ms of a core). Such a handler runs
  //! on the server's offload threads after the chain passed on the I/O thread; when their queue is
  //! full the request is answered 429 at once (issue 20). Every route that reaches the password
  //! hasher must set it.
  bool hashes_password = false;
  //! What the route answers on success (openapi/response_schema.hpp): in the OpenAPI document, and
  //! checked against real answers by the integration tests. Every route of the product declares one.
  std::optional<ResponseSpec> response;
  //! The answer to a buffered request (the body read whole, up to body_limit).
  Handler handler;
  //! Instead of `handler`, for a raw body too large to buffer: the body is streamed to this sink in
  //! bounded pieces (body_sink.hpp), after the chain passed on the header alone. Needs raw_body_types.
  BodySinkFactory body_sink;
};

//! Captured path parameters by name ("id" -> "5f0c...").
using PathParams = std::map<std::string, std::string, std::less<>>;

}  // namespace fg::api
