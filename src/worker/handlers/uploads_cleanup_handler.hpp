// The uploads cleanup job (kind uploads.cleanup, daily per org by default): sweeps the org's upload
// directory (uploads/upload_sweep.hpp): quarantine reports older than the
// upload_report_retention_days setting, and temporary files older than a day that a crash left behind.
// Upload files are normally removed by their ingest.upload job when it ends; this job also removes
// one older than a day whose upload is no longer pending (its job ended without the handler, e.g. its
// lease expired on the last attempt) or has no row at all (a crash between the file's rename and the
// upload's transaction). A pending upload's file is its job's, whatever its age.
//
// Not audited: the reports are derived copies of rows the org's own upload sent, removed on a
// configured schedule; the counts go to the log. Idempotent: a second run finds less to remove.
#pragma once

#include <filesystem>

#include "worker/handler_table.hpp"

namespace fg::worker {

class UploadsCleanupHandler {
 public:
  UploadsCleanupHandler(std::filesystem::path data_dir, int report_retention_days)
      : data_dir_(std::move(data_dir)), report_retention_days_(report_retention_days) {}

  //! Runs the sweep as of now. internal when the directory cannot be read or a file removed, and the
  //! store's errors (all retried).
  Status operator()(JobContext& ctx) const;

 private:
  std::filesystem::path data_dir_;
  int report_retention_days_;
};

}  // namespace fg::worker
