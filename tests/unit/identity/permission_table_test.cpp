// The permission table: role counts, hierarchy, fail-closed lookups.
#include "identity/permission_table.hpp"

#include <set>
#include <string>

#include <gtest/gtest.h>

namespace fg::identity {
namespace {

TEST(PermissionTable, RoleCountsMatchTheDesign) {
  EXPECT_EQ(permissions_of(Role::kOwner).size(), 35u);
  EXPECT_EQ(permissions_of(Role::kAdministrator).size(), 29u);
  EXPECT_EQ(permissions_of(Role::kAnalyst).size(), 14u);
  EXPECT_EQ(permissions_of(Role::kMember).size(), 8u);
  EXPECT_EQ(permissions_of(Role::kViewer).size(), 6u);
}

TEST(PermissionTable, OneRowPerPermission) {
  std::set<std::string> names;
  for (const PermissionRow& row : permission_table()) EXPECT_TRUE(names.insert(std::string(row.name)).second);
}

TEST(PermissionTable, HigherRolesHoldEverythingLowerRolesHold) {
  const Role order[] = {Role::kViewer, Role::kMember, Role::kAnalyst, Role::kAdministrator, Role::kOwner};
  for (int i = 0; i + 1 < 5; ++i) {
    for (std::string_view p : permissions_of(order[i])) EXPECT_TRUE(has_permission(order[i + 1], p)) << p;
  }
}

TEST(PermissionTable, OwnerOnlyPermissions) {
  EXPECT_TRUE(has_permission(Role::kOwner, "security.settings"));
  EXPECT_FALSE(has_permission(Role::kAdministrator, "security.settings"));
  EXPECT_FALSE(has_permission(Role::kAdministrator, "billing.manage"));
  EXPECT_TRUE(has_permission(Role::kAdministrator, "users.invite"));
  EXPECT_FALSE(has_permission(Role::kViewer, "api_keys.manage"));
  EXPECT_TRUE(has_permission(Role::kViewer, "costs.read"));
}

TEST(PermissionTable, UnknownPermissionOrRoleIsDenied) {
  EXPECT_FALSE(has_permission(Role::kOwner, "everything"));
  EXPECT_FALSE(has_permission(std::string_view("root"), "costs.read"));
  EXPECT_FALSE(has_permission(std::string_view(""), "costs.read"));
  EXPECT_TRUE(has_permission(std::string_view("viewer"), "costs.read"));
}

TEST(Role, NamesRoundTripAndRank) {
  for (Role r : {Role::kOwner, Role::kAdministrator, Role::kAnalyst, Role::kMember, Role::kViewer}) {
    EXPECT_EQ(parse_role(role_name(r)), r);
  }
  EXPECT_FALSE(parse_role("Owner").has_value());
  EXPECT_TRUE(role_at_least(Role::kOwner, Role::kAdministrator));
  EXPECT_FALSE(role_at_least(Role::kMember, Role::kAnalyst));
}

}  // namespace
}  // namespace fg::identity
