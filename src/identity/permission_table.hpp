// The permission table: one row per permission (the constants of permission.hpp), each held by a minimum role and every
// role above it. This table is the only source of RBAC: the API's authorization stage asks has_permission() and GET
// /api/v1/roles returns role_matrix(). Counts: Owner 35, Administrator 29, Analyst 14, Member 8, Viewer 6
// (tests/unit/identity/permission_table_test.cpp pins them).
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "identity/permission.hpp"
#include "identity/role.hpp"

namespace fg::identity {

struct PermissionRow {
  std::string_view name;         //!< "connections.create"
  Role minimum;                  //!< the lowest role that holds it
  std::string_view description;  //!< one line, for the roles matrix
};

//! Every permission, grouped by minimum role (Viewer first).
std::span<const PermissionRow> permission_table();
//! True when `role` holds `permission`. False for an unknown permission (fail closed). Thread-safe.
bool has_permission(Role role, std::string_view permission);
//! The same for a constant of permission.hpp.
bool has_permission(Role role, Permission permission);
//! The same for a role name; false for an unknown role.
bool has_permission(std::string_view role, std::string_view permission);
//! The permissions `role` holds, in table order.
std::vector<std::string_view> permissions_of(Role role);

}  // namespace fg::identity
