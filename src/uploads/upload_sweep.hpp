// The upload area's sweep: what the uploads.cleanup job removes from one org's upload directory
// (upload_area.hpp), so that nothing a client sent lingers there past its use.
//
//   <upload_id>.quarantine.csv   a lenient ingest's report: kept `report_retention`, then removed
//   .tmp-<upload_id>             a write that never finished (a crash mid-upload): removed once
//                                older than `temp_age` (a live upload touches its file on every piece)
// Ages are the files' modification times. Upload files themselves are removed by their job when it
// ends (worker/handlers/ingest_upload_handler.hpp); the sweep leaves them and any other name alone,
// and never follows a symbolic link. aged_uploads() lists the upload files a crash may have orphaned,
// for the caller to check against their upload rows (this module cannot read the store).
#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <vector>

#include "core/org_scope.hpp"
#include "core/result.hpp"
#include "core/uuid.hpp"

namespace fg::uploads {

//! A temporary file older than this cannot belong to a live upload (the body timeout is per piece).
inline constexpr std::chrono::hours kStaleUploadTempAge{24};

struct SweepPolicy {
  std::chrono::hours report_retention{24 * 30};
  std::chrono::hours temp_age = kStaleUploadTempAge;
};

struct SweepResult {
  std::size_t reports_removed = 0;
  std::size_t temps_removed = 0;
};

//! Sweeps DATA_DIR/uploads/<org_id> as of `now` (a missing directory is an empty one). internal when
//! the directory cannot be read or a file cannot be removed (the message names no path).
Result<SweepResult> sweep_upload_area(const std::filesystem::path& data_dir, const OrgScope& scope,
                                      const SweepPolicy& policy, std::filesystem::file_time_type now);

//! The ids of the upload files (named <upload_id>) in DATA_DIR/uploads/<org_id> last written at least
//! `min_age` before `now`. internal when the directory cannot be read.
Result<std::vector<Uuid>> aged_uploads(const std::filesystem::path& data_dir, const OrgScope& scope,
                                       std::chrono::hours min_age, std::filesystem::file_time_type now);

}  // namespace fg::uploads
