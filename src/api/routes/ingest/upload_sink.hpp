// UploadSink: the body of POST /api/v1/ingest, written to its upload file piece by piece as it arrives
// (IBodySink), so an upload of any size costs one piece of memory, never the file.
//
//   begin   (after the chain and the query checks passed on the header alone): the temporary file
//           DATA_DIR/uploads/<org>/.tmp-<upload_id> (ingest::UploadWriter)
//   write   appends and hashes each piece
//   finish  an empty body is 400 naming "body"; otherwise commit (fsync, rename, directory fsync),
//           then one transaction: the upload row, its ingest.upload job and ingest.requested.
//           202 {job_id, upload_id}.
// Whatever stops it first (the client leaves, a timeout, 413, an I/O or transaction error) leaves no
// file, temporary or final, and no row or job: the writer removes its temporary file when destroyed
// uncommitted, and a committed file whose transaction failed is removed at once.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "api/router/body_sink.hpp"
#include "audit/audit_log.hpp"
#include "ingest/upload/upload_area.hpp"
#include "store/database.hpp"
#include "store/upload_repository.hpp"

namespace fg::api {

//! What the query said about the upload (validated before begin()).
struct UploadParams {
  std::string source;
  std::string mode = "strict";
};

class UploadSink final : public IBodySink {
 public:
  //! Opens the temporary file in the caller's org (ctx.scope()), once the org has no pending upload of
  //! this source (conflict) and fewer than `max_pending` pending uploads (resource_exhausted): both are
  //! answered before the body is read. internal on I/O errors. `db` and `audit` must outlive the sink.
  static Result<std::unique_ptr<IBodySink>> begin(RequestContext& ctx, UploadParams params, store::Database& db,
                                                  const audit::AuditLog& audit, std::filesystem::path data_dir,
                                                  int max_pending);

  // IBodySink
  Status write(std::string_view piece) override;
  Result<HttpResponse> finish(RequestContext& ctx) override;

  UploadSink(store::Database& db, const audit::AuditLog& audit, std::filesystem::path data_dir,
             store::UploadRecord record, ingest::UploadWriter writer);  //!< use begin()

 private:
  //! The row, its job and the audit entry, in one transaction; the job's id.
  Result<Uuid> record_upload(RequestContext& ctx);

  store::Database& db_;
  const audit::AuditLog& audit_;
  std::filesystem::path data_dir_;
  store::UploadRecord record_;
  std::optional<ingest::UploadWriter> writer_;  // reset uncommitted: the temporary file goes
  std::uint64_t received_ = 0;
};

}  // namespace fg::api
