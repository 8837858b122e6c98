// JobScopeFactory: the worker's OrgScope factory (one of the three passkey holders of core/org_scope.hpp).
//
// A worker acts for an org only because the queue handed it a job of that org: the scope is built from
// the claimed row (or, for the scheduler, from a due schedule row), never from an id someone typed.
// The actor is the worker itself (Actor::Kind::kWorker, "worker:<worker id>"), so audit entries written
// by a job name the worker that ran it.
#pragma once

#include <string>

#include "core/org_scope.hpp"
#include "jobs/job.hpp"

namespace fg::worker {

class JobScopeFactory {
 public:
  explicit JobScopeFactory(std::string worker_id) : worker_id_(std::move(worker_id)) {}

  //! The scope of a job this worker claimed. Precondition: job.worker_id is this worker's id (the
  //! claim set it); checked, since a scope for someone else's job would be a bug worth stopping.
  OrgScope for_claimed_job(const jobs::Job& job) const;
  //! The scope of a due schedule's org, for the scheduler lease holder firing it.
  OrgScope for_due_schedule(const OrgId& schedule_org) const;

  const std::string& worker_id() const { return worker_id_; }

 private:
  Actor actor() const { return {Actor::Kind::kWorker, "worker:" + worker_id_, ""}; }
  std::string worker_id_;
};

}  // namespace fg::worker
