#include "worker/handlers/ingest_upload_handler.hpp"

#include <optional>

#include <nlohmann/json.hpp>

#include "core/log.hpp"
#include "ingest/focus/focus_ingest.hpp"
#include "jobs/job_queue.hpp"
#include "uploads/upload_area.hpp"
#include "uploads/upload_service.hpp"

namespace fg::worker {
namespace {

// Replaces every occurrence of `needle` in `text`: error messages from the reader may name the input
// (its path under the data dir) or the source (a client's file name), and neither may reach the job
// row (DESIGN.md: errors leak nothing).
void scrub(std::string& text, const std::string& needle, std::string_view with) {
  if (needle.empty()) return;
  for (std::size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + with.size())) {
    text.replace(at, needle.size(), with);
  }
}

Status safe_error(const Status& s, const std::filesystem::path& file, const std::string& source) {
  std::string message = s.message();
  scrub(message, file.string(), "upload");
  scrub(message, file.parent_path().string(), "uploads");
  scrub(message, source, "source");
  return Status(s.code(), "ingest.upload: " + message);
}

nlohmann::json findings_json(const ingest::ConformanceReport& findings) {
  nlohmann::json out = nlohmann::json::array();
  for (const ingest::ConformanceIssue& f : findings.list()) {
    out.push_back({{"rule", f.rule},
                   {"column", f.column},
                   {"severity", f.severity == ingest::Severity::kError ? "error" : "warning"},
                   {"count", f.count},
                   {"lines", f.lines}});
  }
  return out;
}

// The upload's summary. Its shape is declared to clients by ingest_summary_schema (api/routes/ingest/
// ingest_routes.cpp); change both together.
nlohmann::json summary_json(const ingest::IngestSummary& s, const uploads::UploadRecord& upload,
                            const std::string& report_name) {
  nlohmann::json billed = nlohmann::json::array();
  for (const auto& [currency, total] : s.billed_by_currency) {
    billed.push_back({{"currency", currency}, {"billed_cost", total.to_string()}});
  }
  nlohmann::json quarantined = nlohmann::json::array();
  for (const ingest::QuarantinedRow& q : s.quarantine_sample)
    quarantined.push_back({{"line", q.line}, {"reason", q.reason}});
  nlohmann::json j = {{"accepted", s.accepted},
                      {"mode", upload.mode},
                      {"format", s.format},  // as read: the detected format when the upload said auto
                      {"rows_read", s.rows_read},
                      {"rows_ingested", s.rows_ingested},
                      {"rows_quarantined", s.rows_quarantined},
                      {"rows_rounded", s.rounded_rows},
                      {"rounding_residue_e36", int128_to_string(s.residue_e36)},
                      {"lenient_timestamps", s.lenient_timestamps},
                      {"lenient_nulls", s.lenient_nulls},
                      {"lenient_utf8", s.lenient_utf8},
                      {"billed_cost_by_currency", billed},
                      {"quarantine_sample", quarantined},
                      {"quarantine_report", s.rows_quarantined > 0 && !report_name.empty() ? nlohmann::json(report_name)
                                                                                           : nlohmann::json(nullptr)},
                      {"quarantine_lines", s.quarantine_lines},
                      {"quarantine_truncated", s.quarantine_truncated},
                      {"validation_stopped", s.validation_stopped},
                      {"findings", findings_json(s.findings)},
                      {"seconds", s.seconds}};
  if (s.commit) {
    nlohmann::json periods = nlohmann::json::array();
    for (std::int64_t p : s.commit->periods) periods.push_back(format_date(Timestamp::from_seconds(p)));
    j["delivery_id"] = s.commit->delivery_id;
    j["billing_periods"] = periods;
    j["replaced_partitions"] = s.commit->replaced_partitions;
  }
  return j;
}

}  // namespace

Status IngestUploadHandler::operator()(JobContext& ctx) const {
  const OrgScope& scope = ctx.scope();
  Result<Uuid> upload_id = Uuid::parse(ctx.job().ref_id);
  if (!upload_id.ok()) return invalid_argument_error("ingest.upload: ref_id is not an upload id");

  const uploads::UploadService service(ctx.db(), audit_, data_dir_, clock_);
  FG_ASSIGN_OR_RETURN(const uploads::UploadRecord upload, service.get(scope, *upload_id));
  if (upload.status == uploads::UploadStatus::kSucceeded) return ok_status();  // done by an earlier run

  const std::filesystem::path file = uploads::upload_path(data_dir_, scope, upload.id);
  const bool last_attempt = !ctx.job().idempotent || ctx.job().attempts >= ctx.job().max_attempts;
  // Returns `why` for the job. When `final` (the job ends dead), marks the upload failed and removes
  // its file; otherwise the job is retried and needs the file again.
  auto fail = [&](const Status& why, const nlohmann::json& summary, bool final) -> Status {
    const Status safe = safe_error(why, file, upload.source);
    if (final) {
      // The job's own error wins over the row's: the file is removed either way.
      (void)service.fail(scope, upload.id, summary.is_null() ? std::string() : summary.dump(),
                         jobs::error_summary(safe));
    }
    return safe;
  };

  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) {
    return fail(not_found_error("the uploaded file is gone"), nullptr, true);
  }
  ingest::IngestOptions options;
  options.source = upload.source;
  options.mode = upload.mode == "lenient" ? ingest::IngestMode::kLenient : ingest::IngestMode::kStrict;
  options.caps = caps_;
  const std::optional<ingest::BillingFormat> format = ingest::parse_format(upload.format);
  if (!format) return fail(invalid_argument_error("the upload's format is unknown: " + upload.format), nullptr, true);
  options.format = *format;
  std::string report_name;
  if (options.mode == ingest::IngestMode::kLenient) {
    options.quarantine_path = uploads::quarantine_report_path(data_dir_, scope, upload.id);
    report_name = uploads::quarantine_report_name(scope, upload.id);
  }
  Result<ingest::IngestSummary> summary = ingest::ingest_focus(*store_, scope, {file.string()}, options);
  if (!summary.ok()) {
    const bool permanent = is_permanent_failure(summary.status());
    const Status why(summary.status().code(), summary.status().message() + "; nothing was written");
    return fail(why, nullptr, permanent || last_attempt);
  }
  const nlohmann::json details = summary_json(*summary, upload, report_name);
  if (!summary->accepted) {
    std::string first;
    for (const ingest::ConformanceIssue& f : summary->findings.list()) {
      if (f.severity != ingest::Severity::kError) continue;
      first = f.rule + (f.column.empty() ? "" : " on " + f.column);
      break;
    }
    const std::string stopped = summary->validation_stopped
                                    ? "; validation stopped after " + std::to_string(caps_.max_strict_error_rows) +
                                          " rows with errors (setting ingest_max_strict_error_rows)"
                                    : "";
    return fail(invalid_argument_error("strict mode rejected the file (" + std::to_string(summary->findings.errors()) +
                                       " error finding(s), first: " + first + stopped + "); nothing was written"),
                details, true);
  }
  std::optional<uploads::CompletedDelivery> delivery;
  if (summary->commit) {
    delivery = uploads::CompletedDelivery{.delivery_id = summary->commit->delivery_id,
                                          .source = summary->source,
                                          .rows = summary->commit->rows,
                                          .periods = summary->commit->periods.size(),
                                          .rows_quarantined = summary->rows_quarantined};
  }
  // A worker has no request: the entry's origin is empty, and its actor is the job's (the scope).
  FG_TRY(service.succeed(scope, upload.id, details.dump(), delivery, ctx.job().id, audit::Origin{}));
  log::info("ingest.upload done", {{"upload_id", upload.id.to_string()},
                                   {"rows", std::to_string(summary->rows_ingested)},
                                   {"quarantined", std::to_string(summary->rows_quarantined)}});
  return ok_status();
}

}  // namespace fg::worker
