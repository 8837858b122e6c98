#include "api/middleware/security_headers.hpp"

#include <gtest/gtest.h>

#include "unit/api/api_test_support.hpp"

namespace fg::api {
namespace {

HttpResponse decorate(bool secure, HttpResponse res = HttpResponse::json(200, "{}")) {
  SecurityHeadersMiddleware m;
  RequestContext ctx;
  ctx.secure = secure;
  HttpRequest req = test::request(HttpMethod::kGet, "/x");
  EXPECT_EQ(m.on_request(ctx, req, res), Verdict::kContinue);
  m.on_response(ctx, req, res);
  return res;
}

TEST(SecurityHeadersTest, AddsHardeningHeaders) {
  HttpResponse r = decorate(false);
  EXPECT_EQ(r.headers.get("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(r.headers.get("X-Frame-Options"), "DENY");
  EXPECT_EQ(r.headers.get("Referrer-Policy"), "no-referrer");
  EXPECT_EQ(r.headers.get("Content-Security-Policy"), kContentSecurityPolicy);
  EXPECT_NE(std::string(kContentSecurityPolicy).find("frame-ancestors 'none'"), std::string::npos);
  EXPECT_EQ(std::string(kContentSecurityPolicy).find("unsafe-inline"), std::string::npos);
}

TEST(SecurityHeadersTest, HstsOnlyWhenSecure) {
  EXPECT_FALSE(decorate(false).headers.has("Strict-Transport-Security"));
  EXPECT_EQ(decorate(true).headers.get("Strict-Transport-Security"), kStrictTransportSecurity);
}

TEST(SecurityHeadersTest, StripsServerHeader) {
  HttpResponse res = HttpResponse::json(200, "{}");
  res.headers.add("Server", "finguard/0.1.0");
  EXPECT_FALSE(decorate(false, res).headers.has("Server"));
}

TEST(SecurityHeadersTest, NoStoreUnlessTheResponseChoseACachePolicy) {
  EXPECT_EQ(decorate(false).headers.get("Cache-Control"), "no-store");
  HttpResponse res = HttpResponse::json(200, "{}");
  res.headers.set("Cache-Control", "public, max-age=60");
  EXPECT_EQ(decorate(false, res).headers.get("Cache-Control"), "public, max-age=60");
}

}  // namespace
}  // namespace fg::api
