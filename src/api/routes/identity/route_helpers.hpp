// Small helpers shared by the identity route files: JSON responses and optional timestamps.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "api/http/request_context.hpp"
#include "api/router/route.hpp"
#include "identity/identity_context.hpp"

namespace fg::api::identity_routes {

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
