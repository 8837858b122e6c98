// HandlerTable: job kind -> handler. The worker claims only the kinds in its table, so a worker built
// without the vault (no private key) never claims a job that needs one. The table is filled in one
// place, src/app/job_handlers.cpp.
//
// Handler contract: return OK when done (the job succeeds); a Status otherwise. invalid_argument,
// not_found and permission_denied are permanent (the job goes to `dead` at once); any other code is a
// transient failure, retried with back-off when the kind is idempotent. Handlers must be thread-safe
// (several workers threads run them) and must not throw (a throw is caught and counts as internal).
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "jobs/job_kind.hpp"
#include "worker/job_context.hpp"

namespace fg::worker {

using JobHandler = std::function<Status(JobContext&)>;

class HandlerTable {
 public:
  //! Registers `kind`. conflict when the kind is already registered.
  Status add(const jobs::JobKind& kind, JobHandler handler);
  //! nullptr for an unknown kind.
  const JobHandler* find(std::string_view kind) const;
  //! The registered kind names, sorted.
  std::vector<std::string> kinds() const;
  bool empty() const { return handlers_.empty(); }

 private:
  std::map<std::string, JobHandler, std::less<>> handlers_;
};

//! True for the codes that make a failure permanent (see above).
bool is_permanent_failure(const Status& status);

}  // namespace fg::worker
