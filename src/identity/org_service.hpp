// Creating an organization with its first Owner (`finguard admin bootstrap`, and later sign-up).
// The org row, the user, the Owner membership and the org.created audit event commit in one
// transaction, so a failure leaves nothing half-made.
#pragma once

#include <functional>
#include <string>

#include "core/org_scope.hpp"
#include "identity/identity_context.hpp"

namespace fg::identity {

struct NewOrgWithOwner {
  std::string org_name;
  std::string owner_email;
  std::string owner_password;  //!< checked against the password policy, stored only as argon2id
  std::string owner_display_name;
};

struct CreatedOrg {
  OrgId org_id;
  std::string slug;
  UserId owner_id;
};

//! What other modules add to a new org in its creating transaction (the app wires the jobs module's
//! default schedules in: identity does not know about jobs). An error rolls the whole org back.
//! `tx` is the new org's transaction (tx.org_id() is the new org).
using NewOrgSetup = std::function<Status(store::OrgTransaction& tx)>;

//! Creates the org `scope.org_id()` (a scope from the operator factory's for_new_org), then runs
//! `setup` (if any) before the commit. invalid_argument (field "name", "email" or "password") for bad
//! input; conflict when an org with the same slug or a user with the email already exists (nothing is
//! changed then); setup's error as it is. Thread-safe.
Result<CreatedOrg> create_org_with_owner(const IdentityContext& ctx, const OrgScope& scope,
                                         const NewOrgWithOwner& request, const NewOrgSetup& setup = {});

}  // namespace fg::identity
