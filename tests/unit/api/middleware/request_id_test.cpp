#include "api/middleware/request_id.hpp"

#include <gtest/gtest.h>

#include "unit/api/api_test_support.hpp"

namespace fg::api {
namespace {

TEST(RequestIdTest, AcceptsAValidIncomingIdAndEchoesIt) {
  RequestIdMiddleware m;
  RequestContext ctx;
  HttpRequest req = test::request(HttpMethod::kGet, "/x");
  req.headers.add("X-Request-Id", "proxy-abc.123_XYZ");
  HttpResponse out;
  EXPECT_EQ(m.on_request(ctx, req, out), Verdict::kContinue);
  EXPECT_EQ(ctx.request_id, "proxy-abc.123_XYZ");
  EXPECT_EQ(log::current_request_id(), "proxy-abc.123_XYZ");
  m.on_response(ctx, req, out);
  EXPECT_EQ(out.headers.get("X-Request-Id"), "proxy-abc.123_XYZ");
}

TEST(RequestIdTest, GeneratesWhenAbsent) {
  RequestIdMiddleware m;
  RequestContext ctx;
  HttpResponse out;
  EXPECT_EQ(m.on_request(ctx, test::request(HttpMethod::kGet, "/x"), out), Verdict::kContinue);
  EXPECT_TRUE(Uuid::parse(ctx.request_id).ok());
}

TEST(RequestIdTest, ReplacesInvalidIncomingIds) {
  RequestIdMiddleware m;
  const std::vector<std::string> bads = {"short", "has space in it", "crlf\r\nline-injection", std::string(200, 'a'),
                                         "semi;colon-id"};
  for (const std::string& bad : bads) {
    RequestContext ctx;
    HttpRequest req = test::request(HttpMethod::kGet, "/x");
    req.headers.add("X-Request-Id", bad);
    HttpResponse out;
    m.on_request(ctx, req, out);
    EXPECT_NE(ctx.request_id, bad);
    EXPECT_TRUE(Uuid::parse(ctx.request_id).ok());
  }
}

TEST(RequestIdTest, ReplacesRepeatedIncomingIds) {
  RequestIdMiddleware m;
  RequestContext ctx;
  HttpRequest req = test::request(HttpMethod::kGet, "/x");
  req.headers.add("X-Request-Id", "first-id-0001");
  req.headers.add("X-Request-Id", "second-id-002");
  HttpResponse out;
  m.on_request(ctx, req, out);
  EXPECT_TRUE(Uuid::parse(ctx.request_id).ok());
}

TEST(RequestIdTest, LogScopeEndsWithTheContext) {
  {
    RequestIdMiddleware m;
    RequestContext ctx;
    HttpResponse out;
    m.on_request(ctx, test::request(HttpMethod::kGet, "/x"), out);
    EXPECT_EQ(log::current_request_id(), ctx.request_id);
  }
  EXPECT_EQ(log::current_request_id(), "");
}

}  // namespace
}  // namespace fg::api
