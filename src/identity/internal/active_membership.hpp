// Which org a sign-in lands in: the user's first membership, by org slug, in an org whose policy row
// says it is active, among the slugs the caller allows. Password login allows the slug it was asked
// for (or any); SSO allows the slugs its identity provider's claim names (or any). One rule for both,
// so they cannot drift apart on which org a user is let into.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "core/uuid.hpp"
#include "store/transaction.hpp"

namespace fg::identity::internal {

struct ActiveMembership {
  OrgId org;
  std::string role;               //!< the membership's role name
  bool org_requires_mfa = false;  //!< the org's policy
};

//! Reads the memberships and org policies of `user` inside `sys` (privileged calls kUserMemberships
//! and kUserOrgPolicies; memberships come ordered by slug, so the choice is stable). nullopt when no
//! membership of an active org passes `allow_slug`.
Result<std::optional<ActiveMembership>> first_active_membership(
    store::SystemTransaction& sys, const UserId& user, const std::function<bool(std::string_view slug)>& allow_slug);

}  // namespace fg::identity::internal
