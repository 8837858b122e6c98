#include "jobs/job.hpp"

#include <array>
#include <utility>

namespace fg::jobs {
namespace {

constexpr std::array<std::pair<JobStatus, std::string_view>, 5> kStatusNames = {{
    {JobStatus::kQueued, "queued"},
    {JobStatus::kRunning, "running"},
    {JobStatus::kSucceeded, "succeeded"},
    {JobStatus::kFailed, "failed"},
    {JobStatus::kDead, "dead"},
}};

std::optional<Timestamp> opt_time(const store::RowSet& rs, std::size_t row, std::size_t col) {
  std::optional<std::int64_t> v = rs.opt_int64(row, col);
  if (!v) return std::nullopt;
  return Timestamp{*v};
}

}  // namespace

std::string_view status_name(JobStatus status) {
  for (const auto& [s, name] : kStatusNames) {
    if (s == status) return name;
  }
  return "queued";
}

std::optional<JobStatus> parse_status(std::string_view name) {
  for (const auto& [s, n] : kStatusNames) {
    if (n == name) return s;
  }
  return std::nullopt;
}

Result<Job> job_from_row(const store::RowSet& rs, std::size_t row) {
  // A row the store itself wrote failing to parse is a schema bug, reported without its contents.
  if (rs.columns().size() < 16) return internal_error("jobs: unexpected column count");
  Job j;
  Result<Uuid> id = Uuid::parse(rs.text(row, 0));
  Result<OrgId> org = OrgId::parse(rs.text(row, 1));
  std::optional<JobStatus> status = parse_status(rs.text(row, 6));
  if (!id.ok() || !org.ok() || !status) return internal_error("jobs: malformed job row");
  j.id = *id;
  j.org_id = *org;
  j.kind = rs.text(row, 2);
  j.ref_id = rs.text(row, 3);
  j.unique_key = rs.opt_text(row, 4);
  j.idempotent = rs.int64(row, 5) != 0;
  j.status = *status;
  j.attempts = static_cast<int>(rs.int64(row, 7));
  j.max_attempts = static_cast<int>(rs.int64(row, 8));
  j.run_after = Timestamp{rs.int64(row, 9)};
  j.lease_until = opt_time(rs, row, 10);
  j.worker_id = rs.text(row, 11);
  j.last_error = rs.text(row, 12);
  j.created_at = Timestamp{rs.int64(row, 13)};
  j.finished_at = opt_time(rs, row, 14);
  j.heartbeat_at = opt_time(rs, row, 15);
  return j;
}

}  // namespace fg::jobs
