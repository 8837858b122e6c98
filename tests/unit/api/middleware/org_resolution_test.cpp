#include "api/middleware/org_resolution.hpp"

#include <gtest/gtest.h>

#include "unit/api/api_test_support.hpp"

namespace fg::api {
namespace {

int status_of(const Route& route, HttpRequest req, std::optional<Principal> p) {
  OrgResolutionMiddleware m;
  RequestContext ctx;
  ctx.route = &route;
  ctx.principal = std::move(p);
  HttpResponse out;
  return m.on_request(ctx, req, out) == Verdict::kContinue ? 0 : out.status;
}

TEST(OrgResolutionTest, ProtectedRouteWithPrincipalContinues) {
  Route r = test::route(HttpMethod::kGet, "/x", Access::authenticated());
  EXPECT_EQ(status_of(r, test::request(HttpMethod::kGet, "/x"), test::principal()), 0);
}

TEST(OrgResolutionTest, PublicRoutePasses) {
  Route r = test::route(HttpMethod::kGet, "/x");
  EXPECT_EQ(status_of(r, test::request(HttpMethod::kGet, "/x?org_id=abc"), std::nullopt), 0);
}

TEST(OrgResolutionTest, ProtectedRouteWithoutPrincipalFailsClosed) {
  Route r = test::route(HttpMethod::kGet, "/x", Access::authenticated());
  EXPECT_EQ(status_of(r, test::request(HttpMethod::kGet, "/x"), std::nullopt), 401);
}

TEST(OrgResolutionTest, RequestNamingAnOrgIsRefused) {
  Route r = test::route(HttpMethod::kGet, "/x", Access::authenticated());
  EXPECT_EQ(status_of(r, test::request(HttpMethod::kGet, "/x?org_id=5f0c8f5e-3a47-4b8a-9d3c-2f1e0a9b8c7d"),
                      test::principal()),
            400);
  EXPECT_EQ(status_of(r, test::request(HttpMethod::kGet, "/x?org=acme"), test::principal()), 400);
  HttpRequest h = test::request(HttpMethod::kGet, "/x");
  h.headers.add("X-Org-Id", "anything");
  EXPECT_EQ(status_of(r, h, test::principal()), 400);
}

TEST(OrgResolutionTest, NilOrgIsRefused) {
  Route r = test::route(HttpMethod::kGet, "/x", Access::authenticated());
  Principal p{testing::ScopeForTest::org(OrgId(), Actor{Actor::Kind::kUser, "u", "owner"}), AuthMethod::kApiKey};
  EXPECT_EQ(status_of(r, test::request(HttpMethod::kGet, "/x"), p), 401);
}

}  // namespace
}  // namespace fg::api
