#include "identity/sso/org_mapping.hpp"

#include <gtest/gtest.h>

namespace fg::identity {
namespace {

TEST(OrgMappingTest, ParsesDomainAndClaimRules) {
  Result<OrgMapping> m = OrgMapping::parse({"domain:Acme.COM=acme-corp", "claim:groups=finops=beta"});
  ASSERT_TRUE(m.ok()) << m.status().to_string();
  ASSERT_EQ(m->rules().size(), 2u);
  EXPECT_EQ(m->rules()[0].key, "acme.com");
  EXPECT_EQ(m->rules()[0].org_slug, "acme-corp");
  EXPECT_EQ(m->rules()[1].key, "groups");
  EXPECT_EQ(m->rules()[1].value, "finops");
  EXPECT_EQ(m->rules()[1].org_slug, "beta");
}

TEST(OrgMappingTest, RefusesMalformedRulesNamingTheSetting) {
  for (const std::vector<std::string>& rules : std::vector<std::vector<std::string>>{{},
                                                                                     {"acme.com=acme"},
                                                                                     {"domain:acme.com"},
                                                                                     {"domain:=acme"},
                                                                                     {"domain:acme.com="},
                                                                                     {"domain:acme=acme"},
                                                                                     {"domain:a@acme.com=acme"},
                                                                                     {"claim:groups=acme"},
                                                                                     {"claim:groups==acme"},
                                                                                     {"claim:g=v=o=x"}}) {
    Result<OrgMapping> m = OrgMapping::parse(rules);
    ASSERT_FALSE(m.ok()) << (rules.empty() ? "(empty)" : rules[0]);
    EXPECT_EQ(m.status().field(), "oidc_org_mapping");
  }
}

TEST(OrgMappingTest, MatchesExactDomainsAndClaimValues) {
  OrgMapping m = *OrgMapping::parse({"domain:acme.com=acme", "claim:groups=finops=beta", "claim:tenant=t1=acme"});
  EXPECT_EQ(m.orgs_for("ann@acme.com", nlohmann::json::object()), std::vector<std::string>{"acme"});
  EXPECT_EQ(m.orgs_for("ann@ACME.com", nlohmann::json::object()), std::vector<std::string>{"acme"});
  // A subdomain or a look-alike suffix is another domain.
  EXPECT_TRUE(m.orgs_for("ann@evil-acme.com", nlohmann::json::object()).empty());
  EXPECT_TRUE(m.orgs_for("ann@eu.acme.com", nlohmann::json::object()).empty());
  EXPECT_TRUE(m.orgs_for("acme.com@evil.test", nlohmann::json::object()).empty());
  // Claims: a string or an array of strings; other types never match.
  EXPECT_EQ(m.orgs_for("x@y.test", {{"groups", {"a", "finops"}}}), std::vector<std::string>{"beta"});
  EXPECT_EQ(m.orgs_for("x@y.test", {{"groups", "finops"}}), std::vector<std::string>{"beta"});
  EXPECT_TRUE(m.orgs_for("x@y.test", {{"groups", {{"finops", 1}}}}).empty());
  EXPECT_TRUE(m.orgs_for("x@y.test", {{"groups", "finops-admins"}}).empty());
  // Several rules naming one org give it once.
  EXPECT_EQ(m.orgs_for("ann@acme.com", {{"tenant", "t1"}, {"groups", {"finops"}}}),
            (std::vector<std::string>{"acme", "beta"}));
}

}  // namespace
}  // namespace fg::identity
