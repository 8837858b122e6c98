// JobContext: what a job handler gets: the claimed job, the org scope it runs in, the store, and a way
// to learn that it should stop at the next safe point (worker shutdown, or its lease was lost).
//
// A handler that stops early returns interrupted(): the worker then gives the job back without
// counting the attempt, even for a non-idempotent kind, because the handler chose a safe point.
#pragma once

#include <atomic>

#include "core/org_scope.hpp"
#include "jobs/job.hpp"
#include "store/database.hpp"

namespace fg::worker {

class JobContext {
 public:
  JobContext(const jobs::Job& job, OrgScope scope, store::Database& db, const std::atomic<bool>& stop)
      : job_(job), scope_(std::move(scope)), db_(db), stop_(stop) {}
  JobContext(const JobContext&) = delete;
  JobContext& operator=(const JobContext&) = delete;

  const jobs::Job& job() const { return job_; }
  const OrgScope& scope() const { return scope_; }
  store::Database& db() const { return db_; }

  //! True once the handler should stop at its next safe point. Thread-safe.
  bool stop_requested() const { return stop_.load(std::memory_order_acquire); }
  //! The status to return after stopping at a safe point; marks this context as interrupted.
  Status interrupted();
  bool was_interrupted() const { return interrupted_; }

 private:
  const jobs::Job& job_;
  OrgScope scope_;
  store::Database& db_;
  const std::atomic<bool>& stop_;
  bool interrupted_ = false;
};

}  // namespace fg::worker
