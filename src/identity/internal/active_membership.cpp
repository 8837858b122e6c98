#include "identity/internal/active_membership.hpp"

#include "store/privileged_call.hpp"

namespace fg::identity::internal {

Result<std::optional<ActiveMembership>> first_active_membership(
    store::SystemTransaction& sys, const UserId& user, const std::function<bool(std::string_view slug)>& allow_slug) {
  FG_ASSIGN_OR_RETURN(store::RowSet ms, sys.call(store::PrivilegedCall::kUserMemberships, {user}));
  FG_ASSIGN_OR_RETURN(store::RowSet active, sys.call(store::PrivilegedCall::kUserOrgPolicies, {user}));
  using Ms = store::columns::UserMemberships;
  using Policy = store::columns::UserOrgPolicies;
  for (std::size_t r = 0; r < ms.size(); ++r) {
    if (!allow_slug(ms.text(r, Ms::kSlug))) continue;
    for (std::size_t a = 0; a < active.size(); ++a) {
      if (active.text(a, Policy::kOrgId) != ms.text(r, Ms::kOrgId)) continue;
      FG_ASSIGN_OR_RETURN(OrgId org, OrgId::parse(ms.text(r, Ms::kOrgId)));
      return std::optional<ActiveMembership>(
          ActiveMembership{org, ms.text(r, Ms::kRole), active.int64(a, Policy::kRequireMfa) != 0});
    }
  }
  return std::optional<ActiveMembership>();
}

}  // namespace fg::identity::internal
