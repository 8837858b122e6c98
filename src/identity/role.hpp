// Role: the five roles of an org membership, ranked. A role's permissions are the rows of the
// permission table (permission_table.hpp) whose minimum role it reaches.
#pragma once

#include <optional>
#include <string_view>

namespace fg::identity {

//! Highest first. Owner > Administrator > Analyst > Member > Viewer.
enum class Role { kOwner, kAdministrator, kAnalyst, kMember, kViewer };

//! "owner", "administrator", "analyst", "member", "viewer".
std::string_view role_name(Role role);
//! The role of a wire name; nullopt for anything else (case-sensitive).
std::optional<Role> parse_role(std::string_view name);
//! 5 for Owner down to 1 for Viewer.
int role_rank(Role role);
//! True when `role` is `other` or above it.
bool role_at_least(Role role, Role other);

}  // namespace fg::identity
