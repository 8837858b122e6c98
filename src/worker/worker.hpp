// Worker: runs jobs from the queue. N runner threads claim jobs of the kinds in the handler table and
// run them; one maintenance thread heartbeats the leases of running jobs, reaps jobs whose worker died
// and (when enabled) ticks the scheduler.
//
// Shutdown (SIGTERM): stop() stops claiming and tells running handlers to stop at a safe point;
// wait() gives them until the shutdown timeout, then releases what still runs (an idempotent job goes
// back to the queue, a non-idempotent one to `dead`, see jobs/job_queue.hpp), so nothing stays
// `running` after the worker is gone. Handlers that ignore the request are abandoned: their lease
// was released, so the queue fences out anything they try later.
//
// Wall-clock limit (issue 20): every kind has a time limit (time_limits, else default_time_limit).
// Past it the maintenance thread asks the handler to stop (the same cooperative stop flag as at
// shutdown) and, when the handler returns, the job fails permanently (dead, with an error naming the
// limit): a job that ran out of time once would only run out again, and a resource bomb must not get
// max_attempts runners' worth of time. A handler that ignores the request for time_limit_grace is
// abandoned: the worker marks the job dead itself (its lease is released, later writes of the job are
// fenced) and starts a replacement runner, so the worker keeps its concurrency.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "audit/audit_log.hpp"
#include "jobs/job_metrics.hpp"
#include "jobs/job_queue.hpp"
#include "jobs/scheduler.hpp"
#include "store/database.hpp"
#include "worker/handler_table.hpp"
#include "worker/job_scope_factory.hpp"

namespace fg::worker {

using TimeLimits = std::map<std::string, std::chrono::milliseconds, std::less<>>;
//! ingest.upload: 30 minutes; every other kind: WorkerOptions::default_time_limit (5 minutes).
TimeLimits default_time_limits();

struct WorkerOptions {
  int concurrency = 1;                                //!< runner threads, 1..64
  std::chrono::milliseconds lease{30000};             //!< lease per claim; heartbeats renew it
  std::chrono::milliseconds poll{500};                //!< idle wait between empty claims
  std::chrono::milliseconds shutdown_timeout{30000};  //!< how long running jobs get to finish
  std::string worker_id;                              //!< default: host:pid:random
  bool run_scheduler = true;                          //!< compete for the scheduler lease
  std::chrono::milliseconds scheduler_lease{30000};   //!< takeover bound when the holder dies (scheduler clock)
  std::chrono::milliseconds scheduler_tick{1000};     //!< how often the scheduler renews its lease and fires
  //! The clock cron times are read on; null: the worker's clock. Tests pass a faster one (ScaledClock).
  const Clock* scheduler_clock = nullptr;
  //! Wall-clock limit per kind; kinds not listed get default_time_limit (see the notes above).
  TimeLimits time_limits = default_time_limits();
  std::chrono::milliseconds default_time_limit{std::chrono::minutes(5)};
  //! How long a handler past its limit gets to stop before its runner is replaced.
  std::chrono::milliseconds time_limit_grace{5000};
};

class Worker {
 public:
  //! `db`, `metrics` and `audit` must outlive the worker.
  Worker(store::Database& db, HandlerTable handlers, WorkerOptions options, jobs::JobMetrics& metrics,
         const audit::AuditLog& audit, const Clock& clock = SystemClock::instance());
  ~Worker();
  Worker(const Worker&) = delete;
  Worker& operator=(const Worker&) = delete;

  //! Starts the threads. Call once.
  void start();
  //! Stops claiming and asks running handlers to stop. Thread-safe, idempotent, async-signal-unsafe.
  void stop();
  //! After stop(): waits for running jobs up to the shutdown timeout, releases the rest, joins.
  //! True when every job finished or stopped by itself (nothing had to be released).
  bool wait();

  const std::string& worker_id() const { return scopes_.worker_id(); }
  //! Jobs this worker finished (any outcome), for tests and the bench.
  std::uint64_t finished_count() const { return finished_.load(); }

 private:
  struct Running {
    Running(jobs::Job j, OrgScope s) : job(std::move(j)), scope(std::move(s)) {}
    jobs::Job job;
    OrgScope scope;
    std::atomic<bool> stop{false};  // lease lost, shutdown or time limit: the handler's stop flag
    bool abandoned = false;         // released by wait() or the time limit: the runner must not touch the job
    // Guarded by mu_: the time limit (steady clock) and what happened when it passed.
    std::chrono::steady_clock::time_point deadline;
    std::chrono::milliseconds limit{0};
    bool timed_out = false;
    std::chrono::steady_clock::time_point grace_end;
  };

  void run_loop();
  //! False when the job was abandoned at its time limit: a replacement runner took this one's place.
  bool run_one(jobs::Job job);
  std::chrono::milliseconds time_limit_of(std::string_view kind) const;
  void enforce_time_limits();
  void fail_timed_out(Running& r);
  void finish(Running& r, const Status& result, std::chrono::steady_clock::duration took);
  void maintenance_loop();
  void heartbeat_all();
  void reap();

  store::Database& db_;
  HandlerTable handlers_;
  WorkerOptions options_;
  jobs::JobMetrics& metrics_;
  const audit::AuditLog& audit_;
  const Clock& clock_;
  JobScopeFactory scopes_;
  jobs::JobQueue queue_;
  std::vector<std::string> kinds_;

  std::mutex mu_;
  std::condition_variable cv_;
  std::list<std::shared_ptr<Running>> running_;
  std::atomic<bool> stopping_{false};
  std::atomic<bool> maintenance_stop_{false};
  std::atomic<int> active_runners_{0};
  std::atomic<std::uint64_t> finished_{0};
  std::atomic<int> abandoned_inflight_{0};  // handlers abandoned at their time limit, still running
  std::vector<std::thread> runners_;
  std::thread maintenance_;
  std::unique_ptr<jobs::Scheduler> scheduler_;
};

//! "host:pid:rand4": unique per process, readable in the jobs table.
std::string default_worker_id();

}  // namespace fg::worker
