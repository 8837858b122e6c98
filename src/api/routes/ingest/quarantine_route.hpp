// GET /api/v1/ingest/{upload_id}/quarantine (ingest.run): a lenient ingest's quarantine report, the CSV
// of the rows it could not read with their line numbers and reasons, as a download.
//
// The file is found from the caller's org and the upload id (uploads/upload_area.hpp), never from
// a path stored in the summary, and only when the upload's summary names a report: another org's
// upload, an upload without a report and a report the retention sweep already removed are all 404.
// The body is streamed in pieces (no whole file in memory).
#pragma once

#include <memory>

#include "api/router/router.hpp"
#include "uploads/upload_service.hpp"

namespace fg::api {

//! A piece of the streamed report.
inline constexpr std::size_t kQuarantinePieceBytes = 256 * 1024;

//! Adds the route. Errors as Router::add.
Status add_quarantine_route(Router& router, std::shared_ptr<const uploads::UploadService> service);

}  // namespace fg::api
