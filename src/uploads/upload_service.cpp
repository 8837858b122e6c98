#include "uploads/upload_service.hpp"

#include "jobs/job_queue.hpp"

namespace fg::uploads {

Status append_ingest_completed(store::OrgTransaction& tx, const audit::AuditLog& audit,
                               const CompletedDelivery& delivery, const audit::Origin& origin,
                               const std::optional<Uuid>& upload_id, const std::optional<Uuid>& job_id) {
  audit::AuditEvent event{.action = audit::AuditAction::kIngestCompleted,
                          .target_type = "delivery",
                          .target_id = delivery.delivery_id,
                          .origin = origin,
                          .context = {{"source", delivery.source},
                                      {"rows", delivery.rows},
                                      {"periods", delivery.periods},
                                      {"rows_quarantined", delivery.rows_quarantined}}};
  if (upload_id) event.context["upload_id"] = upload_id->to_string();
  if (job_id) event.context["job_id"] = job_id->to_string();
  // Once per delivery id (CORRECTIONS.md: an ingest is audited after its manifest swap commits; the id
  // makes a re-run of the same write idempotent).
  return audit.append_once(tx, event);
}

Result<UploadDraft> UploadService::begin(const OrgScope& scope, UploadRequest request, int max_pending) const {
  // Both refusals come before a byte of the body is read (issue 20): a client learns of a pending
  // upload of its source, or of its org's full queue, without having sent a gigabyte for nothing.
  // accept() re-checks the source under its unique index (a concurrent upload can still race here).
  {
    FG_ASSIGN_OR_RETURN(store::OrgTransaction tx, db_.begin(scope, store::TxMode::kRead));
    FG_ASSIGN_OR_RETURN(PendingUploads pending, UploadRepository::pending(tx, request.source));
    tx.rollback();
    if (pending.of_source > 0) return conflict_error("an upload of this source is already pending");
    if (pending.total >= max_pending) {
      return resource_exhausted_error(
          "this organization has too many uploads waiting for their ingest (setting upload_max_pending_per_org)");
    }
  }
  UploadRecord record;
  record.id = Uuid::random();
  record.source = std::move(request.source);
  record.mode = std::move(request.mode);
  record.format = std::move(request.format);
  record.created_by = scope.actor().id;
  record.created_at = clock_.now();
  FG_ASSIGN_OR_RETURN(UploadWriter writer, UploadWriter::create(data_dir_, scope, record.id));
  return UploadDraft(std::move(record), std::move(writer));
}

Result<AcceptedUpload> UploadService::accept(const OrgScope& scope, UploadDraft draft,
                                             const audit::Origin& origin) const {
  // An empty body is refused uncommitted: the draft's writer removes its temporary file.
  if (draft.received_ == 0) return invalid_argument_error("body: the file is empty", "body");
  UploadRecord& record = draft.record_;
  Result<StoredUpload> stored = draft.writer_.commit();
  if (!stored.ok()) {
    // A commit can fail after its rename (the directory fsync): the file must not outlive the request.
    remove_upload(data_dir_, scope, record.id, false);
    return stored.status();
  }
  record.size_bytes = static_cast<std::int64_t>(stored->size_bytes);
  record.sha256 = stored->sha256;
  auto record_upload = [&]() -> Result<Uuid> {
    FG_ASSIGN_OR_RETURN(store::OrgTransaction tx, db_.begin(scope));
    FG_TRY(UploadRepository::insert(tx, record));
    jobs::JobQueue queue(db_);
    // The job names the upload by id only: the source (a client's file name) stays out of the queue.
    FG_ASSIGN_OR_RETURN(jobs::EnqueueResult job, queue.enqueue(tx, {jobs::kIngestUploadKind, record.id.to_string(),
                                                                    "upload:" + record.id.to_string(), std::nullopt}));
    FG_TRY(UploadRepository::set_job(tx, record.id, job.job_id));
    FG_TRY(audit_.append(tx, {.action = audit::AuditAction::kIngestRequested,
                              .target_type = "upload",
                              .target_id = record.id.to_string(),
                              .origin = origin,
                              .context = {{"source", record.source},
                                          {"mode", record.mode},
                                          {"format", record.format},
                                          {"size_bytes", record.size_bytes},
                                          {"job_id", job.job_id.to_string()}}}));
    FG_TRY(tx.commit());
    return job.job_id;
  };
  Result<Uuid> job_id = record_upload();
  if (!job_id.ok()) {
    remove_upload(data_dir_, scope, record.id, false);
    return job_id.status();
  }
  return AcceptedUpload{.upload_id = record.id, .job_id = *job_id};
}

Result<UploadRecord> UploadService::get(const OrgScope& scope, const Uuid& id) const {
  FG_ASSIGN_OR_RETURN(store::OrgTransaction tx, db_.begin(scope, store::TxMode::kRead));
  FG_ASSIGN_OR_RETURN(UploadRecord upload, UploadRepository::get(tx, id));
  FG_TRY(tx.commit());
  return upload;
}

Status UploadService::succeed(const OrgScope& scope, const Uuid& id, const std::string& summary_json,
                              const std::optional<CompletedDelivery>& delivery, const Uuid& job_id,
                              const audit::Origin& origin) const {
  {
    // The delivery is committed; its audit entry and the upload's state follow in one transaction.
    // A crash in between re-runs the job, which re-ingests the same bytes into the same periods.
    FG_ASSIGN_OR_RETURN(store::OrgTransaction tx, db_.begin(scope));
    if (delivery) {
      FG_TRY(append_ingest_completed(tx, audit_, *delivery, origin, id, job_id));
    }
    FG_TRY(UploadRepository::finish(tx, id, UploadStatus::kSucceeded, summary_json, "", clock_.now()));
    FG_TRY(tx.commit());
  }
  remove_upload(data_dir_, scope, id, false);
  return ok_status();
}

Status UploadService::fail(const OrgScope& scope, const Uuid& id, const std::string& summary_json,
                           const std::string& error) const {
  Status recorded = [&]() -> Status {
    FG_ASSIGN_OR_RETURN(store::OrgTransaction tx, db_.begin(scope));
    FG_TRY(UploadRepository::finish(tx, id, UploadStatus::kFailed, summary_json, error, clock_.now()));
    return tx.commit();
  }();
  // The upload row keeps the size, sha256 and findings; the bytes have no use left.
  remove_upload(data_dir_, scope, id, false);
  return recorded;
}

Status UploadService::record_delivery(const OrgScope& scope, const CompletedDelivery& delivery,
                                      const audit::Origin& origin) const {
  FG_ASSIGN_OR_RETURN(store::OrgTransaction tx, db_.begin(scope));
  FG_TRY(append_ingest_completed(tx, audit_, delivery, origin));
  return tx.commit();
}

}  // namespace fg::uploads
