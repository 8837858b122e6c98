#include "api/routes/ingest/quarantine_route.hpp"

#include <fstream>
#include <memory>

#include <nlohmann/json.hpp>

#include "api/http/request_context.hpp"
#include "uploads/upload_area.hpp"

namespace fg::api {

Status add_quarantine_route(Router& router, std::shared_ptr<const uploads::UploadService> service) {
  return router.add(Route{
      .pattern = "/api/v1/ingest/{upload_id}/quarantine",
      .operation_id = "downloadQuarantineReport",
      .summary = "A lenient ingest's quarantine report (CSV of the rows it could not read, with line numbers)",
      .tag = "ingest",
      .access = Access::permission(identity::permissions::kIngestRun),
      .response = responds_raw("text/csv", "The quarantined rows: line, reason and the row as read"),
      .handler = [service = std::move(service)](RequestContext& ctx, const HttpRequest&) -> Result<HttpResponse> {
        Result<Uuid> id = Uuid::parse(ctx.param("upload_id"));
        if (!id.ok()) return invalid_argument_error("upload_id: must be a UUID", "upload_id");
        FG_ASSIGN_OR_RETURN(uploads::UploadRecord u, service->get(ctx.scope(), *id));
        // Only an upload whose summary names a report has one; a strict or clean ingest has none.
        const nlohmann::json summary = nlohmann::json::parse(u.summary_json, nullptr, false);
        if (summary.is_discarded() || !summary.is_object() || !summary.contains("quarantine_report") ||
            !summary["quarantine_report"].is_string() || summary["quarantine_report"].get<std::string>().empty()) {
          return not_found_error("this upload has no quarantine report");
        }
        auto in = std::make_shared<std::ifstream>(
            uploads::quarantine_report_path(service->data_dir(), ctx.scope(), *id), std::ios::binary);
        if (!*in) return not_found_error("the quarantine report is no longer kept (upload_report_retention_days)");
        HttpResponse res = HttpResponse::streamed(
            [in]() -> Result<std::optional<std::string>> {
              std::string piece(kQuarantinePieceBytes, '\0');
              in->read(piece.data(), static_cast<std::streamsize>(piece.size()));
              piece.resize(static_cast<std::size_t>(in->gcount()));
              if (in->bad()) return internal_error("reading the quarantine report failed");
              if (piece.empty()) return std::optional<std::string>();
              return std::optional<std::string>(std::move(piece));
            },
            "text/csv; charset=utf-8");
        res.headers.set("Content-Disposition", "attachment; filename=\"quarantine-" + id->to_string() + ".csv\"");
        res.headers.set("Cache-Control", "no-store");
        return res;
      }});
}

}  // namespace fg::api
