// Job: one row of the durable queue, as the queue hands it out. References only: a kind, an org and a
// ref_id naming what to work on (an upload id, a key id). Never a secret, never a payload.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "core/time.hpp"
#include "core/uuid.hpp"
#include "store/row_set.hpp"

namespace fg::jobs {

//! The statuses of CORRECTIONS.md: `failed` will be retried automatically, `dead` needs a human.
enum class JobStatus { kQueued, kRunning, kSucceeded, kFailed, kDead };

std::string_view status_name(JobStatus status);
//! nullopt for an unknown name.
std::optional<JobStatus> parse_status(std::string_view name);

struct Job {
  Uuid id;
  OrgId org_id;
  std::string kind;
  std::string ref_id;
  std::optional<std::string> unique_key;
  bool idempotent = true;
  JobStatus status = JobStatus::kQueued;
  int attempts = 0;      //!< claims so far, this one included while running
  int max_attempts = 5;  //!< automatic attempts before `dead`
  Timestamp run_after;
  std::optional<Timestamp> lease_until;
  std::string worker_id;  //!< the holder while running; "" otherwise
  std::string last_error;
  Timestamp created_at;
  std::optional<Timestamp> finished_at;
  std::optional<Timestamp> heartbeat_at;
};

//! The column list every jobs query selects, in the table's column order (the claim call returns
//! `*`, so the order must match the table: see the migrations).
// A macro so that statements can splice it as a literal ("SELECT " FG_JOB_COLUMNS " FROM jobs"): SQL
// text is never built at run time.
#define FG_JOB_COLUMNS                                                                                         \
  "id, org_id, kind, ref_id, unique_key, idempotent, status, attempts, max_attempts, run_after, lease_until, " \
  "worker_id, last_error, created_at, finished_at, heartbeat_at"
inline constexpr std::string_view kJobColumns = FG_JOB_COLUMNS;

//! Reads row `row` of a result selected with kJobColumns (or `*`). internal on a malformed row.
Result<Job> job_from_row(const store::RowSet& rs, std::size_t row);

}  // namespace fg::jobs
