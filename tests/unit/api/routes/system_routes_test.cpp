#include "api/routes/system_routes.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "unit/api/api_test_support.hpp"

namespace fg::api {
namespace {

Result<HttpResponse> call(const Router& r, std::string path, RequestContext& ctx) {
  RouteMatch m = r.match(HttpMethod::kGet, path);
  EXPECT_NE(m.route, nullptr) << path;
  return m.route->handler(ctx, test::request(HttpMethod::kGet, path));
}

TEST(SystemRoutesTest, HealthIsPublicAndOk) {
  Router r;
  ASSERT_TRUE(add_system_routes(r, {}).ok());
  RequestContext ctx;
  EXPECT_EQ(call(r, "/healthz", ctx)->status, 200);
  EXPECT_TRUE(r.match(HttpMethod::kGet, "/healthz").route->access.is_public());
  EXPECT_TRUE(r.match(HttpMethod::kGet, "/readyz").route->access.is_public());
}

TEST(SystemRoutesTest, ReadyzFailsWhenACheckFailsWithoutDetails) {
  Router r;
  std::vector<ReadinessCheck> checks = {{"database", [] { return ok_status(); }},
                                        {"keys", [] { return unavailable_error("/var/keys/master.key missing"); }}};
  ASSERT_TRUE(add_system_routes(r, checks).ok());
  RequestContext ctx;
  Result<HttpResponse> res = call(r, "/readyz", ctx);
  EXPECT_EQ(res->status, 503);
  auto j = nlohmann::json::parse(res->body);
  EXPECT_EQ(j["checks"]["database"], "ok");
  EXPECT_EQ(j["checks"]["keys"], "failed");
  EXPECT_EQ(res->body.find("master.key"), std::string::npos);
}

TEST(SystemRoutesTest, ReadyzOkWhenAllPass) {
  Router r;
  ASSERT_TRUE(add_system_routes(r, {{"database", [] { return ok_status(); }}}).ok());
  RequestContext ctx;
  EXPECT_EQ(call(r, "/readyz", ctx)->status, 200);
}

TEST(SystemRoutesTest, MeIsProtectedAndDescribesThePrincipal) {
  Router r;
  ASSERT_TRUE(add_system_routes(r, {}).ok());
  EXPECT_EQ(r.match(HttpMethod::kGet, "/api/v1/me").route->access.kind(), Access::Kind::kAuthenticated);
  RequestContext ctx;
  ctx.principal = test::principal("analyst", AuthMethod::kSession, "user-9");
  auto j = nlohmann::json::parse(call(r, "/api/v1/me", ctx)->body);
  EXPECT_EQ(j["subject_id"], "user-9");
  EXPECT_EQ(j["subject_kind"], "user");
  EXPECT_EQ(j["role"], "analyst");
  EXPECT_EQ(j["auth_method"], "session");
  EXPECT_EQ(j["org_id"], ctx.principal->scope.org_id().to_string());
}

}  // namespace
}  // namespace fg::api
