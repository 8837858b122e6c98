#include "api/middleware/cors.hpp"

#include <gtest/gtest.h>

#include "unit/api/api_test_support.hpp"

namespace fg::api {
namespace {

constexpr const char* kAllowed = "https://app.example.com";

struct CorsRun {
  Verdict verdict;
  HttpResponse res;
};

CorsRun run(HttpRequest req) {
  CorsMiddleware m(CorsConfig{{kAllowed}});
  RequestContext ctx;
  ctx.secure = true;
  HttpResponse out;
  Verdict v = m.on_request(ctx, req, out);
  if (v == Verdict::kContinue) out = HttpResponse::json(200, "{}");
  m.on_response(ctx, req, out);
  return {v, std::move(out)};
}

HttpRequest with_origin(HttpMethod method, std::string origin) {
  HttpRequest r = test::request(method, "/api/v1/x");
  r.headers.add("Origin", std::move(origin));
  return r;
}

TEST(CorsTest, RequestWithoutOriginPassesWithoutCorsHeaders) {
  CorsRun r = run(test::request(HttpMethod::kGet, "/api/v1/x"));
  EXPECT_EQ(r.verdict, Verdict::kContinue);
  EXPECT_FALSE(r.res.headers.has("Access-Control-Allow-Origin"));
  EXPECT_EQ(r.res.headers.get("Vary"), "Origin");
}

TEST(CorsTest, AllowedOriginIsEchoedWithCredentialsNeverStar) {
  CorsRun r = run(with_origin(HttpMethod::kGet, kAllowed));
  EXPECT_EQ(r.res.headers.get("Access-Control-Allow-Origin"), kAllowed);
  EXPECT_EQ(r.res.headers.get("Access-Control-Allow-Credentials"), "true");
}

TEST(CorsTest, UnlistedOriginGetsNoCorsHeaders) {
  CorsRun r = run(with_origin(HttpMethod::kGet, "https://evil.example"));
  EXPECT_EQ(r.verdict, Verdict::kContinue);
  EXPECT_FALSE(r.res.headers.has("Access-Control-Allow-Origin"));
}

TEST(CorsTest, PreflightFromAllowedOriginAnswers204) {
  HttpRequest req = with_origin(HttpMethod::kOptions, kAllowed);
  req.headers.add("Access-Control-Request-Method", "POST");
  CorsRun r = run(req);
  EXPECT_EQ(r.verdict, Verdict::kRespond);
  EXPECT_EQ(r.res.status, 204);
  EXPECT_TRUE(r.res.headers.has("Access-Control-Allow-Methods"));
  EXPECT_NE(std::string(*r.res.headers.get("Access-Control-Allow-Headers")).find("X-CSRF-Token"), std::string::npos);
  EXPECT_EQ(r.res.headers.get("Access-Control-Allow-Origin"), kAllowed);
}

TEST(CorsTest, PreflightFromUnlistedOriginIsRefused) {
  HttpRequest req = with_origin(HttpMethod::kOptions, "https://evil.example");
  req.headers.add("Access-Control-Request-Method", "DELETE");
  CorsRun r = run(req);
  EXPECT_EQ(r.verdict, Verdict::kRespond);
  EXPECT_EQ(r.res.status, 403);
  EXPECT_FALSE(r.res.headers.has("Access-Control-Allow-Origin"));
}

TEST(CorsTest, CrossOriginMutationFromUnlistedOriginIsRefused) {
  CorsRun r = run(with_origin(HttpMethod::kPost, "https://evil.example"));
  EXPECT_EQ(r.verdict, Verdict::kRespond);
  EXPECT_EQ(r.res.status, 403);
}

TEST(CorsTest, SameOriginMutationPasses) {
  CorsRun r = run(with_origin(HttpMethod::kPost, "https://api.example.com"));
  EXPECT_EQ(r.verdict, Verdict::kContinue);
  // Same origin over the wrong scheme is cross-origin.
  EXPECT_EQ(run(with_origin(HttpMethod::kPost, "http://api.example.com")).verdict, Verdict::kRespond);
}

}  // namespace
}  // namespace fg::api
