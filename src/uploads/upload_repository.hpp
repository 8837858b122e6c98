// Uploads: the metadata of a file posted to POST /api/v1/ingest (table `uploads`, migration 0005).
//
// The bytes are not here: they sit in DATA_DIR/uploads/<org_id>/<id> (uploads/upload_area.hpp) until
// the ingest.upload job that references the row by id has ingested them. An upload's uniqueness key
// is its source (CORRECTIONS.md "Sources and re-ingest"): at most one pending upload per (org,
// source), enforced by a partial unique index, so two concurrent uploads of one feed cannot race to
// replace the same billing periods.
//
// Every call runs in the caller's OrgTransaction, so RLS (PostgreSQL) and the scope (both backends)
// confine it to one org; another org's upload reads as not_found.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "core/time.hpp"
#include "core/uuid.hpp"
#include "store/transaction.hpp"

namespace fg::uploads {

enum class UploadStatus { kPending, kSucceeded, kFailed };
std::string_view upload_status_name(UploadStatus status);

struct UploadRecord {
  Uuid id;
  std::string source;           //!< the delivery's source name (validated by the API)
  std::string mode;             //!< "strict" or "lenient"
  std::string format = "auto";  //!< the billing format to read it as (ingest::format_name), "auto" detects
  std::int64_t size_bytes = 0;
  std::string sha256;  //!< hex, of the bytes as uploaded
  UploadStatus status = UploadStatus::kPending;
  std::optional<Uuid> job_id;  //!< the ingest.upload job; set in the same transaction as the insert
  std::string summary_json;    //!< the job's summary (a JSON object); "" until it finished
  std::string error;           //!< safe summary of a failure; "" otherwise
  std::string created_by;      //!< the actor id of the uploader
  Timestamp created_at;
  std::optional<Timestamp> finished_at;
};

//! The org's pending uploads: all of them, and those of one source.
struct PendingUploads {
  std::int64_t total = 0;
  std::int64_t of_source = 0;
};

class UploadRepository {
 public:
  //! Counts tx's org's pending uploads (and those of `source`), for the checks made before a body is read.
  static Result<PendingUploads> pending(store::OrgTransaction& tx, const std::string& source);
  //! Inserts `r` as pending in tx's org. conflict when a pending upload of the same source exists;
  //! the transaction stays usable either way (no statement error on PostgreSQL).
  static Status insert(store::OrgTransaction& tx, const UploadRecord& r);
  //! Records the job that will ingest upload `id`.
  static Status set_job(store::OrgTransaction& tx, const Uuid& id, const Uuid& job_id);
  //! Upload `id` of tx's org; not_found otherwise.
  static Result<UploadRecord> get(store::OrgTransaction& tx, const Uuid& id);
  //! pending or failed -> succeeded/failed with the job's summary (JSON) and a safe error text (a failed
  //! upload may succeed after an Administrator's retry). A succeeded upload is never changed again.
  static Status finish(store::OrgTransaction& tx, const Uuid& id, UploadStatus status, const std::string& summary_json,
                       const std::string& error, Timestamp now);
};

}  // namespace fg::uploads
