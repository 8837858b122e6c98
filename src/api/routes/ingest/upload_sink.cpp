#include "api/routes/ingest/upload_sink.hpp"

#include <nlohmann/json.hpp>

#include "api/http/request_context.hpp"
#include "jobs/job_queue.hpp"

namespace fg::api {

Result<std::unique_ptr<IBodySink>> UploadSink::begin(RequestContext& ctx, UploadParams params, store::Database& db,
                                                     const audit::AuditLog& audit, std::filesystem::path data_dir,
                                                     int max_pending) {
  const OrgScope& scope = ctx.scope();
  // Both refusals come before a byte of the body is read (issue 20): a client learns of a pending
  // upload of its source, or of its org's full queue, without having sent a gigabyte for nothing.
  // The insert re-checks the source under its unique index (a concurrent upload can still race here).
  {
    FG_ASSIGN_OR_RETURN(store::OrgTransaction tx, db.begin(scope, store::TxMode::kRead));
    FG_ASSIGN_OR_RETURN(store::PendingUploads pending, store::UploadRepository::pending(tx, params.source));
    tx.rollback();
    if (pending.of_source > 0) return conflict_error("an upload of this source is already pending");
    if (pending.total >= max_pending) {
      return resource_exhausted_error(
          "this organization has too many uploads waiting for their ingest (setting upload_max_pending_per_org)");
    }
  }
  store::UploadRecord record;
  record.id = Uuid::random();
  record.source = std::move(params.source);
  record.mode = std::move(params.mode);
  record.created_by = scope.actor().id;
  record.created_at = SystemClock::instance().now();
  FG_ASSIGN_OR_RETURN(ingest::UploadWriter writer, ingest::UploadWriter::create(data_dir, scope, record.id));
  std::unique_ptr<IBodySink> sink =
      std::make_unique<UploadSink>(db, audit, std::move(data_dir), std::move(record), std::move(writer));
  return sink;
}

UploadSink::UploadSink(store::Database& db, const audit::AuditLog& audit, std::filesystem::path data_dir,
                       store::UploadRecord record, ingest::UploadWriter writer)
    : db_(db), audit_(audit), data_dir_(std::move(data_dir)), record_(std::move(record)) {
  writer_.emplace(std::move(writer));
}

Status UploadSink::write(std::string_view piece) {
  if (!writer_) return internal_error("uploads: the upload is closed");
  received_ += piece.size();
  return writer_->append(piece);
}

Result<HttpResponse> UploadSink::finish(RequestContext& ctx) {
  if (!writer_) return internal_error("uploads: the upload is closed");
  if (received_ == 0) return invalid_argument_error("body: the file is empty", "body");
  Result<ingest::StoredUpload> stored = writer_->commit();
  writer_.reset();
  if (!stored.ok()) {
    // A commit can fail after its rename (the directory fsync): the file must not outlive the request.
    ingest::remove_upload(data_dir_, ctx.scope(), record_.id, false);
    return stored.status();
  }
  record_.size_bytes = static_cast<std::int64_t>(stored->size_bytes);
  record_.sha256 = stored->sha256;
  Result<Uuid> job_id = record_upload(ctx);
  if (!job_id.ok()) {
    ingest::remove_upload(data_dir_, ctx.scope(), record_.id, false);
    return job_id.status();
  }
  return HttpResponse::json_value(
      202, nlohmann::json{{"job_id", job_id->to_string()}, {"upload_id", record_.id.to_string()}});
}

Result<Uuid> UploadSink::record_upload(RequestContext& ctx) {
  FG_ASSIGN_OR_RETURN(store::OrgTransaction tx, db_.begin(ctx.scope()));
  FG_TRY(store::UploadRepository::insert(tx, record_));
  jobs::JobQueue queue(db_);
  // The job names the upload by id only: the source (a client's file name) stays out of the queue.
  FG_ASSIGN_OR_RETURN(jobs::EnqueueResult job, queue.enqueue(tx, {jobs::kIngestUploadKind, record_.id.to_string(),
                                                                  "upload:" + record_.id.to_string(), std::nullopt}));
  FG_TRY(store::UploadRepository::set_job(tx, record_.id, job.job_id));
  const audit::AuditEvent event{.action = audit::AuditAction::kIngestRequested,
                                .target_type = "upload",
                                .target_id = record_.id.to_string(),
                                .origin = ctx.origin(),
                                .context = {{"source", record_.source},
                                            {"mode", record_.mode},
                                            {"size_bytes", record_.size_bytes},
                                            {"job_id", job.job_id.to_string()}}};
  FG_TRY(audit_.append(tx, event));
  FG_TRY(tx.commit());
  return job.job_id;
}

}  // namespace fg::api
