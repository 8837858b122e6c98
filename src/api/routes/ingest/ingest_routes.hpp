// The upload routes: a FOCUS file posted for ingest, and what became of it.
//
//   POST /api/v1/ingest               ingest.run  body: the file (CSV, .gz or .zst); 202 {job_id, upload_id}
//   GET  /api/v1/ingest/{upload_id}   ingest.run  the upload's status and its job's summary
//   GET  /api/v1/ingest/{upload_id}/quarantine  ingest.run  a lenient ingest's quarantine report (quarantine_route.hpp)
//
// POST query parameters: `source` (default: the file name the client sends, as `filename` or in
// Content-Disposition; at most 128 characters of [A-Za-z0-9._- ]), `mode` (strict, the default, or
// lenient). The body is refused beyond the upload_max_bytes setting (413) and for other media types
// than text/csv, application/gzip, application/x-gzip, application/zstd, application/octet-stream
// (415).
//
// Flow: the body is streamed (upload_sink.hpp): authentication, the ingest.run permission, rate limits,
// CSRF, the media type and the query are all checked on the header alone, and a refusal is answered
// without reading the body (the connection is then closed). The bytes go to
// DATA_DIR/uploads/<org_id>/<upload_id> in pieces as they arrive (uploads/upload_area.hpp:
// 0600, temp name, fsync, rename), never into memory whole or the database; then one transaction
// inserts the upload row, enqueues an ingest.upload job whose ref_id is the upload id, and audits
// ingest.requested. A second
// upload of a source whose earlier upload is still pending is refused with 409 (conflict); the file
// just written is removed. The job (src/worker/handlers/ingest_upload_handler.hpp) does the rest.
// An upload that does not complete (the client leaves, a timeout, 413) leaves no file and no row.
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
  int max_pending_per_org = 16;  //!< pending uploads of one org; past it 429 before the body is read
};

//! Adds the three routes. `db` and `audit` must outlive the router. Errors as Router::add.
Status install_ingest(Router& router, store::Database& db, const audit::AuditLog& audit, IngestRouteOptions options);

}  // namespace fg::api
