#include "api/routes/ingest/ingest_routes.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/http/request_context.hpp"
#include "api/routes/ingest/quarantine_route.hpp"
#include "api/routes/ingest/upload_sink.hpp"
#include "uploads/upload_service.hpp"

namespace fg::api {
namespace {

// The file name from `Content-Disposition: attachment; filename="x.csv"` (RFC 6266; the quoted or
// token form; filename* is not read).
std::optional<std::string> disposition_filename(const HttpRequest& req) {
  std::optional<std::string_view> h = req.headers.get("Content-Disposition");
  if (!h) return std::nullopt;
  std::string_view v = *h;
  const std::size_t at = v.find("filename=");
  if (at == std::string_view::npos) return std::nullopt;
  v = v.substr(at + 9);
  if (!v.empty() && v.front() == '"') {
    v.remove_prefix(1);
    return std::string(v.substr(0, v.find('"')));
  }
  return std::string(v.substr(0, v.find(';')));
}

// A client's file name may carry a path ("C:\\exports\\x.csv"): only its last part is the source.
std::string base_name(std::string_view name) {
  const std::size_t slash = name.find_last_of("/\\");
  return std::string(slash == std::string_view::npos ? name : name.substr(slash + 1));
}

// The billing formats an upload can be read as: ingest::BillingFormat's names. The API does not link
// the readers (docs/ARCHITECTURE.md), so the list is spelled here; the uploads table's CHECK holds the
// same list, and the worker refuses a name ingest::parse_format does not know.
constexpr std::string_view kFormatList = "auto, focus, aws-cur, azure-actual, azure-amortized, gcp-billing";
const std::vector<std::string> kFormats = {"auto",         "focus",           "aws-cur",
                                           "azure-actual", "azure-amortized", "gcp-billing"};
bool ingest_format_names_contain(const std::string& f) {
  return std::find(kFormats.begin(), kFormats.end(), f) != kFormats.end();
}
nlohmann::json format_schema() {
  return schema::enumeration({"auto", "focus", "aws-cur", "azure-actual", "azure-amortized", "gcp-billing"});
}

Result<uploads::UploadRequest> parse_upload_params(const HttpRequest& req) {
  uploads::UploadRequest p;
  if (std::optional<std::string> mode = req.query_param("mode")) {
    if (*mode != "strict" && *mode != "lenient")
      return invalid_argument_error("mode: must be strict or lenient", "mode");
    p.mode = *mode;
  }
  if (std::optional<std::string> format = req.query_param("format")) {
    if (!ingest_format_names_contain(*format)) {
      return invalid_argument_error("format: must be one of " + std::string(kFormatList), "format");
    }
    p.format = *format;
  }
  if (std::optional<std::string> source = req.query_param("source")) {
    FG_TRY(uploads::check_source_name(*source, "source"));
    p.source = *source;
    return p;
  }
  std::optional<std::string> filename = req.query_param("filename");
  if (!filename) filename = disposition_filename(req);
  if (!filename) {
    return invalid_argument_error("source: give source, or the file name as filename or in Content-Disposition",
                                  "source");
  }
  p.source = base_name(*filename);
  FG_TRY(uploads::check_source_name(p.source, "filename"));
  return p;
}

// The ingest summary the job stores (summary_json in worker/handlers/ingest_upload_handler.cpp, which
// must change with it: the integration tests check every upload they read against this). A file that
// committed nothing (a strict rejection) has no delivery, periods or replaced partitions.
nlohmann::json ingest_summary_schema() {
  namespace sc = schema;
  return sc::object(
      {{"accepted", sc::boolean()},
       {"mode", sc::enumeration({"strict", "lenient"})},
       {"format", format_schema()},
       {"rows_read", sc::integer()},
       {"rows_ingested", sc::integer()},
       {"rows_quarantined", sc::integer()},
       {"rows_rounded", sc::integer()},
       {"rounding_residue_e36", sc::string()},
       {"lenient_timestamps", sc::integer()},
       {"lenient_nulls", sc::integer()},
       {"lenient_utf8", sc::integer()},
       {"billed_cost_by_currency", sc::array(sc::object({{"currency", sc::string()}, {"billed_cost", sc::decimal()}}))},
       {"quarantine_sample", sc::array(sc::object({{"line", sc::integer()}, {"reason", sc::string()}}))},
       {"quarantine_report", sc::nullable(sc::string())},
       {"quarantine_lines", sc::integer()},
       {"quarantine_truncated", sc::boolean()},
       {"validation_stopped", sc::boolean()},
       {"findings", sc::array(sc::object({{"rule", sc::string()},
                                          {"column", sc::string()},
                                          {"severity", sc::enumeration({"error", "warning"})},
                                          {"count", sc::integer()},
                                          {"lines", sc::array(sc::integer())}}))},
       {"seconds", sc::number()}},
      {{"delivery_id", sc::string()},
       {"billing_periods", sc::array(sc::date())},
       {"replaced_partitions", sc::integer()}});
}

// upload_json's shape. The summary is null until the job ran.
nlohmann::json upload_schema() {
  namespace sc = schema;
  return sc::object({{"id", sc::uuid()},
                     {"source", sc::string()},
                     {"mode", sc::enumeration({"strict", "lenient"})},
                     {"format", format_schema()},
                     {"size_bytes", sc::integer()},
                     {"sha256", sc::string()},
                     {"status", sc::enumeration({"pending", "succeeded", "failed"})},
                     {"job_id", sc::nullable(sc::uuid())},
                     {"error", sc::nullable(sc::string())},
                     {"summary", sc::nullable(ingest_summary_schema())},
                     {"created_at", sc::date_time()},
                     {"finished_at", sc::nullable(sc::date_time())}});
}

nlohmann::json upload_json(const uploads::UploadRecord& u) {
  nlohmann::json summary = nullptr;
  if (!u.summary_json.empty()) summary = nlohmann::json::parse(u.summary_json, nullptr, false);
  return {{"id", u.id.to_string()},
          {"source", u.source},
          {"mode", u.mode},
          {"format", u.format},
          {"size_bytes", u.size_bytes},
          {"sha256", u.sha256},
          {"status", std::string(uploads::upload_status_name(u.status))},
          {"job_id", u.job_id ? nlohmann::json(u.job_id->to_string()) : nlohmann::json(nullptr)},
          {"error", u.error.empty() ? nlohmann::json(nullptr) : nlohmann::json(u.error)},
          {"summary", summary.is_discarded() ? nlohmann::json(nullptr) : summary},
          {"created_at", format_timestamp(u.created_at)},
          {"finished_at", u.finished_at ? nlohmann::json(format_timestamp(*u.finished_at)) : nlohmann::json(nullptr)}};
}

}  // namespace

Status install_ingest(Router& router, store::Database& db, const audit::AuditLog& audit, IngestRouteOptions options) {
  // Shared by the routes' handlers, which the router keeps for as long as it serves.
  auto service = std::make_shared<const uploads::UploadService>(db, audit, options.data_dir);
  FG_TRY(router.add(
      Route{.method = HttpMethod::kPost,
            .pattern = "/api/v1/ingest",
            .operation_id = "uploadCostFile",
            .summary = "Upload a cost file (FOCUS or a native AWS, Azure or GCP export; CSV, .gz, .zst) for ingest; "
                       "answers 202 with the job and upload ids",
            .tag = "ingest",
            .access = Access::permission(identity::permissions::kIngestRun),
            .body_limit = static_cast<std::size_t>(options.max_upload_bytes),
            .query = {{
                QueryParam::string("source", 128).describe("the export's name; a new upload of a source replaces it"),
                QueryParam::enumeration("mode", {"strict", "lenient"}).describe("strict (the default) or lenient"),
                QueryParam::enumeration("format", kFormats)
                    .describe("the billing format: auto (the default) detects it from the header"),
                QueryParam::string("filename", 1024).describe("the file's name, used as the source when none is given"),
            }},
            .raw_body_types = {"text/csv", "application/gzip", "application/x-gzip", "application/zstd",
                               "application/octet-stream"},
            // Streamed: the query is checked and the file opened once the chain passed on the header alone,
            // before a byte of the body is read (upload_sink.hpp).
            .response = responds(202, schema::object({{"job_id", schema::uuid()}, {"upload_id", schema::uuid()}}),
                                 "Stored; the ingest.upload job ingests it"),
            .body_sink = [service, max_pending = options.max_pending_per_org](
                             RequestContext& ctx, const HttpRequest& req) -> Result<std::unique_ptr<IBodySink>> {
              FG_ASSIGN_OR_RETURN(uploads::UploadRequest request, parse_upload_params(req));
              return UploadSink::begin(ctx, std::move(request), *service, max_pending);
            }}));

  FG_TRY(router.add(Route{.pattern = "/api/v1/ingest/{upload_id}",
                          .operation_id = "getUpload",
                          .summary = "An upload's status and, once its job ran, the ingest summary",
                          .tag = "ingest",
                          .access = Access::permission(identity::permissions::kIngestRun),
                          .response = responds(200, upload_schema()),
                          .handler = [service](RequestContext& ctx, const HttpRequest&) -> Result<HttpResponse> {
                            Result<Uuid> id = Uuid::parse(ctx.param("upload_id"));
                            if (!id.ok()) return invalid_argument_error("upload_id: must be a UUID", "upload_id");
                            FG_ASSIGN_OR_RETURN(uploads::UploadRecord u, service->get(ctx.scope(), *id));
                            return HttpResponse::json_value(200, upload_json(u));
                          }}));
  return add_quarantine_route(router, service);
}

}  // namespace fg::api
