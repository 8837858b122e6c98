// The job-kind -> handler table: the one place that says which code runs each kind of job (DESIGN.md:
// "src/app wiring"). The worker claims only the kinds registered here.
//
//   ingest.upload     worker::IngestUploadHandler (uploads of POST /api/v1/ingest into DATA_DIR/costdb)
//   audit.checkpoint  worker::AuditCheckpointHandler (signs the org's audit chain head, appends it to
//                     DATA_DIR/audit/checkpoints)
//   uploads.cleanup   worker::UploadsCleanupHandler (old quarantine reports and files a crash left in
//                     the org's upload directory)
//   keys.rewrap       worker::KeyRewrapHandler, when the vault loaded (a worker without the private key
//                     never claims it)
//   test.count, test.sleep, test.sleep_unsafe, test.fail
//                     worker::add_test_handlers (plain lambdas, no class), only when the
//                     enable_test_job_kinds setting is on (refused in production mode)
#pragma once

#include <memory>

#include "app/operator_scope_factory.hpp"
#include "audit/audit_log.hpp"
#include "core/config.hpp"
#include "crypto/public_key.hpp"
#include "store/database.hpp"
#include "vault/vault.hpp"
#include "worker/handler_table.hpp"
#include "worker/worker.hpp"

namespace fg::app {

struct JobHandlerDeps {
  const Config& config;
  std::shared_ptr<const vault::Vault> vault;  //!< null: no vault-using kind is registered
  const audit::AuditLog& audit;
};

//! Builds the table. Errors as HandlerTable::add.
Result<worker::HandlerTable> build_job_handlers(const JobHandlerDeps& deps);

//! The worker_* settings and job_time_limits ("default" is the limit of unlisted kinds) as the worker's
//! options; the scheduler's clock stays the worker's own (the caller sets a test clock).
worker::WorkerOptions worker_options(const Config& config);

//! The file the test.count kind appends to: DATA_DIR/test-job-runs.log.
std::string test_job_runs_file(const Config& config);

//! For `finguard keys rotate`: enqueues one keys.rewrap job for every org holding a secret not sealed
//! to `active`. The job is unique per org and active key, so enqueueing again for the same key adds
//! nothing; a second rotation adds a second job per org, which finds little or nothing left, because
//! every job seals to the worker's active key when it runs. Each org's scope comes from the operator
//! factory, which audits the command. Returns the number of jobs created.
Result<int> enqueue_key_rewrap_jobs(store::Database& db, OperatorScopeFactory& operators, const crypto::KeyId& active);

//! The worker inside `finguard serve --with-worker` (the embedded default: one process). It loads the
//! vault like `finguard worker` does; serve without --with-worker never calls this, so it never holds
//! the private key.
class EmbeddedWorker {
 public:
  //! Starts a worker with the worker_* settings on `db` (which must outlive it). Fails closed, with the
  //! vault's error, when the private key does not load.
  static Result<std::unique_ptr<EmbeddedWorker>> start(const Config& config, store::Database& db);
  //! Stops claiming, waits for running jobs (up to the shutdown timeout), releases the rest.
  bool stop_and_wait();
  jobs::JobMetrics& metrics() { return metrics_; }

 private:
  audit::AuditLog audit_;
  jobs::JobMetrics metrics_;
  std::unique_ptr<worker::Worker> worker_;
};

//! Loads the vault for a worker; null (with a warning) when there is no usable keyring.
std::shared_ptr<const vault::Vault> load_worker_vault(const Config& config);

}  // namespace fg::app
