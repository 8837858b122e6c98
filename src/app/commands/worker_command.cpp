// `finguard worker [--concurrency N] [--lease-ms MS] [--poll-ms MS] [--shutdown-timeout-ms MS]
//                  [--no-scheduler] [--worker-id ID]`
// Runs jobs until SIGTERM/SIGINT, then shuts down gracefully: stops claiming, gives running jobs the
// shutdown timeout to finish, releases the rest (see worker/worker.hpp). The only process besides the
// `keys` CLI that loads the private key (through src/vault).
#include <signal.h>

#include <cstdio>
#include <cstdlib>
#include <memory>

#include "app/commands/commands.hpp"
#include "app/database_setup.hpp"
#include "app/job_handlers.hpp"
#include "core/log.hpp"
#include "worker/worker.hpp"

namespace fg::app {
namespace {

struct WorkerFlags {
  int concurrency = 2;
  int lease_ms = 30000;
  int poll_ms = 500;
  int shutdown_timeout_ms = 30000;
  bool no_scheduler = false;
  std::string worker_id;
};

void run_worker(CliContext& ctx, const WorkerFlags& flags) {
  Result<Config> cfg = ctx.load();
  if (!cfg.ok()) {
    ctx.exit_code = kExitBadConfig;
    return;
  }
  log::init(*cfg);
  // Block the stop signals before any thread starts, so only sigwait below receives them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  Config db_cfg = *cfg;
  db_cfg.db_pool_size = std::max(cfg->db_pool_size, flags.concurrency + 2);
  Result<std::unique_ptr<store::Database>> db = open_database(db_cfg);
  if (!db.ok()) {
    std::fprintf(stderr, "finguard worker: database: %s\n", db.status().message().c_str());
    ctx.exit_code = kExitFailure;
    return;
  }
  std::shared_ptr<const vault::Vault> vault = load_worker_vault(*cfg);
  audit::AuditLog audit;
  Result<worker::HandlerTable> handlers = build_job_handlers({*cfg, vault, audit});
  if (!handlers.ok()) {
    std::fprintf(stderr, "finguard worker: %s\n", handlers.status().to_string().c_str());
    ctx.exit_code = kExitFailure;
    return;
  }
  jobs::JobMetrics metrics;
  worker::WorkerOptions options;
  options.concurrency = flags.concurrency;
  options.lease = std::chrono::milliseconds(flags.lease_ms);
  options.poll = std::chrono::milliseconds(flags.poll_ms);
  options.shutdown_timeout = std::chrono::milliseconds(flags.shutdown_timeout_ms);
  options.run_scheduler = !flags.no_scheduler;
  options.worker_id = flags.worker_id;
  worker::Worker w(**db, std::move(handlers).value(), options, metrics, audit);
  w.start();
  std::fprintf(stderr, "finguard worker: %s running\n", w.worker_id().c_str());
  int sig = 0;
  sigwait(&stop_signals, &sig);
  std::fprintf(stderr, "finguard worker: stopping (signal %d)\n", sig);
  w.stop();
  const bool clean = w.wait();
  std::fprintf(stderr, "finguard worker: stopped%s\n", clean ? "" : " (jobs released at the shutdown timeout)");
  if (!clean) {
    // Handlers that ignored the stop request still hold threads; their jobs were released already.
    std::fflush(nullptr);
    std::_Exit(kExitFailure);
  }
  ctx.exit_code = kExitOk;
}

}  // namespace

void add_worker_command(CLI::App& app, CliContext& ctx) {
  CLI::App* cmd = app.add_subcommand("worker", "run a job worker (claims, runs and heartbeats jobs)");
  auto flags = std::make_shared<WorkerFlags>();
  cmd->add_option("--concurrency", flags->concurrency, "jobs run at once (1..64)")->check(CLI::Range(1, 64));
  cmd->add_option("--lease-ms", flags->lease_ms, "job lease; heartbeats renew it (default 30000)")
      ->check(CLI::Range(200, 600000));
  cmd->add_option("--poll-ms", flags->poll_ms, "idle wait between empty claims (default 500)")
      ->check(CLI::Range(1, 60000));
  cmd->add_option("--shutdown-timeout-ms", flags->shutdown_timeout_ms,
                  "how long running jobs get to finish on SIGTERM (default 30000)")
      ->check(CLI::Range(0, 3600000));
  cmd->add_flag("--no-scheduler", flags->no_scheduler, "do not compete for the scheduler lease");
  cmd->add_option("--worker-id", flags->worker_id, "this worker's id (default host:pid:random)");
  cmd->callback([&ctx, flags] { run_worker(ctx, *flags); });
}

}  // namespace fg::app
