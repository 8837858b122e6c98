#include "worker/handlers/uploads_cleanup_handler.hpp"

#include "core/log.hpp"
#include "ingest/upload/upload_area.hpp"
#include "ingest/upload/upload_sweep.hpp"
#include "store/upload_repository.hpp"

namespace fg::worker {
namespace {

// True when no job will read upload `id`'s file any more.
Result<bool> upload_is_over(JobContext& ctx, const Uuid& id) {
  FG_ASSIGN_OR_RETURN(store::OrgTransaction tx, ctx.db().begin(ctx.scope(), store::TxMode::kRead));
  Result<store::UploadRecord> upload = store::UploadRepository::get(tx, id);
  if (!upload.ok() && upload.status().code() != StatusCode::kNotFound) return upload.status();
  FG_TRY(tx.commit());
  return !upload.ok() || upload->status != store::UploadStatus::kPending;
}

}  // namespace

Status UploadsCleanupHandler::operator()(JobContext& ctx) const {
  const OrgScope& scope = ctx.scope();
  const std::filesystem::file_time_type now = std::filesystem::file_time_type::clock::now();
  ingest::SweepPolicy policy;
  policy.report_retention = std::chrono::hours(24) * report_retention_days_;
  FG_ASSIGN_OR_RETURN(ingest::SweepResult swept, ingest::sweep_upload_area(data_dir_, scope, policy, now));
  // An upload's own file is old enough to be orphaned only after the temporary-file age: no upload
  // is still between its rename and its transaction by then.
  FG_ASSIGN_OR_RETURN(std::vector<Uuid> aged, ingest::aged_uploads(data_dir_, scope, ingest::kStaleUploadTempAge, now));
  std::size_t orphans = 0;
  for (const Uuid& id : aged) {
    FG_ASSIGN_OR_RETURN(bool over, upload_is_over(ctx, id));
    if (!over) continue;
    ingest::remove_upload(data_dir_, scope, id, false);
    ++orphans;
  }
  log::info("uploads.cleanup done", {{"org_id", scope.org_id().to_string()},
                                     {"reports_removed", std::to_string(swept.reports_removed)},
                                     {"temps_removed", std::to_string(swept.temps_removed)},
                                     {"orphaned_uploads_removed", std::to_string(orphans)}});
  return ok_status();
}

}  // namespace fg::worker
