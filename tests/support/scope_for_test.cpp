#include "support/scope_for_test.hpp"

namespace fg::testing {

OrgScope ScopeForTest::org(const OrgId& org, Actor actor) {
  return OrgScope::make({}, org, std::move(actor));
}

PlatformReadScope ScopeForTest::platform(Actor actor) {
  return PlatformReadScope::make({}, std::move(actor));
}

}  // namespace fg::testing
