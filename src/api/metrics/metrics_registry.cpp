#include "api/metrics/metrics_registry.hpp"

#include <fmt/format.h>

namespace fg::api {
namespace {

// Label values come from the route table and fixed names, but escape anyway: the format breaks on a
// stray quote, backslash or newline.
std::string escape_label(std::string_view v) {
  std::string out;
  for (char c : v) {
    if (c == '\\' || c == '"') out.push_back('\\');
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out.push_back(c);
  }
  return out;
}

}  // namespace

void MetricsRegistry::observe_request(std::string_view route, std::string_view method, int status, double seconds) {
  std::lock_guard lock(mu_);
  ++requests_[{std::string(route), std::string(method), status}];
  Histogram& h = latency_[std::string(route)];
  for (std::size_t i = 0; i < kLatencyBuckets.size(); ++i) {
    if (seconds <= kLatencyBuckets[i]) ++h.buckets[i];
  }
  ++h.count;
  h.sum += seconds;
}

void MetricsRegistry::count_rate_limited(std::string_view stage, std::string_view rate_class) {
  std::lock_guard lock(mu_);
  ++rate_limited_[{std::string(stage), std::string(rate_class)}];
}

void MetricsRegistry::count_login_failure(bool throttled) {
  std::lock_guard lock(mu_);
  ++login_failures_;
  if (throttled) ++login_throttled_;
}

void MetricsRegistry::set_queue_depth_source(std::function<std::optional<std::int64_t>()> source) {
  std::lock_guard lock(mu_);
  queue_depth_ = std::move(source);
}

void MetricsRegistry::add_exposition_source(std::function<std::string()> source) {
  std::lock_guard lock(mu_);
  extra_sources_.push_back(std::move(source));
}

std::string MetricsRegistry::render() const {
  std::function<std::optional<std::int64_t>()> depth_source;
  std::vector<std::function<std::string()>> extra;
  std::string out;
  {
    std::lock_guard lock(mu_);
    depth_source = queue_depth_;
    extra = extra_sources_;
    out += "# HELP fg_http_requests_total HTTP requests answered, by route pattern, method and status.\n";
    out += "# TYPE fg_http_requests_total counter\n";
    for (const auto& [key, n] : requests_) {
      const auto& [route, method, status] = key;
      out += fmt::format("fg_http_requests_total{{route=\"{}\",method=\"{}\",status=\"{}\"}} {}\n", escape_label(route),
                         escape_label(method), status, n);
    }
    out += "# HELP fg_http_request_duration_seconds Time from a complete request to its response.\n";
    out += "# TYPE fg_http_request_duration_seconds histogram\n";
    for (const auto& [route, h] : latency_) {
      const std::string r = escape_label(route);
      for (std::size_t i = 0; i < kLatencyBuckets.size(); ++i) {
        out += fmt::format("fg_http_request_duration_seconds_bucket{{route=\"{}\",le=\"{}\"}} {}\n", r,
                           kLatencyBuckets[i], h.buckets[i]);
      }
      out += fmt::format("fg_http_request_duration_seconds_bucket{{route=\"{}\",le=\"+Inf\"}} {}\n", r, h.count);
      out += fmt::format("fg_http_request_duration_seconds_sum{{route=\"{}\"}} {}\n", r, h.sum);
      out += fmt::format("fg_http_request_duration_seconds_count{{route=\"{}\"}} {}\n", r, h.count);
    }
    out += "# HELP fg_rate_limit_rejections_total Requests refused with 429, by stage and rate class.\n";
    out += "# TYPE fg_rate_limit_rejections_total counter\n";
    for (const auto& [key, n] : rate_limited_) {
      out += fmt::format("fg_rate_limit_rejections_total{{stage=\"{}\",class=\"{}\"}} {}\n", escape_label(key.first),
                         escape_label(key.second), n);
    }
    out += "# HELP fg_login_failures_total Failed login attempts.\n";
    out += "# TYPE fg_login_failures_total counter\n";
    out += fmt::format("fg_login_failures_total {}\n", login_failures_);
    out += "# HELP fg_login_throttled_total Failed login attempts refused by the login throttle unchecked.\n";
    out += "# TYPE fg_login_throttled_total counter\n";
    out += fmt::format("fg_login_throttled_total {}\n", login_throttled_);
  }
  // The hook may query the database: call it outside the lock.
  if (depth_source) {
    if (std::optional<std::int64_t> depth = depth_source()) {
      out += "# HELP fg_job_queue_depth Jobs waiting in the queue.\n";
      out += "# TYPE fg_job_queue_depth gauge\n";
      out += fmt::format("fg_job_queue_depth {}\n", *depth);
    }
  }
  for (const auto& source : extra) out += source();
  return out;
}

}  // namespace fg::api
