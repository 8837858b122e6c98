// `finguard worker`: runs jobs until SIGTERM/SIGINT, then shuts down gracefully: stops claiming, gives
// running jobs the shutdown timeout to finish, releases the rest (see worker/worker.hpp). The only
// process besides the `keys` CLI that loads the private key (through src/vault).
//
// Everything it is told comes from the worker_* settings (FINGUARD_WORKER_*, the config file, the global
// --worker-* flags; core/setting_table.cpp). Its older flags stay as aliases: --concurrency, --lease-ms,
// --poll-ms, --shutdown-timeout-ms, --no-scheduler, --scheduler-lease-ms, --scheduler-tick-ms,
// --test-clock-scale, --test-clock-start; --worker-id and --metrics-listen are the settings' own flags.
//
// metrics_listen serves GET /metrics (queue depth by status and kind, claims, outcomes, lease
// expiries, job durations) on its own listener; off by default, and a bare port binds 127.0.0.1 only.
// worker_test_clock_scale N (with worker_test_clock_start) runs the scheduler's clock N times faster,
// so process tests see many cron periods quickly; refused in production mode.
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

// The worker's own /metrics listener: the jobs metrics of this process plus the store's queue depth.
struct MetricsListener {
  std::string host;
  std::shared_ptr<api::MetricsRegistry> registry;
  std::unique_ptr<api::MetricsEndpoint> endpoint;
  std::unique_ptr<api::Server> server;
};

Result<MetricsListener> start_metrics(const std::string& listen, store::Database& db, const jobs::JobMetrics& metrics) {
  MetricsListener m;
  m.registry = std::make_shared<api::MetricsRegistry>();
  m.registry->add_exposition_source([&db, &metrics] {
    Result<std::string> depth = jobs::render_queue_depth(db);
    return (depth.ok() ? *depth : std::string()) + metrics.render();
  });
  m.endpoint = std::make_unique<api::MetricsEndpoint>(m.registry);
  api::ServerOptions options;
  options.listen = listen;  // HOST:PORT: the setting reads a bare port as 127.0.0.1:PORT
  options.threads = 1;
  m.host = options.listen.substr(0, options.listen.rfind(':'));
  FG_ASSIGN_OR_RETURN(m.server, api::Server::start(options, *m.endpoint));
  return m;
}

void run_worker(CliContext& ctx) {
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
  db_cfg.db_pool_size = std::max(cfg->db_pool_size, cfg->worker.concurrency + 2);
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
  const WorkerSettings& settings = cfg->worker;
  jobs::JobMetrics metrics;
  worker::WorkerOptions options = worker_options(*cfg);
  std::unique_ptr<ScaledClock> test_clock;
  if (settings.test_clock_scale > 1) {  // refused in production mode by load_config
    test_clock =
        std::make_unique<ScaledClock>(Timestamp::from_seconds(settings.test_clock_start), settings.test_clock_scale);
    // The scheduler measures its lease on its own clock, so a faster clock needs a longer lease.
    options.scheduler_lease *= settings.test_clock_scale;
    options.scheduler_clock = test_clock.get();
  }
  // metrics_listen from the environment or the file: the worker once ignored it (issue 21).
  const std::string& listen = cfg->metrics_listen;
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
  ctx.add_setting_alias(*cmd, "--concurrency", "worker_concurrency");
  ctx.add_setting_alias(*cmd, "--lease-ms", "worker_lease_ms");
  ctx.add_setting_alias(*cmd, "--poll-ms", "worker_poll_ms");
  ctx.add_setting_alias(*cmd, "--shutdown-timeout-ms", "worker_shutdown_timeout_ms");
  ctx.add_setting_switch(*cmd, "--no-scheduler", "worker_scheduler", "false");
  ctx.add_setting_alias(*cmd, "--scheduler-lease-ms", "worker_scheduler_lease_ms");
  ctx.add_setting_alias(*cmd, "--scheduler-tick-ms", "worker_scheduler_tick_ms");
  ctx.add_setting_alias(*cmd, "--test-clock-scale", "worker_test_clock_scale");
  ctx.add_setting_alias(*cmd, "--test-clock-start", "worker_test_clock_start");
  cmd->callback([&ctx] { run_worker(ctx); });
}

}  // namespace fg::app
