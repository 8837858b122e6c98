#include "api/middleware/authorization.hpp"

#include <gtest/gtest.h>

#include "unit/api/api_test_support.hpp"

namespace fg::api {
namespace {

bool viewer_reads_audit(std::string_view role, std::string_view permission) {
  return role == "owner" || (role == "viewer" && permission == "audit.read");
}

int status_of(PermissionCheck check, const Route& route, std::optional<Principal> p) {
  AuthorizationMiddleware m(AuthorizationConfig{std::move(check)});
  RequestContext ctx;
  ctx.route = &route;
  ctx.principal = std::move(p);
  HttpResponse out;
  return m.on_request(ctx, test::request(route.method, route.pattern), out) == Verdict::kContinue ? 0 : out.status;
}

TEST(AuthorizationTest, RoleWithPermissionPasses) {
  Route r = test::route(HttpMethod::kGet, "/audit", Access::permission(identity::Permission("audit.read")));
  EXPECT_EQ(status_of(viewer_reads_audit, r, test::principal("viewer")), 0);
}

TEST(AuthorizationTest, RoleWithoutPermissionIs403) {
  Route r = test::route(HttpMethod::kPost, "/keys", Access::permission(identity::Permission("api_keys.create")));
  EXPECT_EQ(status_of(viewer_reads_audit, r, test::principal("viewer")), 403);
  EXPECT_EQ(status_of(viewer_reads_audit, r, test::principal("owner")), 0);
}

TEST(AuthorizationTest, NoPermissionCheckFailsClosed) {
  Route r = test::route(HttpMethod::kGet, "/audit", Access::permission(identity::Permission("audit.read")));
  EXPECT_EQ(status_of(nullptr, r, test::principal("owner")), 403);
}

TEST(AuthorizationTest, AuthenticatedOnlyAndPublicRoutesPass) {
  EXPECT_EQ(status_of(nullptr, test::route(HttpMethod::kGet, "/me", Access::authenticated()), test::principal()), 0);
  EXPECT_EQ(status_of(nullptr, test::route(HttpMethod::kGet, "/healthz"), std::nullopt), 0);
}

TEST(AuthorizationTest, PermissionRouteWithoutPrincipalIs401) {
  Route r = test::route(HttpMethod::kGet, "/audit", Access::permission(identity::Permission("audit.read")));
  EXPECT_EQ(status_of(viewer_reads_audit, r, std::nullopt), 401);
}

TEST(AuthorizationTest, AMisspeltPermissionIsRefusedBeforeTheServerStarts) {
  Router router;
  ASSERT_TRUE(
      router.add(test::route(HttpMethod::kGet, "/api/v1/audit", Access::permission(identity::Permission("audit.read"))))
          .ok());
  ASSERT_TRUE(router.add(test::route(HttpMethod::kGet, "/api/v1/me", Access::authenticated())).ok());
  const PermissionCheck table = [](std::string_view role, std::string_view permission) {
    return role == "owner" && (permission == "audit.read" || permission == "jobs.read");
  };
  EXPECT_TRUE(check_declared_permissions(router, table).ok());
  Route typo = test::route(HttpMethod::kGet, "/api/v1/jobs", Access::permission(identity::Permission("jobs.raed")));
  typo.operation_id = "listJobs";
  ASSERT_TRUE(router.add(typo).ok());
  Status s = check_declared_permissions(router, table);
  EXPECT_EQ(s.code(), StatusCode::kInternal);
  EXPECT_NE(s.message().find("listJobs"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("jobs.raed"), std::string::npos) << s.message();
  EXPECT_FALSE(check_declared_permissions(router, PermissionCheck{}).ok()) << "no table: nothing is known";
}

}  // namespace
}  // namespace fg::api
