#include "identity/role.hpp"

namespace fg::identity {

std::string_view role_name(Role role) {
  switch (role) {
    case Role::kOwner: return "owner";
    case Role::kAdministrator: return "administrator";
    case Role::kAnalyst: return "analyst";
    case Role::kMember: return "member";
    case Role::kViewer: return "viewer";
  }
  return "viewer";
}

std::optional<Role> parse_role(std::string_view name) {
  for (Role r : {Role::kOwner, Role::kAdministrator, Role::kAnalyst, Role::kMember, Role::kViewer}) {
    if (role_name(r) == name) return r;
  }
  return std::nullopt;
}

int role_rank(Role role) {
  switch (role) {
    case Role::kOwner: return 5;
    case Role::kAdministrator: return 4;
    case Role::kAnalyst: return 3;
    case Role::kMember: return 2;
    case Role::kViewer: return 1;
  }
  return 0;
}

bool role_at_least(Role role, Role other) {
  return role_rank(role) >= role_rank(other);
}

}  // namespace fg::identity
