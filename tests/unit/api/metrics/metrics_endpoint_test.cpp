#include "api/metrics/metrics_endpoint.hpp"

#include <gtest/gtest.h>

#include "unit/api/api_test_support.hpp"

namespace fg::api {
namespace {

TEST(MetricsEndpointTest, ServesOnlyMetrics) {
  auto registry = std::make_shared<MetricsRegistry>();
  registry->count_login_failure();
  MetricsEndpoint e(registry);
  HttpResponse ok = e.handle(test::request(HttpMethod::kGet, "/metrics"), {});
  EXPECT_EQ(ok.status, 200);
  EXPECT_NE(ok.body.find("fg_login_failures_total 1"), std::string::npos);
  EXPECT_NE(std::string(*ok.headers.get("Content-Type")).find("version=0.0.4"), std::string::npos);
  EXPECT_EQ(e.handle(test::request(HttpMethod::kGet, "/healthz"), {}).status, 404);
  EXPECT_EQ(e.handle(test::request(HttpMethod::kPost, "/metrics"), {}).status, 405);
  EXPECT_EQ(e.body_limit(HttpMethod::kPost, "/metrics"), 0u);
}

}  // namespace
}  // namespace fg::api
