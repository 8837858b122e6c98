// The upload routes: a FOCUS file posted for ingest, and what became of it.
//
//   POST /api/v1/ingest               ingest.run  body: the file (CSV, .gz or .zst); 202 {job_id, upload_id}
//   GET  /api/v1/ingest/{upload_id}   ingest.run  the upload's status and its job's summary
//
// POST query parameters: `source` (default: the file name the client sends, as `filename` or in
// Content-Disposition; at most 128 characters of [A-Za-z0-9._- ]), `mode` (strict, the default, or
// lenient). The body is refused beyond the upload_max_bytes setting (413) and for other media types
// than text/csv, application/gzip, application/x-gzip, application/zstd, application/octet-stream
// (415).
//
// Flow: the bytes go to DATA_DIR/uploads/<org_id>/<upload_id> (ingest/upload/upload_area.hpp: 0600,
// temp name, fsync, rename), never into the database; then one transaction inserts the upload row,
// enqueues an ingest.upload job whose ref_id is the upload id, and audits ingest.requested. A second
// upload of a source whose earlier upload is still pending is refused with 409 (conflict); the file
// just written is removed. The job (src/worker/handlers/ingest_upload_handler.hpp) does the rest.
//
// The server buffers a request body in memory before the handler runs (api/server): an upload costs
// up to upload_max_bytes of RAM while it is received. Size the setting accordingly.
#pragma once

#include <cstdint>
#include <filesystem>

#include "api/router/router.hpp"
#include "audit/audit_log.hpp"
#include "store/database.hpp"

namespace fg::api {

struct IngestRouteOptions {
  std::filesystem::path data_dir;  //!< DATA_DIR: uploads go under DATA_DIR/uploads
  std::uint64_t max_upload_bytes = 0;
};

//! Adds the two routes. `db` and `audit` must outlive the router. Errors as Router::add.
Status add_ingest_routes(Router& router, store::Database& db, const audit::AuditLog& audit, IngestRouteOptions options);

}  // namespace fg::api
