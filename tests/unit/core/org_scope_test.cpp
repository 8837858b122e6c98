#include "core/org_scope.hpp"

#include <gtest/gtest.h>

#include <type_traits>

#include "support/scope_for_test.hpp"

namespace fg {
namespace {

// Misuse must not compile: no default scope, no scope from an id, no scope from a platform scope.
template <typename T>
concept DefaultConstructible = requires { T{}; };
template <typename T>
concept BuildableFromId = requires(OrgId id) { T{id}; };
template <typename T>
concept MakeableWithoutPasskey = requires(OrgId id, Actor a) { T::make({}, id, a); };

static_assert(!std::is_default_constructible_v<OrgScope>);
static_assert(!DefaultConstructible<OrgScope>);
static_assert(!BuildableFromId<OrgScope>);
static_assert(!std::is_constructible_v<OrgScope, OrgId>);
static_assert(!std::is_constructible_v<OrgScope, PlatformReadScope>);
static_assert(!std::is_constructible_v<PlatformReadScope, OrgScope>);
static_assert(!std::is_default_constructible_v<OrgScope::Passkey>);
static_assert(!MakeableWithoutPasskey<OrgScope>, "only passkey holders may build a scope");

TEST(OrgScopeTest, CarriesOrgAndActor) {
  const OrgId org = OrgId::random();
  const OrgScope s = testing::ScopeForTest::org(org, {Actor::Kind::kUser, "u1", "analyst"});
  EXPECT_EQ(s.org_id(), org);
  EXPECT_EQ(s.actor().id, "u1");
  EXPECT_EQ(s.actor().role, "analyst");
}

}  // namespace
}  // namespace fg
