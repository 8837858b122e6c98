#include "uploads/upload_repository.hpp"

namespace fg::uploads {

using store::OrgTransaction;
using store::RowSet;
using store::SqlValue;

namespace {

#define FG_UPLOAD_COLUMNS \
  "id, source, mode, size_bytes, sha256, status, job_id, summary, error, created_by, created_at, finished_at, format"

std::optional<UploadStatus> parse_upload_status(std::string_view s) {
  if (s == "pending") return UploadStatus::kPending;
  if (s == "succeeded") return UploadStatus::kSucceeded;
  if (s == "failed") return UploadStatus::kFailed;
  return std::nullopt;
}

Result<UploadRecord> record_from_row(const RowSet& rs, std::size_t r) {
  UploadRecord u;
  Result<Uuid> id = Uuid::parse(rs.text(r, 0));
  std::optional<UploadStatus> status = parse_upload_status(rs.text(r, 5));
  if (!id.ok() || !status) return internal_error("uploads: malformed row");
  u.id = *id;
  u.source = rs.text(r, 1);
  u.mode = rs.text(r, 2);
  u.size_bytes = rs.int64(r, 3);
  u.sha256 = rs.text(r, 4);
  u.status = *status;
  if (!rs.is_null(r, 6)) {
    Result<Uuid> job = Uuid::parse(rs.text(r, 6));
    if (!job.ok()) return internal_error("uploads: malformed job id");
    u.job_id = *job;
  }
  u.summary_json = rs.text(r, 7);
  u.error = rs.text(r, 8);
  u.created_by = rs.text(r, 9);
  u.created_at = Timestamp{rs.int64(r, 10)};
  if (std::optional<std::int64_t> f = rs.opt_int64(r, 11)) u.finished_at = Timestamp{*f};
  u.format = rs.text(r, 12);
  return u;
}

}  // namespace

std::string_view upload_status_name(UploadStatus status) {
  switch (status) {
    case UploadStatus::kPending: return "pending";
    case UploadStatus::kSucceeded: return "succeeded";
    case UploadStatus::kFailed: return "failed";
  }
  return "failed";
}

Status UploadRepository::insert(OrgTransaction& tx, const UploadRecord& r) {
  // ON CONFLICT DO NOTHING: the partial unique index on pending sources answers "conflict" without
  // aborting the caller's transaction on PostgreSQL.
  FG_ASSIGN_OR_RETURN(
      std::int64_t n,
      tx.exec(
          "INSERT INTO uploads (id, org_id, source, mode, format, size_bytes, sha256, status, created_by, "
          "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', $8, $9) ON CONFLICT DO NOTHING",
          {r.id, tx.org_id(), r.source, r.mode, r.format, r.size_bytes, r.sha256, r.created_by, r.created_at.micros}));
  if (n != 1) return conflict_error("an upload of this source is already pending");
  return ok_status();
}

Result<PendingUploads> UploadRepository::pending(OrgTransaction& tx, const std::string& source) {
  FG_ASSIGN_OR_RETURN(RowSet rs, tx.query("SELECT count(*), COALESCE(sum(CASE WHEN source = $2 THEN 1 ELSE 0 END), 0) "
                                          "FROM uploads WHERE org_id = $1 AND status = 'pending'",
                                          {tx.org_id(), source}));
  return PendingUploads{rs.int64(0, 0), rs.int64(0, 1)};
}

Status UploadRepository::set_job(OrgTransaction& tx, const Uuid& id, const Uuid& job_id) {
  FG_ASSIGN_OR_RETURN(std::int64_t n, tx.exec("UPDATE uploads SET job_id = $1 WHERE id = $2 AND org_id = $3",
                                              {job_id, id, tx.org_id()}));
  return n == 1 ? ok_status() : not_found_error("upload not found");
}

Result<UploadRecord> UploadRepository::get(OrgTransaction& tx, const Uuid& id) {
  FG_ASSIGN_OR_RETURN(RowSet rs, tx.query("SELECT " FG_UPLOAD_COLUMNS " FROM uploads WHERE id = $1 AND org_id = $2",
                                          {id, tx.org_id()}));
  if (rs.empty()) return not_found_error("upload not found");
  return record_from_row(rs, 0);
}

Status UploadRepository::finish(OrgTransaction& tx, const Uuid& id, UploadStatus status,
                                const std::string& summary_json, const std::string& error, Timestamp now) {
  // The count is not checked: a succeeded upload is left as it is on purpose.
  FG_ASSIGN_OR_RETURN(
      [[maybe_unused]] std::int64_t changed,
      tx.exec("UPDATE uploads SET status = $1, summary = $2, error = $3, finished_at = $4 WHERE id = $5 AND "
              "org_id = $6 AND status <> 'succeeded'",
              {std::string(upload_status_name(status)), summary_json.empty() ? SqlValue() : SqlValue(summary_json),
               error.empty() ? SqlValue() : SqlValue(error), now.micros, id, tx.org_id()}));
  return ok_status();
}

}  // namespace fg::uploads
