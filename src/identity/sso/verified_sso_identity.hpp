// VerifiedSsoIdentity: an email address that a single sign-on verifier has proven (an OIDC ID token or a
// Cloudflare Access assertion, signature and claims checked). Only those verifiers can make one, so
// the Authenticator's SSO entry points cannot be fed an unverified address.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace fg::identity {

enum class SsoMethod { kOidc, kCloudflareAccess };

//! "oidc" or "cloudflare_access" (audit context).
inline std::string_view sso_method_name(SsoMethod m) {
  return m == SsoMethod::kOidc ? "oidc" : "cloudflare_access";
}

class VerifiedSsoIdentity {
 public:
  //! Lower-case email, verified by the identity provider.
  const std::string& email() const { return email_; }
  SsoMethod method() const { return method_; }
  //! The org slugs the provider's mapping allows (OIDC); empty means any org the user belongs to.
  const std::vector<std::string>& org_slugs() const { return org_slugs_; }

 private:
  friend class OidcLogin;
  friend class CloudflareAccess;
  VerifiedSsoIdentity(std::string email, SsoMethod method, std::vector<std::string> org_slugs)
      : email_(std::move(email)), method_(method), org_slugs_(std::move(org_slugs)) {}

  std::string email_;
  SsoMethod method_;
  std::vector<std::string> org_slugs_;
};

}  // namespace fg::identity
