// The ingest.upload job (ref_id: an upload id, uploads/upload_repository.hpp): ingests a file posted to
// POST /api/v1/ingest into the org's cost store, as `finguard ingest` does from the command line.
//
// Steps, all in the job's OrgScope:
//   1. read the upload row; a succeeded upload is done already (a re-run after a crash): OK;
//   2. ingest DATA_DIR/uploads/<org>/<id> as one delivery of the upload's source, strict or lenient
//      (ingest/focus/focus_ingest.hpp); lenient writes its quarantine report beside the upload;
//   3. UploadService::succeed: in one transaction ingest.completed once per delivery id and the upload
//      marked succeeded with its summary (JSON: rows, per-currency BilledCost, quarantine report);
//      then the uploaded file is removed (the report stays until uploads.cleanup sweeps it).
// Past a cap (IngestCaps: expansion, rows) the job is dead with an error naming the setting; past a
// quarantine cap (lenient) or the strict error cap the summary says so (quarantine_truncated,
// validation_stopped).
// A strict rejection or an unreadable file marks the upload failed, removes the file and returns
// invalid_argument: the job goes to `dead` (not retried). The store is untouched in that case (the
// delivery is never committed); the upload row keeps the size, sha256 and findings, and the fix is
// a corrected upload, not a retry. Transient errors are retried with the file kept; on the last
// attempt the upload is marked failed and the file removed. So the file lives exactly as long as its
// job can still run (a worker that dies mid-job leaves it to the job's next attempt). Errors stored in last_error never
// carry a path or the source name.
#pragma once

#include <filesystem>
#include <memory>

#include "audit/audit_log.hpp"
#include "costdb/cost_store_interface.hpp"
#include "ingest/focus/focus_ingest.hpp"
#include "worker/handler_table.hpp"

namespace fg::worker {

class IngestUploadHandler {
 public:
  IngestUploadHandler(std::filesystem::path data_dir, std::shared_ptr<const costdb::ICostStore> store,
                      const audit::AuditLog& audit, ingest::IngestCaps caps = {},
                      const Clock& clock = SystemClock::instance())
      : data_dir_(std::move(data_dir)), store_(std::move(store)), audit_(audit), caps_(caps), clock_(clock) {}

  //! Runs the job (see the notes above). Thread-safe.
  Status operator()(JobContext& ctx) const;

 private:
  std::filesystem::path data_dir_;
  std::shared_ptr<const costdb::ICostStore> store_;
  const audit::AuditLog& audit_;
  ingest::IngestCaps caps_;  //!< the ingest_max_* settings
  const Clock& clock_;
};

}  // namespace fg::worker
