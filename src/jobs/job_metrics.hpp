// JobMetrics: the worker's Prometheus metrics, rendered in the text exposition format 0.0.4.
//
//   fg_job_claims_total                         counter
//   fg_job_outcomes_total{kind,status}          counter: succeeded, failed, dead, released
//   fg_job_lease_expiries_total{status}         counter: jobs this process reaped (failed or dead)
//   fg_job_duration_seconds{kind}               histogram of handler run time
//   fg_job_queue_jobs{status,kind}              gauge, from the store (render_queue_depth)
//
// Label values are job kinds and statuses: bounded by the code, never by input. Thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "store/database.hpp"

namespace fg::jobs {

inline constexpr std::array<double, 10> kJobDurationBuckets = {0.01, 0.05, 0.1, 0.5, 1, 5, 10, 60, 300, 1800};

class JobMetrics {
 public:
  void count_claim();
  void count_outcome(std::string_view kind, std::string_view status);
  void count_lease_expiry(std::string_view status);
  void observe_duration(std::string_view kind, double seconds);

  //! The counters and histograms of this process.
  std::string render() const;

 private:
  struct Histogram {
    std::array<std::uint64_t, kJobDurationBuckets.size()> buckets{};
    std::uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mu_;
  std::uint64_t claims_ = 0;
  std::map<std::pair<std::string, std::string>, std::uint64_t> outcomes_;
  std::map<std::string, std::uint64_t> expiries_;
  std::map<std::string, Histogram> durations_;
};

//! fg_job_queue_jobs{status,kind} over every org, read through PrivilegedCall::kJobQueueDepth.
Result<std::string> render_queue_depth(store::Database& db);
//! The total of queued + failed jobs (ready or backing off), for the API's single gauge.
Result<std::int64_t> pending_job_count(store::Database& db);

}  // namespace fg::jobs
