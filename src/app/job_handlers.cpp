#include "app/job_handlers.hpp"

#include "app/ingest_caps.hpp"
#include "core/log.hpp"
#include "costdb/cost_store.hpp"
#include "crypto/public_keyring.hpp"
#include "jobs/job_queue.hpp"
#include "worker/handlers/audit_checkpoint_handler.hpp"
#include "worker/handlers/ingest_upload_handler.hpp"
#include "worker/handlers/key_rewrap_handler.hpp"
#include "worker/handlers/test_handlers.hpp"
#include "worker/handlers/uploads_cleanup_handler.hpp"

namespace fg::app {

std::string test_job_runs_file(const Config& config) {
  return config.data_dir + "/test-job-runs.log";
}

Result<worker::HandlerTable> build_job_handlers(const JobHandlerDeps& deps) {
  worker::HandlerTable table;
  // Uploads need no private key: every worker ingests them.
  FG_ASSIGN_OR_RETURN(std::shared_ptr<costdb::CostStore> costs, costdb::CostStore::open(deps.config.data_dir));
  FG_TRY(table.add(jobs::kIngestUploadKind,
                   worker::IngestUploadHandler(deps.config.data_dir, costs, deps.audit, ingest_caps(deps.config))));
  FG_TRY(table.add(jobs::kAuditCheckpointKind, worker::AuditCheckpointHandler(deps.config.data_dir, deps.audit)));
  FG_TRY(table.add(jobs::kUploadsCleanupKind,
                   worker::UploadsCleanupHandler(deps.config.data_dir, deps.config.upload_report_retention_days)));
  if (deps.vault) {
    FG_TRY(table.add(jobs::kKeyRewrapKind, worker::KeyRewrapHandler(deps.vault, deps.audit)));
  }
  if (deps.config.enable_test_job_kinds) {
    // config.cpp refuses this setting in production mode; say it loudly anyway.
    log::warn("test job kinds are enabled (enable_test_job_kinds): never in production");
    FG_TRY(worker::add_test_handlers(table, test_job_runs_file(deps.config)));
  }
  return table;
}

Result<int> enqueue_key_rewrap_jobs(store::Database& db, OperatorScopeFactory& operators, const crypto::KeyId& active) {
  std::vector<std::string> orgs;
  {
    FG_ASSIGN_OR_RETURN(store::SystemTransaction tx, db.begin_system(store::TxMode::kRead));
    FG_ASSIGN_OR_RETURN(store::RowSet rs, tx.call(store::PrivilegedCall::kOrgsNeedingRewrap, {active.to_string()}));
    FG_TRY(tx.commit());
    for (std::size_t r = 0; r < rs.size(); ++r) orgs.push_back(rs.text(r, store::columns::OrgsNeedingRewrap::kOrgId));
  }
  jobs::JobQueue queue(db);
  int enqueued = 0;
  for (const std::string& org : orgs) {
    FG_ASSIGN_OR_RETURN(OrgScope scope, operators.for_org(org, "keys rotate"));
    FG_ASSIGN_OR_RETURN(jobs::EnqueueResult r,
                        queue.enqueue(scope, {jobs::kKeyRewrapKind, active.to_string(),
                                              std::string("rewrap:") + active.to_string(), std::nullopt}));
    if (r.created) ++enqueued;
  }
  return enqueued;
}

std::shared_ptr<const vault::Vault> load_worker_vault(const Config& config) {
  Result<vault::Vault> loaded =
      vault::Vault::load(crypto::keys_dir_for(config.data_dir), vault::master_key_source(config));
  if (!loaded.ok()) {
    // Jobs that need the private key are simply not claimed by this worker.
    log::warn("vault not loaded; key re-wrap jobs are not claimed here",
              {{"reason", std::string(status_code_name(loaded.status().code()))}});
    return nullptr;
  }
  return std::make_shared<const vault::Vault>(std::move(loaded).value());
}

worker::WorkerOptions worker_options(const Config& config) {
  const WorkerSettings& w = config.worker;
  worker::WorkerOptions options;
  options.concurrency = w.concurrency;
  options.lease = std::chrono::milliseconds(w.lease_ms);
  options.poll = std::chrono::milliseconds(w.poll_ms);
  options.shutdown_timeout = std::chrono::milliseconds(w.shutdown_timeout_ms);
  options.worker_id = w.id;
  options.run_scheduler = w.scheduler;
  options.scheduler_lease = std::chrono::milliseconds(w.scheduler_lease_ms);
  options.scheduler_tick = std::chrono::milliseconds(w.scheduler_tick_ms);
  options.time_limits.clear();
  for (const auto& [kind, seconds] : config.job_time_limit_seconds) {
    if (kind == "default") {
      options.default_time_limit = std::chrono::seconds(seconds);
    } else {
      options.time_limits[kind] = std::chrono::seconds(seconds);
    }
  }
  return options;
}

Result<std::unique_ptr<EmbeddedWorker>> EmbeddedWorker::start(const Config& config, store::Database& db) {
  auto w = std::make_unique<EmbeddedWorker>();
  // --with-worker is the one way serve holds the private key: refuse to start without a usable one
  // (fail closed) rather than serve with a worker that silently leaves vault jobs queued.
  Result<vault::Vault> loaded =
      vault::Vault::load(crypto::keys_dir_for(config.data_dir), vault::master_key_source(config));
  if (!loaded.ok()) {
    return Status(loaded.status().code(),
                  "the private key did not load (run `finguard keys init`, check the key "
                  "files' owner and mode 0600): " +
                      loaded.status().message());
  }
  auto vault = std::make_shared<const vault::Vault>(std::move(loaded).value());
  FG_ASSIGN_OR_RETURN(worker::HandlerTable handlers, build_job_handlers({config, vault, w->audit_}));
  w->worker_ =
      std::make_unique<worker::Worker>(db, std::move(handlers), worker_options(config), w->metrics_, w->audit_);
  w->worker_->start();
  return w;
}

bool EmbeddedWorker::stop_and_wait() {
  worker_->stop();
  return worker_->wait();
}

}  // namespace fg::app
