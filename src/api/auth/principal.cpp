#include "api/auth/principal.hpp"

namespace fg::api {

std::string_view auth_method_name(AuthMethod method) {
  switch (method) {
    case AuthMethod::kSession: return "session";
    case AuthMethod::kApiKey: return "api_key";
    case AuthMethod::kCloudflareAccess: return "cloudflare_access";
  }
  return "api_key";
}

}  // namespace fg::api
