// UploadService: every state change of an upload, and the audit entries that go with it (issue 21:
// a mutation is a service method in the module that owns its table). The API's upload sink, the
// ingest.upload job and `finguard ingest` parse, call and render; none writes an upload row, an
// upload file's fate or an audit entry of its own.
//
//   begin            before the body: refuses a pending upload of the same source (conflict) and a
//                    full queue (resource_exhausted), then opens the upload's temporary file
//   accept           after the body: commits the file, then one transaction: the row, its
//                    ingest.upload job and ingest.requested; a failed transaction removes the file
//   succeed / fail   the job's end: the row's summary (and ingest.completed), then the file goes
//   record_delivery  ingest.completed of a delivery that did not come from an upload (the CLI)
//
// ingest.completed is written only here (append_ingest_completed), once per delivery id, so a job
// re-run after a crash between the manifest swap and this transaction audits it once.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "audit/audit_log.hpp"
#include "audit/origin.hpp"
#include "core/org_scope.hpp"
#include "core/result.hpp"
#include "core/time.hpp"
#include "core/uuid.hpp"
#include "store/database.hpp"
#include "uploads/upload_area.hpp"
#include "uploads/upload_repository.hpp"

namespace fg::uploads {

//! What the client said about its upload (validated by the caller).
struct UploadRequest {
  std::string source;
  std::string mode = "strict";  //!< "strict" or "lenient"
  std::string format = "auto";  //!< a name ingest::parse_format accepts
};

//! An upload whose bytes are still arriving. Destroyed before accept(), it leaves no file.
class UploadDraft {
 public:
  Status append(std::string_view bytes) {
    received_ += bytes.size();
    return writer_.append(bytes);
  }
  const Uuid& id() const { return record_.id; }

 private:
  friend class UploadService;
  UploadDraft(UploadRecord record, UploadWriter writer) : record_(std::move(record)), writer_(std::move(writer)) {}
  UploadRecord record_;
  UploadWriter writer_;
  std::uint64_t received_ = 0;
};

struct AcceptedUpload {
  Uuid upload_id;
  Uuid job_id;  //!< the ingest.upload job
};

//! A committed delivery, as its ingest.completed entry records it.
struct CompletedDelivery {
  std::string delivery_id;
  std::string source;
  std::uint64_t rows = 0;
  std::uint64_t periods = 0;
  std::uint64_t rows_quarantined = 0;
};

class UploadService {
 public:
  //! `db` and `audit` must outlive the service; `data_dir` holds DATA_DIR/uploads.
  UploadService(store::Database& db, const audit::AuditLog& audit, std::filesystem::path data_dir,
                const Clock& clock = SystemClock::instance())
      : db_(db), audit_(audit), data_dir_(std::move(data_dir)), clock_(clock) {}

  //! Checks, before any byte arrives, that `scope`'s org has no pending upload of the source
  //! (conflict) and fewer than `max_pending` pending uploads (resource_exhausted), then opens the
  //! temporary file. internal on I/O errors.
  Result<UploadDraft> begin(const OrgScope& scope, UploadRequest request, int max_pending) const;

  //! Commits the draft's file, then records the row, its ingest.upload job and ingest.requested in one
  //! transaction. invalid_argument naming "body" when nothing arrived; conflict when another upload
  //! of the source won the race. On any error no file, row or job is left.
  Result<AcceptedUpload> accept(const OrgScope& scope, UploadDraft draft, const audit::Origin& origin) const;

  //! Upload `id` of `scope`'s org; not_found otherwise (another org's upload too).
  Result<UploadRecord> get(const OrgScope& scope, const Uuid& id) const;

  //! The upload's job ingested it: in one transaction ingest.completed of `delivery` (when the ingest
  //! committed one) and the row marked succeeded with `summary_json`; then the file is removed
  //! (a lenient ingest's quarantine report stays for uploads.cleanup).
  Status succeed(const OrgScope& scope, const Uuid& id, const std::string& summary_json,
                 const std::optional<CompletedDelivery>& delivery, const Uuid& job_id,
                 const audit::Origin& origin) const;

  //! The upload's job ended for good without a delivery: the row is marked failed with `summary_json`
  //! ("" for none) and a safe `error`, and the file is removed. Best effort on the row: the file goes
  //! whatever the store answers (its bytes have no use left), and the row's error is returned.
  Status fail(const OrgScope& scope, const Uuid& id, const std::string& summary_json, const std::string& error) const;

  //! ingest.completed of a delivery committed outside an upload (`finguard ingest`), once per id.
  Status record_delivery(const OrgScope& scope, const CompletedDelivery& delivery, const audit::Origin& origin) const;

  const std::filesystem::path& data_dir() const { return data_dir_; }

 private:
  store::Database& db_;
  const audit::AuditLog& audit_;
  std::filesystem::path data_dir_;
  const Clock& clock_;
};

//! Appends ingest.completed of `delivery` to tx's org chain, once per delivery id; `upload_id` and
//! `job_id` are recorded when the delivery came from an upload.
Status append_ingest_completed(store::OrgTransaction& tx, const audit::AuditLog& audit,
                               const CompletedDelivery& delivery, const audit::Origin& origin,
                               const std::optional<Uuid>& upload_id = std::nullopt,
                               const std::optional<Uuid>& job_id = std::nullopt);

}  // namespace fg::uploads
