// Worker: runs jobs from the queue. N runner threads claim jobs of the kinds in the handler table and
// run them; one maintenance thread heartbeats the leases of running jobs, reaps jobs whose worker died
// and (when enabled) ticks the scheduler.
//
// Shutdown (SIGTERM): stop() stops claiming and tells running handlers to stop at a safe point;
// wait() gives them until the shutdown timeout, then releases what still runs (an idempotent job goes
// back to the queue, a non-idempotent one to `dead`, see jobs/job_queue.hpp), so nothing stays
// `running` after the worker is gone. Handlers that ignore the request are abandoned: their lease
// was released, so the queue fences out anything they try later.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <list>
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
    std::atomic<bool> stop{false};  // lease lost or shutdown: the handler's stop flag
    bool abandoned = false;         // released by wait(): the runner must not touch the job again
  };

  void run_loop();
  void run_one(jobs::Job job);
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
  std::vector<std::thread> runners_;
  std::thread maintenance_;
  std::unique_ptr<jobs::Scheduler> scheduler_;
};

//! "host:pid:rand4": unique per process, readable in the jobs table.
std::string default_worker_id();

}  // namespace fg::worker
