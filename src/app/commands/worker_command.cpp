// `finguard worker [--concurrency N] [--lease-ms MS] [--poll-ms MS] [--shutdown-timeout-ms MS]
//                  [--no-scheduler] [--scheduler-lease-ms MS] [--scheduler-tick-ms MS]
//                  [--metrics-listen [HOST:]PORT] [--worker-id ID]`
// Runs jobs until SIGTERM/SIGINT, then shuts down gracefully: stops claiming, gives running jobs the
// shutdown timeout to finish, releases the rest (see worker/worker.hpp). The only process besides the
// `keys` CLI that loads the private key (through src/vault).
//
// --metrics-listen serves GET /metrics (queue depth by status and kind, claims, outcomes, lease
// expiries, job durations) on its own listener; off by default, and a bare port binds 127.0.0.1 only.
// Without the flag, the metrics_listen setting (FINGUARD_METRICS_LISTEN, HOST:PORT) applies.
// --test-clock-scale N (with --test-clock-start UNIX_SECONDS) runs the scheduler's clock N times
// faster, so process tests see many cron periods quickly; refused in production mode.
#include <signal.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>

#include "api/metrics/metrics_endpoint.hpp"
#include "api/server/server.hpp"
#include "app/commands/commands.hpp"
#include "app/database_setup.hpp"
#include "app/job_handlers.hpp"
#include "core/log.hpp"
#include "core/scaled_clock.hpp"
#include "jobs/job_metrics.hpp"
#include "worker/worker.hpp"

namespace fg::app {
namespace {

struct WorkerFlags {
  int concurrency = 2;
  int lease_ms = 30000;
  int poll_ms = 500;
  int shutdown_timeout_ms = 30000;
  bool no_scheduler = false;
  int scheduler_lease_ms = 30000;
  int scheduler_tick_ms = 1000;
  std::string metrics_listen;  // "" off; "9465" = 127.0.0.1:9465; HOST:PORT as given
  int test_clock_scale = 1;
  std::int64_t test_clock_start = 0;
  std::string worker_id;
};

// The worker's own /metrics listener: the jobs metrics of this process plus the store's queue depth.
struct MetricsListener {
  std::string host;
  std::shared_ptr<api::MetricsRegistry> registry;
  std::unique_ptr<api::MetricsEndpoint> endpoint;
  std::unique_ptr<api::Server> server;
};

Result<MetricsListener> start_metrics(const std::string& flag, store::Database& db, const jobs::JobMetrics& metrics) {
  MetricsListener m;
  m.registry = std::make_shared<api::MetricsRegistry>();
  m.registry->add_exposition_source([&db, &metrics] {
    Result<std::string> depth = jobs::render_queue_depth(db);
    return (depth.ok() ? *depth : std::string()) + metrics.render();
  });
  m.endpoint = std::make_unique<api::MetricsEndpoint>(m.registry);
  api::ServerOptions options;
  // A bare port stays on loopback: the queue's kinds and counts are not for every network.
  options.listen = flag.find(':') == std::string::npos ? "127.0.0.1:" + flag : flag;
  options.threads = 1;
  m.host = options.listen.substr(0, options.listen.rfind(':'));
  FG_ASSIGN_OR_RETURN(m.server, api::Server::start(options, *m.endpoint));
  return m;
}

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
  std::unique_ptr<ScaledClock> test_clock;
  if (flags.test_clock_scale > 1) {
    if (cfg->mode == RunMode::kProduction) {
      std::fprintf(stderr, "finguard worker: --test-clock-scale is a test setting and is refused in production mode\n");
      ctx.exit_code = kExitBadConfig;
      return;
    }
    test_clock = std::make_unique<ScaledClock>(Timestamp::from_seconds(flags.test_clock_start), flags.test_clock_scale);
  }
  jobs::JobMetrics metrics;
  worker::WorkerOptions options;
  options.concurrency = flags.concurrency;
  options.lease = std::chrono::milliseconds(flags.lease_ms);
  options.poll = std::chrono::milliseconds(flags.poll_ms);
  options.shutdown_timeout = std::chrono::milliseconds(flags.shutdown_timeout_ms);
  options.run_scheduler = !flags.no_scheduler;
  // The scheduler measures its lease on its own clock, so a faster clock needs a longer lease.
  options.scheduler_lease = std::chrono::milliseconds(std::int64_t{flags.scheduler_lease_ms} * flags.test_clock_scale);
  options.scheduler_tick = std::chrono::milliseconds(flags.scheduler_tick_ms);
  options.scheduler_clock = test_clock.get();
  options.worker_id = flags.worker_id;
  apply_time_limits(*cfg, options);
  // The flag wins; otherwise the metrics_listen setting (FINGUARD_METRICS_LISTEN, the config file), which
  // the worker once ignored (issue 21).
  const std::string listen = flags.metrics_listen.empty() ? cfg->metrics_listen : flags.metrics_listen;
  std::optional<MetricsListener> metrics_listener;
  if (!listen.empty()) {
    Result<MetricsListener> m = start_metrics(listen, **db, metrics);
    if (!m.ok()) {
      std::fprintf(stderr, "finguard worker: metrics listener: %s\n", m.status().message().c_str());
      ctx.exit_code = kExitBadConfig;
      return;
    }
    metrics_listener = std::move(m).value();
    std::fprintf(stderr, "finguard worker: metrics on http://%s:%u/metrics\n", metrics_listener->host.c_str(),
                 static_cast<unsigned>(metrics_listener->server->port()));
  }
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
  cmd->add_option("--scheduler-lease-ms", flags->scheduler_lease_ms,
                  "scheduler lease: another worker takes over this long after the holder dies (default 30000)")
      ->check(CLI::Range(1000, 600000));
  cmd->add_option("--scheduler-tick-ms", flags->scheduler_tick_ms,
                  "how often the scheduler renews its lease and fires due schedules (default 1000)")
      ->check(CLI::Range(10, 60000));
  cmd->add_option("--metrics-listen", flags->metrics_listen,
                  "serve /metrics on PORT (127.0.0.1) or HOST:PORT (default off)");
  cmd->add_option("--test-clock-scale", flags->test_clock_scale,
                  "tests only: the scheduler's clock runs N times faster (refused in production mode)")
      ->check(CLI::Range(1, 3600));
  cmd->add_option("--test-clock-start", flags->test_clock_start,
                  "tests only: the instant (Unix seconds) the fast clock starts from; the same for every worker");
  cmd->add_option("--worker-id", flags->worker_id, "this worker's id (default host:pid:random)");
  cmd->callback([&ctx, flags] { run_worker(ctx, *flags); });
}

}  // namespace fg::app
