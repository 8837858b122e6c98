#include "api/routes/audit/audit_routes.hpp"

#include <memory>

#include <nlohmann/json.hpp>

#include "api/http/request_context.hpp"
#include "api/validation/query_values.hpp"
#include "audit/audit_export.hpp"
#include "audit/audit_reader.hpp"

namespace fg::api {
namespace {

constexpr int kExportBatch = 1000;
constexpr std::size_t kMaxActorBytes = 128;

Result<std::optional<std::int64_t>> time_param(const HttpRequest& req, std::string_view name) {
  std::optional<std::string> text = req.query_param(name);
  if (!text) return std::optional<std::int64_t>();
  FG_ASSIGN_OR_RETURN(Timestamp t, parse_query_time(name, *text));
  return std::optional<std::int64_t>(t.micros);
}

Result<audit::AuditQuery> parse_query(const HttpRequest& req) {
  audit::AuditQuery q;
  FG_ASSIGN_OR_RETURN(q.from_micros, time_param(req, "from"));
  FG_ASSIGN_OR_RETURN(q.to_micros, time_param(req, "to"));
  if (q.from_micros && q.to_micros && *q.from_micros >= *q.to_micros) {
    return invalid_argument_error("to: must be after from", "to");
  }
  if (std::optional<std::string> a = req.query_param("actor")) {
    if (a->empty() || a->size() > kMaxActorBytes) {
      return invalid_argument_error("actor: must be 1 to 128 characters", "actor");
    }
    q.actor_id = *a;
  }
  if (std::optional<std::string> a = req.query_param("action")) {
    if (!audit::parse_action(*a)) return invalid_argument_error("action: not an audited action", "action");
    q.action = *a;
  }
  if (std::optional<std::string> r = req.query_param("result")) {
    if (!audit::parse_result(*r)) return invalid_argument_error("result: must be success, denied or failed", "result");
    q.result = *r;
  }
  if (std::optional<std::string> c = req.query_param("cursor")) {
    FG_ASSIGN_OR_RETURN(std::int64_t before, parse_bounded_integer("cursor", *c, INT64_MAX));
    q.before_seq = before;
  }
  if (std::optional<std::string> l = req.query_param("limit")) {
    FG_ASSIGN_OR_RETURN(std::int64_t limit, parse_bounded_integer("limit", *l, audit::kMaxPageSize));
    q.limit = static_cast<int>(limit);
  }
  return q;
}

// The API's form of an entry: the export's object without the org (always the caller's), plus the time
// in ISO 8601 for people.
nlohmann::json event_schema() {
  namespace sc = schema;
  return sc::object({{"seq", sc::integer()},
                     {"ts", sc::integer()},
                     {"time", sc::date_time()},
                     {"actor_kind", sc::string()},
                     {"actor_id", sc::string()},
                     {"actor_role", sc::string()},
                     {"source_ip", sc::string()},
                     {"action", sc::string()},
                     {"target_type", sc::string()},
                     {"target_id", sc::string()},
                     {"result", sc::enumeration({"success", "denied", "failed"})},
                     {"request_id", sc::string()},
                     {"context", sc::map_of(sc::any())},
                     {"prev_hash", sc::string()},
                     {"hash", sc::string()}});
}

nlohmann::json event_json(const audit::AuditRecord& r) {
  nlohmann::json j = audit::to_json(r);
  j.erase("org_id");
  j["time"] = format_timestamp(Timestamp{r.ts_micros});
  return j;
}

// The state of one streamed export: each piece reads the next batch in a short read transaction of its
// own, so a long download holds no transaction (and no pooled connection) between pieces.
struct ExportCursor {
  store::Database& db;
  OrgScope scope;
  bool csv = false;
  std::int64_t after = 0;
  std::int64_t end = 0;  // the seq of the audit.exported entry: the export stops there
  bool header_sent = false;

  Result<std::optional<std::string>> next() {
    std::string piece;
    if (csv && !header_sent) piece = audit::csv_header() + "\n";
    header_sent = true;
    if (after >= end) return piece.empty() ? std::optional<std::string>() : std::optional<std::string>(piece);
    FG_ASSIGN_OR_RETURN(store::OrgTransaction tx, db.begin(scope, store::TxMode::kRead));
    FG_ASSIGN_OR_RETURN(std::vector<audit::AuditRecord> batch, audit::read_events_after(tx, after, kExportBatch));
    FG_TRY(tx.commit());
    if (batch.empty()) return internal_error("the audit chain ended before the export's last entry");
    for (const audit::AuditRecord& r : batch) {
      if (r.seq > end) break;
      piece += (csv ? audit::to_csv_line(r) : audit::to_json_line(r)) + "\n";
      after = r.seq;
    }
    return std::optional<std::string>(std::move(piece));
  }
};

}  // namespace

Status install_audit(Router& router, store::Database& db, const audit::AuditLog& audit) {
  FG_TRY(router.add(Route{
      .pattern = "/api/v1/audit",
      .operation_id = "listAuditEvents",
      .summary = "This organization's audit log, newest first, filtered, a page at a time (keyset cursor)",
      .tag = "audit",
      .access = Access::permission(identity::permissions::kAuditRead),
      .query = {{
          QueryParam::timestamp("from").describe("only entries at or after this time"),
          QueryParam::timestamp("to").describe("only entries before this time"),
          QueryParam::string("actor", kMaxActorBytes).describe("only entries by this actor id"),
          QueryParam::string("action", 64).describe("only entries of this audited action, e.g. user.invited"),
          QueryParam::enumeration("result", {"success", "denied", "failed"}),
          QueryParam::integer("cursor", INT64_MAX).describe("next_cursor of the previous page"),
          QueryParam::integer("limit", audit::kMaxPageSize),
      }},
      .response = responds(200,
                           schema::object({{"events", schema::array(event_schema())},
                                           {"next_cursor", schema::nullable(schema::string())}}),
                           "A page, newest first; next_cursor is the cursor of the next page"),
      .handler = [&db](RequestContext& ctx, const HttpRequest& req) -> Result<HttpResponse> {
        FG_ASSIGN_OR_RETURN(audit::AuditQuery query, parse_query(req));
        FG_ASSIGN_OR_RETURN(store::OrgTransaction tx, db.begin(ctx.scope(), store::TxMode::kRead));
        FG_ASSIGN_OR_RETURN(audit::AuditPage page, audit::list_events(tx, query));
        FG_TRY(tx.commit());
        nlohmann::json events = nlohmann::json::array();
        for (const audit::AuditRecord& r : page.records) events.push_back(event_json(r));
        nlohmann::json body = {{"events", events},
                               {"next_cursor", page.next_cursor ? nlohmann::json(std::to_string(*page.next_cursor))
                                                                : nlohmann::json(nullptr)}};
        return HttpResponse::json_value(200, body);
      }}));

  return router.add(Route{
      .pattern = "/api/v1/audit/export",
      .operation_id = "exportAuditEvents",
      .summary = "This organization's whole audit chain in order, streamed as JSON lines or CSV (Owner); audited",
      .tag = "audit",
      .access = Access::permission(identity::permissions::kAuditExport),
      .query = {{
          QueryParam::enumeration("format", {"jsonl", "csv"}).describe("jsonl (the default) or csv"),
          QueryParam::integer("after_seq", INT64_MAX).describe("resume after this sequence number"),
      }},
      .response = responds_raw("application/x-ndjson",
                               "The whole chain in order, one entry per line (text/csv with format=csv)"),
      .handler = [&db, &audit](RequestContext& ctx, const HttpRequest& req) -> Result<HttpResponse> {
        const std::string format = req.query_param("format").value_or("jsonl");
        if (format != "jsonl" && format != "csv")
          return invalid_argument_error("format: must be jsonl or csv", "format");
        std::int64_t after = 0;
        if (std::optional<std::string> a = req.query_param("after_seq")) {
          FG_ASSIGN_OR_RETURN(after, parse_bounded_integer("after_seq", *a, INT64_MAX));
        }
        auto cursor = std::make_shared<ExportCursor>(ExportCursor{db, ctx.scope(), format == "csv", after});
        // Recorded first: the chain shipped ends with the export's own entry.
        FG_ASSIGN_OR_RETURN(cursor->end, audit::record_export(db, audit, ctx.scope(), format, after, ctx.origin()));
        HttpResponse res = HttpResponse::streamed([cursor] { return cursor->next(); },
                                                  format == "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson");
        res.headers.set("Content-Disposition",
                        "attachment; filename=\"audit-" + ctx.scope().org_id().to_string() + "." + format + "\"");
        res.headers.set("Cache-Control", "no-store");
        return res;
      }});
}

}  // namespace fg::api
