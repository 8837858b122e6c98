#include "api/middleware/limits.hpp"

#include <gtest/gtest.h>

#include "unit/api/api_test_support.hpp"

namespace fg::api {
namespace {

int status_of(const HttpRequest& req, const Route* route = nullptr, LimitsConfig cfg = {}) {
  LimitsMiddleware m(cfg);
  RequestContext ctx;
  ctx.route = route;
  HttpResponse out;
  return m.on_request(ctx, req, out) == Verdict::kContinue ? 0 : out.status;
}

TEST(LimitsTest, RequestWithinLimitsContinues) {
  Route r = test::route(HttpMethod::kPost, "/x");
  r.body_limit = 10;
  EXPECT_EQ(status_of(test::request(HttpMethod::kPost, "/x", "0123456789"), &r), 0);
}

TEST(LimitsTest, BodyOverRouteLimitIs413) {
  Route r = test::route(HttpMethod::kPost, "/x");
  r.body_limit = 10;
  EXPECT_EQ(status_of(test::request(HttpMethod::kPost, "/x", "01234567890"), &r), 413);
}

TEST(LimitsTest, BodylessRouteLeavesASmallStrayBodyToValidation) {
  Route r = test::route(HttpMethod::kPost, "/api/v1/auth/logout", Access::authenticated());
  EXPECT_EQ(status_of(test::request(HttpMethod::kPost, "/x", "{}"), &r), 0);
  EXPECT_EQ(status_of(test::request(HttpMethod::kPost, "/x", std::string(kNoBodyRouteAllowance + 1, 'a')), &r), 413);
}

TEST(LimitsTest, UnroutedRequestsTakeNoBody) {
  EXPECT_EQ(status_of(test::request(HttpMethod::kPost, "/nowhere", "x")), 413);
}

TEST(LimitsTest, TooManyHeadersIs431) {
  HttpRequest req = test::request(HttpMethod::kGet, "/x");
  for (std::size_t i = 0; i < kMaxHeaderCount; ++i) req.headers.add("X-H" + std::to_string(i), "v");
  EXPECT_EQ(status_of(req), 431);
}

TEST(LimitsTest, LongTargetIs414) {
  EXPECT_EQ(status_of(test::request(HttpMethod::kGet, "/" + std::string(kMaxTargetBytes, 'a'))), 414);
}

TEST(LimitsTest, RepeatedFramingHeadersAre400) {
  HttpRequest req = test::request(HttpMethod::kGet, "/x");
  req.headers.add("Host", "other.example");
  EXPECT_EQ(status_of(req), 400);
  HttpRequest cl = test::request(HttpMethod::kGet, "/x");
  cl.headers.add("Content-Length", "0");
  cl.headers.add("Content-Length", "0");
  EXPECT_EQ(status_of(cl), 400);
}

TEST(LimitsTest, UnknownMethodIs501) {
  EXPECT_EQ(status_of(test::request(HttpMethod::kOther, "/x")), 501);
}

TEST(LimitsTest, RefusalsCloseTheConnection) {
  LimitsMiddleware m({});
  RequestContext ctx;
  HttpResponse out;
  ASSERT_EQ(m.on_request(ctx, test::request(HttpMethod::kPost, "/x", "body"), out), Verdict::kRespond);
  EXPECT_TRUE(out.close);
}

}  // namespace
}  // namespace fg::api
