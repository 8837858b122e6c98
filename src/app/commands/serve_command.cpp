// `finguard serve [--with-worker] [--listen ADDR]`: runs the API server until SIGTERM/SIGINT, then
// shuts down gracefully (in-flight requests finish within the budget).
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "api/application/api_service.hpp"
#include "api/routes/audit/audit_routes.hpp"
#include "api/routes/costs/cost_routes.hpp"
#include "api/routes/identity/identity_api.hpp"
#include "api/routes/ingest/ingest_routes.hpp"
#include "api/routes/jobs/job_routes.hpp"
#include "app/commands/commands.hpp"
#include "app/database_setup.hpp"
#include "app/job_handlers.hpp"
#include "app/sso_setup.hpp"
#include "app/version.hpp"
#include "audit/audit_log.hpp"
#include "core/log.hpp"
#include "costdb/cost_store.hpp"
#include "jobs/job_metrics.hpp"

namespace fg::app {
namespace {

struct ServeFlags {
  bool with_worker = false;
  std::string listen;  // overrides the listen setting for this run
};

void run_serve(CliContext& ctx, const ServeFlags& flags) {
  Result<Config> cfg = ctx.load();
  if (!cfg.ok()) {
    ctx.exit_code = kExitBadConfig;
    return;
  }
  if (!flags.listen.empty()) cfg->listen = flags.listen;
  log::init(*cfg);
  // Rate limits (both stages) and web_dir come from the settings.
  api::ApiServiceOptions options = api::ApiServiceOptions::from_config(*cfg);
  options.version = kVersion;
  std::error_code web_ec;
  if (!options.web_dir.empty() && !std::filesystem::is_directory(options.web_dir, web_ec)) {
    log::warn("web_dir is not a directory: the web UI is not served", {{"web_dir", options.web_dir}});
  }
  // Identity: the metadata store, the TOTP-sealing key (DATA_DIR/keys/identity.key, never the worker's
  // private key) and the authenticator, permission check and routes. These outlive the service below.
  Result<std::unique_ptr<store::Database>> db = open_database(*cfg);
  if (!db.ok()) {
    std::fprintf(stderr, "finguard serve: cannot open the database: %s\n", db.status().message().c_str());
    ctx.exit_code = kExitFailure;
    return;
  }
  Result<identity::TotpKey> totp_key =
      identity::TotpKey::load_or_create(identity::default_identity_key_path(cfg->data_dir));
  if (!totp_key.ok()) {
    std::fprintf(stderr, "finguard serve: identity key: %s\n", totp_key.status().message().c_str());
    ctx.exit_code = kExitBadConfig;
    return;
  }
  audit::AuditLog audit_log;
  identity::IdentitySettings identity_settings;
  identity_settings.login_failures_per_ip_per_minute =
      static_cast<int>(cfg->rate_limits.login_failures_per_ip_per_minute);  // bounded by the config check
  identity_settings.login_failures_per_account_per_minute =
      static_cast<int>(cfg->rate_limits.login_failures_per_account_per_minute);
  identity_settings.mfa_lockout_failures = static_cast<int>(cfg->mfa_lockout.failures);  // at most 100
  identity_settings.mfa_lockout_base_seconds = cfg->mfa_lockout.base_seconds;
  identity_settings.mfa_lockout_max_seconds = cfg->mfa_lockout.max_seconds;
  const identity::IdentityContext identity_ctx{
      **db, audit_log, SystemClock::instance(), crypto::default_password_hasher(), *totp_key, identity_settings};
  api::ApiDependencies deps;
  auto identity_api = std::make_shared<api::IdentityApi>(identity_ctx);
  // Single sign-on, when configured; a configuration that cannot work stops the start (fail closed).
  if (Status sso = install_sso(*cfg, *identity_api); !sso.ok()) {
    std::fprintf(stderr, "finguard serve: single sign-on: %s\n", sso.message().c_str());
    ctx.exit_code = kExitBadConfig;
    return;
  }
  api::install_identity(deps, identity_api);
  store::Database* database = db->get();
  deps.readiness.push_back({"database", [database] { return database->ping(); }});
  // Jobs: the org's view of its queue, the queue-depth gauge, and with --with-worker the worker itself
  // (the only case in which serve loads the private key, through the vault).
  deps.route_sets.push_back(
      [database, &audit_log](api::Router& r) { return api::install_audit(r, *database, audit_log); });
  deps.route_sets.push_back([database, &audit_log, test_kinds = cfg->enable_test_job_kinds,
                             max_schedules = cfg->max_schedules_per_org](api::Router& r) {
    return api::install_jobs(r, *database, audit_log, {.allow_test_kinds = test_kinds, .max_per_org = max_schedules});
  });
  deps.queue_depth = [database]() -> std::optional<std::int64_t> {
    Result<std::int64_t> n = jobs::pending_job_count(*database);
    return n.ok() ? std::optional<std::int64_t>(*n) : std::nullopt;
  };
  // Costs: uploads land in DATA_DIR/uploads for the ingest.upload job; the explorer reads DATA_DIR/costdb.
  Result<std::shared_ptr<costdb::CostStore>> costs = costdb::CostStore::open(cfg->data_dir);
  if (!costs.ok()) {
    std::fprintf(stderr, "finguard serve: cost store: %s\n", costs.status().message().c_str());
    ctx.exit_code = kExitFailure;
    return;
  }
  deps.route_sets.push_back([database, &audit_log, data_dir = cfg->data_dir,
                             max = static_cast<std::uint64_t>(cfg->upload_max_bytes),
                             pending = cfg->upload_max_pending_per_org](api::Router& r) {
    return api::install_ingest(r, *database, audit_log,
                               {.data_dir = data_dir, .max_upload_bytes = max, .max_pending_per_org = pending});
  });
  deps.route_sets.push_back([store = *costs](api::Router& r) { return api::install_costs(r, store); });
  std::unique_ptr<EmbeddedWorker> embedded;
  if (flags.with_worker) {
    Result<std::unique_ptr<EmbeddedWorker>> w = EmbeddedWorker::start(*cfg, *database);
    if (!w.ok()) {
      std::fprintf(stderr, "finguard serve: worker: %s\n", w.status().message().c_str());
      ctx.exit_code = kExitFailure;
      return;
    }
    embedded = std::move(w).value();
  }
  Result<std::unique_ptr<api::ApiService>> service = api::ApiService::start(*cfg, std::move(deps), options);
  if (!service.ok()) {
    std::fprintf(stderr, "finguard serve: cannot start: %s\n", service.status().message().c_str());
    ctx.exit_code = service.status().code() == StatusCode::kInvalidArgument ? kExitBadConfig : kExitFailure;
    return;
  }
  (*service)->metrics().add_exposition_source([database, w = embedded.get()] {
    Result<std::string> depth = jobs::render_queue_depth(*database);
    return (depth.ok() ? *depth : std::string()) + (w != nullptr ? w->metrics().render() : std::string());
  });
  (*service)->stop_on_signals();
  const std::string scheme = cfg->tls_enabled() ? "https" : "http";
  log::info("listening", {{"address", cfg->listen}, {"tls", cfg->tls_enabled() ? "on" : "off"}});
  std::fprintf(stderr, "finguard serve: listening on %s://%s\n", scheme.c_str(), cfg->listen.c_str());
  if (!cfg->metrics_listen.empty()) {
    std::fprintf(stderr, "finguard serve: metrics on http://%s/metrics\n", cfg->metrics_listen.c_str());
  }
  bool clean = (*service)->wait();
  if (embedded && !embedded->stop_and_wait()) {
    // Jobs cut off at the shutdown timeout were released; their handler threads may still run.
    std::fprintf(stderr, "finguard serve: stopped (jobs released at the shutdown timeout)\n");
    std::fflush(nullptr);
    std::_Exit(kExitFailure);
  }
  std::fprintf(stderr, "finguard serve: stopped%s\n", clean ? "" : " (some connections cut at the deadline)");
  ctx.exit_code = clean ? kExitOk : kExitFailure;
}

}  // namespace

void add_serve_command(CLI::App& app, CliContext& ctx) {
  CLI::App* cmd = app.add_subcommand("serve", "run the API server (--with-worker also runs jobs in-process)");
  auto flags = std::make_shared<ServeFlags>();
  cmd->add_flag("--with-worker", flags->with_worker, "also run the job worker in this process (loads the private key)");
  cmd->add_option("--listen", flags->listen, "listen address HOST:PORT (default from the listen setting)");
  cmd->callback([&ctx, flags] { run_serve(ctx, *flags); });
}

}  // namespace fg::app
