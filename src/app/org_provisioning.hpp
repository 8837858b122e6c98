// Creating an organization as the product means it: the identity module's org, Owner and org.created
// entry, plus what the other modules give every org (today the jobs module's default schedules), in one
// transaction. `finguard admin bootstrap` calls it, and so will any later way of creating an org.
#pragma once

#include "identity/org_service.hpp"

namespace fg::app {

//! identity::create_org_with_owner with the jobs module's default_org_schedules() added before the
//! commit, then `also` (e.g. the caller's own audit entry): an org never exists without them, and a
//! failure leaves none of it behind.
Result<identity::CreatedOrg> provision_org(const identity::IdentityContext& ctx, const OrgScope& scope,
                                           const identity::NewOrgWithOwner& request,
                                           const identity::NewOrgSetup& also = {});

}  // namespace fg::app
