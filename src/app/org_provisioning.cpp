#include "app/org_provisioning.hpp"

#include "jobs/schedule_store.hpp"

namespace fg::app {

Result<identity::CreatedOrg> provision_org(const identity::IdentityContext& ctx, const OrgScope& scope,
                                           const identity::NewOrgWithOwner& request,
                                           const identity::NewOrgSetup& also) {
  jobs::ScheduleStore schedules(ctx.db, ctx.audit, {}, ctx.clock);
  return identity::create_org_with_owner(ctx, scope, request, [&schedules, &also](store::OrgTransaction& tx) -> Status {
    FG_TRY(schedules.create_defaults(tx));
    return also ? also(tx) : ok_status();
  });
}

}  // namespace fg::app
