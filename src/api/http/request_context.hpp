// RequestContext: the per-request state the middleware chain fills in and the handler reads.
//
// Middleware objects are built once and shared by all threads; everything that belongs to one request
// lives here (the Envoy split between filter config and per-stream state). One context per request,
// on one thread, never shared.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "api/auth/principal.hpp"
#include "api/router/route.hpp"
#include "api/validation/validated_body.hpp"
#include "audit/origin.hpp"
#include "core/log.hpp"

namespace fg::api {

class RequestContext {
 public:
  RequestContext() = default;
  RequestContext(const RequestContext&) = delete;
  RequestContext& operator=(const RequestContext&) = delete;

  std::string request_id;  //!< set by the request-id middleware, echoed in X-Request-Id and errors
  std::string client_ip;   //!< the peer, or the client named by a trusted proxy
  std::string user_agent;  //!< the User-Agent header, at most 256 bytes
  bool secure = false;     //!< TLS here or at a trusted proxy: HSTS and Secure cookies apply
  std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();

  const Route* route = nullptr;  //!< nullptr: no route matched (404/405/static)
  PathParams params;

  std::optional<Principal> principal;  //!< set by authentication on protected routes
  std::optional<ValidatedBody> body;   //!< set by input validation when the route declares a body

  //! Keeps the request id on this thread's log lines while the request runs.
  std::optional<log::ScopedRequestId> log_scope;

  //! The verified org scope. Precondition: principal is set (the route is protected and the chain ran).
  const OrgScope& scope() const { return principal->scope; }
  //! Where this request came from, for the audit entries and sessions of what it changes: built here
  //! once, so every module records the same fields (issue 21).
  audit::Origin origin() const { return {.request_id = request_id, .source_ip = client_ip, .user_agent = user_agent}; }
  //! The path parameter `name`; empty if the route has none of that name.
  std::string_view param(std::string_view name) const;
};

}  // namespace fg::api
