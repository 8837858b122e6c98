// Small helpers shared by the identity route files: building a Route, the request's audit origin, and
// JSON responses.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "api/http/request_context.hpp"
#include "api/router/route.hpp"
#include "identity/identity_context.hpp"

namespace fg::api::identity_routes {

//! Bodies of the identity routes are small; 16 KiB bounds them.
inline constexpr std::size_t kIdentityBodyLimit = 16 * 1024;

inline Route make_route(HttpMethod method, std::string pattern, std::string operation_id, std::string summary,
                        Access access, RateClass rate_class, std::optional<BodySchema> body, Handler handler) {
  Route r;
  r.method = method;
  r.pattern = std::move(pattern);
  r.operation_id = std::move(operation_id);
  r.summary = std::move(summary);
  r.tag = "identity";
  r.access = std::move(access);
  r.rate_class = rate_class;
  r.body = std::move(body);
  // Mutations without a body schema still get a small limit: a client sending "{}" is then refused by
  // authentication (401) or input validation (400), not by the transport limit first.
  r.body_limit = (r.body || is_mutation(method)) ? kIdentityBodyLimit : kNoBody;
  r.handler = std::move(handler);
  return r;
}

//! `r`, marked as reaching the password hasher (Route::hashes_password): its handler runs off the I/O
//! threads.
inline Route hashing_password(Route r) {
  r.hashes_password = true;
  return r;
}

inline HttpResponse json_response(int status, const nlohmann::json& body) {
  HttpResponse r = HttpResponse::json_value(status, body);
  // Identity answers carry credentials or personal data: never cache them.
  r.headers.set("Cache-Control", "no-store");
  return r;
}

//! A Set-Cookie value for the session cookies (SameSite=Strict; Path=/; Secure when `secure`).
inline std::string cookie(std::string_view name, const std::string& value, bool http_only, bool secure,
                          std::int64_t max_age) {
  std::string c = std::string(name) + "=" + value + "; Path=/; SameSite=Strict; Max-Age=" + std::to_string(max_age);
  if (http_only) c += "; HttpOnly";
  if (secure) c += "; Secure";
  return c;
}

//! An ISO 8601 string, or JSON null.
inline nlohmann::json opt_ts(const std::optional<Timestamp>& t) {
  return t ? nlohmann::json(format_timestamp(*t)) : nlohmann::json(nullptr);
}

}  // namespace fg::api::identity_routes
