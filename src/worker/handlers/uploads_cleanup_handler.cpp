#include "worker/handlers/uploads_cleanup_handler.hpp"

#include "core/log.hpp"
#include "uploads/upload_area.hpp"
#include "uploads/upload_repository.hpp"
#include "uploads/upload_sweep.hpp"

namespace fg::worker {
namespace {

// True when no job will read upload `id`'s file any more.
Result<bool> upload_is_over(JobContext& ctx, const Uuid& id) {
  FG_ASSIGN_OR_RETURN(store::OrgTransaction tx, ctx.db().begin(ctx.scope(), store::TxMode::kRead));
  Result<uploads::UploadRecord> upload = uploads::UploadRepository::get(tx, id);
  if (!upload.ok() && upload.status().code() != StatusCode::kNotFound) return upload.status();
  FG_TRY(tx.commit());
  return !upload.ok() || upload->status != uploads::UploadStatus::kPending;
}

}  // namespace

Status UploadsCleanupHandler::operator()(JobContext& ctx) const {
  const OrgScope& scope = ctx.scope();
  const std::filesystem::file_time_type now = std::filesystem::file_time_type::clock::now();
  uploads::SweepPolicy policy;
  policy.report_retention = std::chrono::hours(24) * report_retention_days_;
  FG_ASSIGN_OR_RETURN(uploads::SweepResult swept, uploads::sweep_upload_area(data_dir_, scope, policy, now));
  // An upload's own file is old enough to be orphaned only after the temporary-file age: no upload
  // is still between its rename and its transaction by then.
  FG_ASSIGN_OR_RETURN(std::vector<Uuid> aged,
                      uploads::aged_uploads(data_dir_, scope, uploads::kStaleUploadTempAge, now));
  std::size_t orphans = 0;
  for (const Uuid& id : aged) {
    FG_ASSIGN_OR_RETURN(bool over, upload_is_over(ctx, id));
    if (!over) continue;
    uploads::remove_upload(data_dir_, scope, id, false);
    ++orphans;
  }
  log::info("uploads.cleanup done", {{"org_id", scope.org_id().to_string()},
                                     {"reports_removed", std::to_string(swept.reports_removed)},
                                     {"temps_removed", std::to_string(swept.temps_removed)},
                                     {"orphaned_uploads_removed", std::to_string(orphans)}});
  return ok_status();
}

}  // namespace fg::worker
