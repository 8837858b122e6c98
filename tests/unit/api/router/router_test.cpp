#include "api/router/router.hpp"

#include <gtest/gtest.h>

#include "unit/api/api_test_support.hpp"

namespace fg::api {
namespace {

using test::route;

TEST(RouterTest, MatchesLiteralAndCapturesParams) {
  Router r;
  ASSERT_TRUE(r.add(route(HttpMethod::kGet, "/api/v1/connections/{id}")).ok());
  RouteMatch m = r.match(HttpMethod::kGet, "/api/v1/connections/abc%2Dd");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.params.at("id"), "abc-d");
  EXPECT_EQ(r.match(HttpMethod::kGet, "/api/v1/connections").route, nullptr);
  EXPECT_EQ(r.match(HttpMethod::kGet, "/api/v1/connections/a/b").route, nullptr);
}

// Issue 21: a route declares what it is; the router fills in what follows from it.
TEST(RouterTest, TheRateClassFollowsTheMethodUnlessTheRouteNamesOne) {
  Router r;
  ASSERT_TRUE(r.add(route(HttpMethod::kGet, "/a")).ok());
  ASSERT_TRUE(r.add(route(HttpMethod::kPost, "/a")).ok());
  ASSERT_TRUE(r.add(route(HttpMethod::kDelete, "/a")).ok());
  Route login = route(HttpMethod::kPost, "/login");
  login.rate_class = RateClass::kAuth;
  ASSERT_TRUE(r.add(std::move(login)).ok());
  Route health = route(HttpMethod::kGet, "/health");
  health.rate_class = RateClass::kExempt;
  ASSERT_TRUE(r.add(std::move(health)).ok());
  EXPECT_EQ(r.match(HttpMethod::kGet, "/a").route->rate_class, RateClass::kRead);
  EXPECT_EQ(r.match(HttpMethod::kPost, "/a").route->rate_class, RateClass::kMutation);
  EXPECT_EQ(r.match(HttpMethod::kDelete, "/a").route->rate_class, RateClass::kMutation);
  EXPECT_EQ(r.match(HttpMethod::kPost, "/login").route->rate_class, RateClass::kAuth);
  EXPECT_EQ(r.match(HttpMethod::kGet, "/health").route->rate_class, RateClass::kExempt);
  for (const Route& added : r.routes()) EXPECT_NE(added.rate_class, RateClass::kByMethod) << added.pattern;
}

TEST(RouterTest, AJsonBodyGetsTheDefaultLimitAnExplicitOneStaysAndNoBodyGetsNone) {
  Router r;
  Route with_body = route(HttpMethod::kPost, "/body");
  with_body.body = BodySchema{{FieldSpec::string("name").min(1).max(10)}};
  ASSERT_TRUE(r.add(std::move(with_body)).ok());
  Route explicit_limit = route(HttpMethod::kPatch, "/body");
  explicit_limit.body = BodySchema{{FieldSpec::string("name").min(1).max(10)}};
  explicit_limit.body_limit = 4096;
  ASSERT_TRUE(r.add(std::move(explicit_limit)).ok());
  ASSERT_TRUE(r.add(route(HttpMethod::kPost, "/nobody")).ok());
  EXPECT_EQ(r.match(HttpMethod::kPost, "/body").route->body_limit, kDefaultJsonBodyLimit);
  EXPECT_EQ(r.match(HttpMethod::kPatch, "/body").route->body_limit, 4096u);
  EXPECT_EQ(r.match(HttpMethod::kPost, "/nobody").route->body_limit, kNoBody);
}

TEST(RouterTest, LiteralBeatsParameter) {
  Router r;
  ASSERT_TRUE(r.add(route(HttpMethod::kGet, "/users/{id}")).ok());
  ASSERT_TRUE(r.add(route(HttpMethod::kGet, "/users/me")).ok());
  RouteMatch m = r.match(HttpMethod::kGet, "/users/me");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->pattern, "/users/me");
  EXPECT_TRUE(m.params.empty());
}

TEST(RouterTest, WrongMethodReportsAllowed) {
  Router r;
  ASSERT_TRUE(r.add(route(HttpMethod::kGet, "/things")).ok());
  ASSERT_TRUE(r.add(route(HttpMethod::kPost, "/things")).ok());
  RouteMatch m = r.match(HttpMethod::kDelete, "/things");
  EXPECT_EQ(m.route, nullptr);
  EXPECT_EQ(m.allowed.size(), 2u);
}

TEST(RouterTest, HeadUsesGetRoute) {
  Router r;
  ASSERT_TRUE(r.add(route(HttpMethod::kGet, "/healthz")).ok());
  EXPECT_NE(r.match(HttpMethod::kHead, "/healthz").route, nullptr);
}

TEST(RouterTest, EncodedSlashDoesNotSpanSegments) {
  Router r;
  ASSERT_TRUE(r.add(route(HttpMethod::kGet, "/files/{name}")).ok());
  EXPECT_EQ(r.match(HttpMethod::kGet, "/files/a%2Fb").route, nullptr);
  EXPECT_EQ(r.match(HttpMethod::kGet, "/files/a%zz").route, nullptr);
}

TEST(RouterTest, RefusesDuplicatesAndMalformedPatterns) {
  Router r;
  ASSERT_TRUE(r.add(route(HttpMethod::kGet, "/a/{id}")).ok());
  EXPECT_EQ(r.add(route(HttpMethod::kGet, "/a/{id}")).code(), StatusCode::kConflict);
  EXPECT_EQ(r.add(route(HttpMethod::kGet, "no-slash")).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.add(route(HttpMethod::kGet, "/a/{Bad-Name}")).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.add(route(HttpMethod::kGet, "/a/x{id}")).code(), StatusCode::kInvalidArgument);
  Route no_handler = route(HttpMethod::kGet, "/b");
  no_handler.handler = nullptr;
  EXPECT_EQ(r.add(no_handler).code(), StatusCode::kInvalidArgument);
  Route same_op = route(HttpMethod::kGet, "/c");
  same_op.operation_id = r.routes()[0].operation_id;
  EXPECT_EQ(r.add(same_op).code(), StatusCode::kConflict);
}

TEST(RouterTest, AStreamedRouteHasASinkInsteadOfAHandlerAndARawBody) {
  Router r;
  const BodySinkFactory sink = [](RequestContext&, const HttpRequest&) -> Result<std::unique_ptr<IBodySink>> {
    return internal_error("unused");
  };
  Route both = route(HttpMethod::kPost, "/a");
  both.body_sink = sink;
  both.raw_body_types = {"text/csv"};
  EXPECT_EQ(r.add(both).code(), StatusCode::kInvalidArgument);
  Route not_raw = route(HttpMethod::kPost, "/b");
  not_raw.handler = nullptr;
  not_raw.body_sink = sink;
  EXPECT_EQ(r.add(not_raw).code(), StatusCode::kInvalidArgument);
  Route streamed = not_raw;
  streamed.raw_body_types = {"text/csv"};
  EXPECT_TRUE(r.add(streamed).ok());
}

TEST(RouterTest, SplitPathIgnoresEmptySegments) {
  EXPECT_TRUE(split_path("/").empty());
  EXPECT_EQ(split_path("/a//b/").size(), 2u);
}

}  // namespace
}  // namespace fg::api
