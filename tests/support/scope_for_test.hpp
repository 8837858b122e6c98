// Test-only factory for OrgScope and PlatformReadScope. Defined only under tests/; CI's source-rules
// check fails if src/ ever defines it.
#pragma once

#include "core/org_scope.hpp"

namespace fg::testing {

class ScopeForTest {
 public:
  static OrgScope org(const OrgId& org, Actor actor = {Actor::Kind::kSystem, "test", "owner"});
  static PlatformReadScope platform(Actor actor = {Actor::Kind::kUser, "platform-admin", ""});
};

}  // namespace fg::testing
