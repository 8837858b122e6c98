#include "api/metrics/metrics_registry.hpp"

#include <gtest/gtest.h>

namespace fg::api {
namespace {

bool contains(const std::string& text, const std::string& needle) {
  return text.find(needle) != std::string::npos;
}

TEST(MetricsRegistryTest, CountsRequestsByRouteMethodStatus) {
  MetricsRegistry m;
  m.observe_request("/healthz", "GET", 200, 0.0001);
  m.observe_request("/healthz", "GET", 200, 0.002);
  m.observe_request("/api/v1/me", "GET", 401, 0.0001);
  const std::string t = m.render();
  EXPECT_TRUE(contains(t, "fg_http_requests_total{route=\"/healthz\",method=\"GET\",status=\"200\"} 2"));
  EXPECT_TRUE(contains(t, "fg_http_requests_total{route=\"/api/v1/me\",method=\"GET\",status=\"401\"} 1"));
}

TEST(MetricsRegistryTest, HistogramBucketsAreCumulative) {
  MetricsRegistry m;
  m.observe_request("/r", "GET", 200, 0.0004);
  m.observe_request("/r", "GET", 200, 0.003);
  const std::string t = m.render();
  EXPECT_TRUE(contains(t, "fg_http_request_duration_seconds_bucket{route=\"/r\",le=\"0.0005\"} 1"));
  EXPECT_TRUE(contains(t, "fg_http_request_duration_seconds_bucket{route=\"/r\",le=\"0.005\"} 2"));
  EXPECT_TRUE(contains(t, "fg_http_request_duration_seconds_bucket{route=\"/r\",le=\"+Inf\"} 2"));
  EXPECT_TRUE(contains(t, "fg_http_request_duration_seconds_count{route=\"/r\"} 2"));
}

TEST(MetricsRegistryTest, LoginFailuresAndQueueDepth) {
  MetricsRegistry m;
  EXPECT_FALSE(contains(m.render(), "fg_job_queue_depth"));
  m.count_login_failure();
  m.count_login_failure(/*throttled=*/true);
  m.set_queue_depth_source([] { return std::optional<std::int64_t>(7); });
  const std::string t = m.render();
  EXPECT_TRUE(contains(t, "fg_login_failures_total 2"));
  EXPECT_TRUE(contains(t, "fg_login_throttled_total 1"));
  EXPECT_TRUE(contains(t, "fg_job_queue_depth 7"));
}

TEST(MetricsRegistryTest, LabelValuesAreEscaped) {
  MetricsRegistry m;
  m.observe_request("a\"b\\c\nd", "GET", 200, 0.1);
  EXPECT_TRUE(contains(m.render(), "route=\"a\\\"b\\\\c\\nd\""));
}

}  // namespace
}  // namespace fg::api
