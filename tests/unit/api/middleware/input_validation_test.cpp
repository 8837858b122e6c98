#include "api/middleware/input_validation.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "unit/api/api_test_support.hpp"

namespace fg::api {
namespace {

Route body_route() {
  Route r = test::route(HttpMethod::kPost, "/api/v1/keys/{id}", Access::authenticated());
  r.body_limit = 1024;
  r.body = BodySchema{{FieldSpec::string("name").min(1).max(20), FieldSpec::timestamp("expires_at").optional()}};
  return r;
}

struct Outcome {
  int status = 0;  // 0: continued
  std::string field;
  bool has_body = false;
};

Outcome run(const Route& route, HttpRequest req, PathParams params = {{"id", "5f0c8f5e-3a47-4b8a-9d3c-2f1e0a9b8c7d"}}) {
  InputValidationMiddleware m;
  RequestContext ctx;
  ctx.route = &route;
  ctx.params = std::move(params);
  HttpResponse out;
  Outcome o;
  if (m.on_request(ctx, req, out) == Verdict::kRespond) {
    o.status = out.status;
    auto j = nlohmann::json::parse(out.body);
    o.field = j["error"].value("field", "");
  }
  o.has_body = ctx.body.has_value();
  return o;
}

HttpRequest json_post(std::string body, std::string type = "application/json") {
  HttpRequest r = test::request(HttpMethod::kPost, "/api/v1/keys/x", std::move(body));
  if (!type.empty()) r.headers.add("Content-Type", std::move(type));
  return r;
}

TEST(InputValidationTest, ValidBodyReachesTheHandlerTyped) {
  Outcome o = run(body_route(), json_post(R"({"name":"ci","expires_at":"2030-01-01"})"));
  EXPECT_EQ(o.status, 0);
  EXPECT_TRUE(o.has_body);
}

TEST(InputValidationTest, WrongContentTypeIs415) {
  EXPECT_EQ(run(body_route(), json_post(R"({"name":"ci"})", "text/plain")).status, 415);
  EXPECT_EQ(run(body_route(), json_post(R"({"name":"ci"})", "")).status, 415);
  EXPECT_EQ(run(body_route(), json_post(R"({"name":"ci"})", "application/json; charset=latin1")).status, 415);
  EXPECT_EQ(run(body_route(), json_post(R"({"name":"ci"})", "application/json; charset=UTF-8")).status, 0);
}

TEST(InputValidationTest, InvalidJsonIs400) {
  EXPECT_EQ(run(body_route(), json_post(R"({"name":)")).status, 400);
  EXPECT_EQ(run(body_route(), json_post(R"({"name":"a","name":"b"})")).status, 400);
}

TEST(InputValidationTest, FieldErrorsNameTheField) {
  Outcome o = run(body_route(), json_post(R"({"name":"ci","expires_at":"tomorrow"})"));
  EXPECT_EQ(o.status, 400);
  EXPECT_EQ(o.field, "expires_at");
  Outcome unknown = run(body_route(), json_post(R"({"name":"ci","role":"owner"})"));
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(unknown.field, "role");
}

TEST(InputValidationTest, BadIdParameterIs400NamingIt) {
  Outcome o = run(body_route(), json_post(R"({"name":"ci"})"), {{"id", "42"}});
  EXPECT_EQ(o.status, 400);
  EXPECT_EQ(o.field, "id");
}

// Clients send `{}` (or nothing, or whitespace) as the body of a bodiless POST (issue 21); anything
// with content is still refused.
TEST(InputValidationTest, RouteWithoutBodyTakesAnEmptyObjectAndRefusesContent) {
  Route r = test::route(HttpMethod::kPost, "/api/v1/auth/logout", Access::authenticated());
  EXPECT_EQ(run(r, test::request(HttpMethod::kPost, "/x"), {}).status, 0);
  EXPECT_EQ(run(r, test::request(HttpMethod::kPost, "/x", "{}"), {}).status, 0);
  EXPECT_EQ(run(r, test::request(HttpMethod::kPost, "/x", " {\r\n } \n"), {}).status, 0);
  EXPECT_EQ(run(r, test::request(HttpMethod::kPost, "/x", "\n"), {}).status, 0);
  EXPECT_EQ(run(r, test::request(HttpMethod::kPost, "/x", R"({"a":1})"), {}).status, 400);
  EXPECT_EQ(run(r, test::request(HttpMethod::kPost, "/x", "[]"), {}).status, 400);
  EXPECT_EQ(run(r, test::request(HttpMethod::kPost, "/x", "{}{}"), {}).status, 400);
  EXPECT_EQ(run(r, test::request(HttpMethod::kPost, "/x", "null"), {}).status, 400);
}

TEST(InputValidationTest, EveryRouteChecksItsQueryAgainstItsSchema) {
  Route none = test::route(HttpMethod::kGet, "/api/v1/me", Access::authenticated());
  EXPECT_EQ(run(none, test::request(HttpMethod::kGet, "/api/v1/me?verbose=1"), {}).field, "query");
  EXPECT_EQ(run(none, test::request(HttpMethod::kGet, "/api/v1/me"), {}).status, 0);
  Route jobs = test::route(HttpMethod::kGet, "/api/v1/jobs", Access::authenticated());
  jobs.query = {{QueryParam::enumeration("status", {"queued", "dead"}), QueryParam::integer("limit", 50)}};
  Outcome misspelt = run(jobs, test::request(HttpMethod::kGet, "/api/v1/jobs?statsu=dead"), {});
  EXPECT_EQ(misspelt.status, 400);
  EXPECT_EQ(misspelt.field, "query");
  EXPECT_EQ(run(jobs, test::request(HttpMethod::kGet, "/api/v1/jobs?status=dead&limit=50"), {}).status, 0);
  EXPECT_EQ(run(jobs, test::request(HttpMethod::kGet, "/api/v1/jobs?status=gone"), {}).field, "status");
  EXPECT_EQ(run(jobs, test::request(HttpMethod::kGet, "/api/v1/jobs?limit=51"), {}).field, "limit");
  EXPECT_EQ(run(jobs, test::request(HttpMethod::kGet, "/api/v1/jobs?limit=1&limit=2"), {}).field, "limit");
}

TEST(InputValidationTest, RawBodyRouteAcceptsOnlyItsMediaTypes) {
  Route r = test::route(HttpMethod::kPost, "/api/v1/ingest", Access::authenticated());
  r.body_limit = 1024;
  r.raw_body_types = {"text/csv", "application/zstd"};
  HttpRequest csv = test::request(HttpMethod::kPost, "/x", "a,b\n1,2\n");
  csv.headers.add("Content-Type", "text/csv; charset=utf-8");
  EXPECT_EQ(run(r, csv, {}).status, 0);
  HttpRequest zst = test::request(HttpMethod::kPost, "/x", "x");
  zst.headers.add("Content-Type", "Application/ZSTD");
  EXPECT_EQ(run(r, zst, {}).status, 0);
  HttpRequest json = test::request(HttpMethod::kPost, "/x", "{}");
  json.headers.add("Content-Type", "application/json");
  EXPECT_EQ(run(r, json, {}).status, 415);
  EXPECT_EQ(run(r, test::request(HttpMethod::kPost, "/x", "a"), {}).status, 415);
}

TEST(InputValidationTest, ContentTypeMatcher) {
  EXPECT_TRUE(is_json_content_type("application/json"));
  EXPECT_TRUE(is_json_content_type("Application/JSON ; charset=\"utf-8\""));
  EXPECT_FALSE(is_json_content_type("application/jsonp"));
  EXPECT_FALSE(is_json_content_type("application/json; boundary=x"));
}

}  // namespace
}  // namespace fg::api
