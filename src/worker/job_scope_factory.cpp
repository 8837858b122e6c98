#include "worker/job_scope_factory.hpp"

#include "core/assert.hpp"

namespace fg::worker {

OrgScope JobScopeFactory::for_claimed_job(const jobs::Job& job) const {
  // The queue only hands out rows it just marked running for this worker id.
  FG_CHECK(job.worker_id == worker_id_ && job.status == jobs::JobStatus::kRunning);
  return OrgScope::make(OrgScope::Passkey(), job.org_id, actor());
}

OrgScope JobScopeFactory::for_due_schedule(const OrgId& schedule_org) const {
  return OrgScope::make(OrgScope::Passkey(), schedule_org, actor());
}

}  // namespace fg::worker
