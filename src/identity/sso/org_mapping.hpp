// OrgMapping: which finguard orgs an OIDC sign-in may enter, from the verified email's domain or a
// claim of the ID token (setting oidc_org_mapping). The user must also already be an active member
// of a mapped org: the mapping limits what the identity provider is trusted for, it never creates
// memberships.
//
//   domain:acme.com=acme-corp            email ...@acme.com may enter org acme-corp
//   claim:groups=finops=acme-corp        the "groups" claim (string or array) holding "finops" may too
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.hpp"

namespace fg::identity {

struct OrgMappingRule {
  enum class Kind { kDomain, kClaim };
  Kind kind = Kind::kDomain;
  std::string key;    //!< the email domain (lower case) or the claim name
  std::string value;  //!< the claim value (claim rules only)
  std::string org_slug;
};

class OrgMapping {
 public:
  //! invalid_argument (field "oidc_org_mapping") for an empty list or a malformed rule.
  static Result<OrgMapping> parse(const std::vector<std::string>& rules);

  //! The org slugs `email` (already verified, lower case) and `claims` map to, without duplicates;
  //! empty when nothing matches.
  std::vector<std::string> orgs_for(std::string_view email, const nlohmann::json& claims) const;

  const std::vector<OrgMappingRule>& rules() const { return rules_; }

 private:
  std::vector<OrgMappingRule> rules_;
};

}  // namespace fg::identity
