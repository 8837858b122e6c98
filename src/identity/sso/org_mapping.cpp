#include "identity/sso/org_mapping.hpp"

#include <algorithm>

namespace fg::identity {
namespace {

Status bad_rule(std::string_view why) {
  return invalid_argument_error("oidc_org_mapping: " + std::string(why), "oidc_org_mapping");
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return out;
}

bool claim_holds(const nlohmann::json& claims, const std::string& name, const std::string& value) {
  auto it = claims.find(name);
  if (it == claims.end()) return false;
  if (it->is_string()) return it->get<std::string>() == value;
  if (!it->is_array()) return false;
  return std::any_of(it->begin(), it->end(),
                     [&](const nlohmann::json& v) { return v.is_string() && v.get<std::string>() == value; });
}

}  // namespace

Result<OrgMapping> OrgMapping::parse(const std::vector<std::string>& rules) {
  if (rules.empty()) return bad_rule("at least one rule is required (domain:D=ORG or claim:NAME=VALUE=ORG)");
  OrgMapping m;
  for (const std::string& text : rules) {
    OrgMappingRule r;
    std::string_view rest;
    if (text.rfind("domain:", 0) == 0) {
      r.kind = OrgMappingRule::Kind::kDomain;
      rest = std::string_view(text).substr(7);
    } else if (text.rfind("claim:", 0) == 0) {
      r.kind = OrgMappingRule::Kind::kClaim;
      rest = std::string_view(text).substr(6);
    } else {
      return bad_rule("each rule starts with domain: or claim:");
    }
    const std::size_t eq = rest.find('=');
    if (eq == std::string_view::npos || eq == 0) return bad_rule("a rule needs KEY=ORG");
    r.key = std::string(rest.substr(0, eq));
    std::string_view tail = rest.substr(eq + 1);
    if (r.kind == OrgMappingRule::Kind::kClaim) {
      const std::size_t eq2 = tail.find('=');
      if (eq2 == std::string_view::npos || eq2 == 0) return bad_rule("a claim rule is claim:NAME=VALUE=ORG");
      r.value = std::string(tail.substr(0, eq2));
      tail = tail.substr(eq2 + 1);
    } else {
      r.key = lower(r.key);
      if (r.key.find('@') != std::string::npos || r.key.find('.') == std::string::npos) {
        return bad_rule("a domain rule names a domain such as acme.com");
      }
    }
    if (tail.empty() || tail.find('=') != std::string_view::npos) return bad_rule("a rule ends with one org slug");
    r.org_slug = std::string(tail);
    m.rules_.push_back(std::move(r));
  }
  return m;
}

std::vector<std::string> OrgMapping::orgs_for(std::string_view email, const nlohmann::json& claims) const {
  std::vector<std::string> out;
  const std::size_t at = email.rfind('@');
  const std::string domain = at == std::string_view::npos ? std::string() : lower(email.substr(at + 1));
  for (const OrgMappingRule& r : rules_) {
    // Exact domain only: a subdomain or a look-alike suffix ("evilacme.com") is a different domain.
    const bool match = r.kind == OrgMappingRule::Kind::kDomain ? (!domain.empty() && domain == r.key)
                                                               : claim_holds(claims, r.key, r.value);
    if (match && std::find(out.begin(), out.end(), r.org_slug) == out.end()) out.push_back(r.org_slug);
  }
  return out;
}

}  // namespace fg::identity
