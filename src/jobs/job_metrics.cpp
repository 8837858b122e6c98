#include "jobs/job_metrics.hpp"

#include <fmt/format.h>

namespace fg::jobs {

void JobMetrics::count_claim() {
  std::lock_guard lock(mu_);
  ++claims_;
}

void JobMetrics::count_outcome(std::string_view kind, std::string_view status) {
  std::lock_guard lock(mu_);
  ++outcomes_[{std::string(kind), std::string(status)}];
}

void JobMetrics::count_lease_expiry(std::string_view status) {
  std::lock_guard lock(mu_);
  ++expiries_[std::string(status)];
}

void JobMetrics::observe_duration(std::string_view kind, double seconds) {
  std::lock_guard lock(mu_);
  Histogram& h = durations_[std::string(kind)];
  for (std::size_t i = 0; i < kJobDurationBuckets.size(); ++i) {
    if (seconds <= kJobDurationBuckets[i]) ++h.buckets[i];
  }
  ++h.count;
  h.sum += seconds;
}

std::string JobMetrics::render() const {
  std::lock_guard lock(mu_);
  std::string out;
  out += "# HELP fg_job_claims_total Jobs claimed by this process.\n# TYPE fg_job_claims_total counter\n";
  out += fmt::format("fg_job_claims_total {}\n", claims_);
  out += "# HELP fg_job_outcomes_total Jobs finished by this process, by outcome.\n";
  out += "# TYPE fg_job_outcomes_total counter\n";
  for (const auto& [key, n] : outcomes_) {
    out += fmt::format("fg_job_outcomes_total{{kind=\"{}\",status=\"{}\"}} {}\n", key.first, key.second, n);
  }
  out += "# HELP fg_job_lease_expiries_total Running jobs whose lease ran out (worker lost), reaped here.\n";
  out += "# TYPE fg_job_lease_expiries_total counter\n";
  for (const auto& [status, n] : expiries_) {
    out += fmt::format("fg_job_lease_expiries_total{{status=\"{}\"}} {}\n", status, n);
  }
  out += "# HELP fg_job_duration_seconds Handler run time.\n# TYPE fg_job_duration_seconds histogram\n";
  for (const auto& [kind, h] : durations_) {
    for (std::size_t i = 0; i < kJobDurationBuckets.size(); ++i) {
      out += fmt::format("fg_job_duration_seconds_bucket{{kind=\"{}\",le=\"{}\"}} {}\n", kind, kJobDurationBuckets[i],
                         h.buckets[i]);
    }
    out += fmt::format("fg_job_duration_seconds_bucket{{kind=\"{}\",le=\"+Inf\"}} {}\n", kind, h.count);
    out += fmt::format("fg_job_duration_seconds_sum{{kind=\"{}\"}} {}\n", kind, h.sum);
    out += fmt::format("fg_job_duration_seconds_count{{kind=\"{}\"}} {}\n", kind, h.count);
  }
  return out;
}

namespace {

Result<store::RowSet> depth_rows(store::Database& db) {
  FG_ASSIGN_OR_RETURN(store::SystemTransaction tx, db.begin_system(store::TxMode::kRead));
  FG_ASSIGN_OR_RETURN(store::RowSet rs, tx.call(store::PrivilegedCall::kJobQueueDepth, {}));
  FG_TRY(tx.commit());
  return rs;
}

}  // namespace

Result<std::string> render_queue_depth(store::Database& db) {
  FG_ASSIGN_OR_RETURN(store::RowSet rs, depth_rows(db));
  std::string out = "# HELP fg_job_queue_jobs Jobs by status and kind, all orgs.\n# TYPE fg_job_queue_jobs gauge\n";
  for (std::size_t r = 0; r < rs.size(); ++r) {
    // Kinds come from enqueue calls in our own code, but escape anyway: a label must stay a label.
    std::string kind = rs.text(r, store::columns::JobQueueDepth::kKind);
    std::erase_if(kind, [](char c) { return c == '"' || c == '\\' || c == '\n'; });
    out += fmt::format("fg_job_queue_jobs{{status=\"{}\",kind=\"{}\"}} {}\n",
                       rs.text(r, store::columns::JobQueueDepth::kStatus), kind,
                       rs.int64(r, store::columns::JobQueueDepth::kCount));
  }
  return out;
}

Result<std::int64_t> pending_job_count(store::Database& db) {
  FG_ASSIGN_OR_RETURN(store::RowSet rs, depth_rows(db));
  std::int64_t n = 0;
  for (std::size_t r = 0; r < rs.size(); ++r) {
    const std::string& status = rs.text(r, store::columns::JobQueueDepth::kStatus);
    if (status == "queued" || status == "failed") n += rs.int64(r, store::columns::JobQueueDepth::kCount);
  }
  return n;
}

}  // namespace fg::jobs
