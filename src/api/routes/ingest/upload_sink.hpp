// UploadSink: the body of POST /api/v1/ingest, written to its upload file piece by piece as it arrives
// (IBodySink), so an upload of any size costs one piece of memory, never the file.
//
//   begin   (after the chain and the query checks passed on the header alone): UploadService::begin
//           refuses a pending upload of the source or a full queue, and opens the temporary file
//   write   appends and hashes each piece
//   finish  UploadService::accept: commit the file, then the upload row, its ingest.upload job and
//           ingest.requested in one transaction. 202 {job_id, upload_id}.
// Whatever stops it first (the client leaves, a timeout, 413, an I/O or transaction error) leaves no
// file, temporary or final, and no row or job (uploads/upload_service.hpp).
#pragma once

#include <memory>
#include <optional>

#include "api/router/body_sink.hpp"
#include "uploads/upload_service.hpp"

namespace fg::api {

class UploadSink final : public IBodySink {
 public:
  //! The sink of one upload in the caller's org (ctx.scope()); errors as UploadService::begin, all
  //! answered before the body is read. `service` must outlive the sink.
  static Result<std::unique_ptr<IBodySink>> begin(RequestContext& ctx, uploads::UploadRequest request,
                                                  const uploads::UploadService& service, int max_pending);

  // IBodySink
  Status write(std::string_view piece) override;
  Result<HttpResponse> finish(RequestContext& ctx) override;

  UploadSink(const uploads::UploadService& service, uploads::UploadDraft draft);  //!< use begin()

 private:
  const uploads::UploadService& service_;
  std::optional<uploads::UploadDraft> draft_;  // reset unaccepted: the temporary file goes
};

}  // namespace fg::api
