#include "audit/context_policy.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace fg::audit {
namespace {

constexpr std::array<std::string_view, 14> kDeniedKeyParts = {
    "password",      "passwd", "secret",   "token",   "private", "credential", "cookie",
    "authorization", "totp",   "recovery", "api_key", "apikey",  "session",    "master_key"};

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

bool credential_shaped(const std::string& v) {
  return v.find("fgk_") != std::string::npos || lower(v).find("bearer ") != std::string::npos ||
         v.find("-----BEGIN") != std::string::npos;
}

Status check_value(const std::string& key, const nlohmann::json& v, bool allow_array) {
  if (v.is_string() && credential_shaped(v.get<std::string>())) {
    return invalid_argument_error("audit context value looks like a credential", key);
  }
  if (v.is_object()) return invalid_argument_error("audit context must be flat", key);
  if (v.is_array()) {
    if (!allow_array) return invalid_argument_error("audit context must be flat", key);
    for (const auto& item : v) FG_TRY(check_value(key, item, false));
  }
  return ok_status();
}

}  // namespace

Status check_context(const nlohmann::json& context) {
  if (!context.is_object()) return invalid_argument_error("audit context must be a JSON object", "context");
  if (context.dump().size() > kMaxContextBytes) return invalid_argument_error("audit context is too large", "context");
  for (const auto& [key, value] : context.items()) {
    const std::string k = lower(key);
    for (std::string_view denied : kDeniedKeyParts) {
      if (k.find(denied) != std::string::npos) {
        return invalid_argument_error("audit context key is on the secret deny-list", key);
      }
    }
    FG_TRY(check_value(key, value, true));
  }
  return ok_status();
}

}  // namespace fg::audit
