// MetricsRegistry: the server's Prometheus metrics, rendered in the text exposition format 0.0.4
// (https://prometheus.io/docs/instrumenting/exposition_formats/).
//
//   fg_http_requests_total{route,method,status}   counter
//   fg_http_request_duration_seconds{route}       histogram
//   fg_rate_limit_rejections_total{stage,class}   counter (stage "ip", "principal" or "offload_queue")
//   fg_login_failures_total                       counter (identity's observer calls count_login_failure)
//   fg_login_throttled_total                      counter (the part of it the login throttle refused)
//   fg_job_queue_depth                            gauge, from a hook the jobs module supplies
//
// Routes are labelled by pattern ("/api/v1/connections/{id}"), never by raw path, so label values are
// bounded by the route table. Thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace fg::api {

//! Histogram bucket upper bounds, seconds.
inline constexpr std::array<double, 12> kLatencyBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                           0.05,   0.1,   0.25,   0.5,   1.0,  5.0};

class MetricsRegistry {
 public:
  //! Counts one answered request. `route` is the pattern, or "unmatched"/"static".
  void observe_request(std::string_view route, std::string_view method, int status, double seconds);
  //! Counts one 429 from the rate limiter: stage "ip" or "principal", class "auth"/"mutation"/"read".
  void count_rate_limited(std::string_view stage, std::string_view rate_class);
  //! Counts one failed login attempt (identity's login failure observer calls this); `throttled`: the
  //! login throttle refused it (it also counts as a failure).
  void count_login_failure(bool throttled = false);
  //! Sets the job queue depth source; nullopt from it (or no source) leaves the gauge out.
  void set_queue_depth_source(std::function<std::optional<std::int64_t>()> source);
  //! Adds a source of ready-made exposition text (the jobs module's counters, histograms and
  //! per-status/kind depth); called at each render, outside the lock. Its families must not clash.
  void add_exposition_source(std::function<std::string()> source);

  //! The exposition text.
  std::string render() const;

 private:
  struct Histogram {
    std::array<std::uint64_t, kLatencyBuckets.size()> buckets{};
    std::uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mu_;
  std::map<std::tuple<std::string, std::string, int>, std::uint64_t> requests_;
  std::map<std::string, Histogram> latency_;
  std::map<std::pair<std::string, std::string>, std::uint64_t> rate_limited_;
  std::uint64_t login_failures_ = 0;
  std::uint64_t login_throttled_ = 0;
  std::function<std::optional<std::int64_t>()> queue_depth_;
  std::vector<std::function<std::string()>> extra_sources_;
};

}  // namespace fg::api
