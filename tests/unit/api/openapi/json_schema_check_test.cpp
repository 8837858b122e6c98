// The response checker of the integration tests (tests/support/json_schema_check.hpp) against the
// schemas the routes declare: it must catch each way an answer can drift from its declaration.
#include "support/json_schema_check.hpp"

#include <gtest/gtest.h>

#include "api/openapi/response_schema.hpp"

namespace fg::api {
namespace {

using nlohmann::json;
using testing::response_violations;
using testing::schema_violations;
namespace sc = schema;

json job() {
  return sc::object({{"id", sc::uuid()},
                     {"status", sc::enumeration({"queued", "dead"})},
                     {"attempts", sc::integer()},
                     {"last_error", sc::nullable(sc::string())},
                     {"finished_at", sc::nullable(sc::date_time())},
                     {"sums", sc::map_of(sc::decimal())}},
                    {{"note", sc::string()}});
}

json good_job() {
  return {{"id", "5f0c8a1e-0d3b-4c57-9f2a-1b2c3d4e5f60"},
          {"status", "queued"},
          {"attempts", 0},
          {"last_error", nullptr},
          {"finished_at", "2026-01-02T03:04:05.123456Z"},
          {"sums", {{"billed_cost", "-12.5"}}}};
}

TEST(JsonSchemaCheckTest, ADeclaredAnswerConforms) {
  EXPECT_TRUE(schema_violations(good_job(), job()).empty());
  json with_optional = good_job();
  with_optional["note"] = "x";
  EXPECT_TRUE(schema_violations(with_optional, job()).empty());
  EXPECT_TRUE(schema_violations(json::array({good_job()}), sc::array(job())).empty());
}

TEST(JsonSchemaCheckTest, EachDriftIsReportedWithItsPointer) {
  auto one = [](json v) {
    std::vector<std::string> p = schema_violations(v, job());
    EXPECT_EQ(p.size(), 1u) << v.dump();
    return p.empty() ? std::string() : p[0];
  };
  json j = good_job();
  j.erase("attempts");
  EXPECT_EQ(one(j), ": lacks required \"attempts\"");
  j = good_job();
  j["extra"] = 1;
  EXPECT_EQ(one(j), "/extra: is not declared");
  j = good_job();
  j["attempts"] = "0";
  EXPECT_NE(one(j).find("/attempts: is string"), std::string::npos);
  j = good_job();
  j["status"] = "lost";
  EXPECT_NE(one(j).find("/status: \"lost\" is not one of"), std::string::npos);
  j = good_job();
  j["id"] = "42";
  EXPECT_NE(one(j).find("/id: \"42\" is not a uuid"), std::string::npos);
  j = good_job();
  j["finished_at"] = "yesterday";
  EXPECT_NE(one(j).find("is not a date-time"), std::string::npos);
  j = good_job();
  j["last_error"] = 3;
  EXPECT_NE(one(j).find("/last_error"), std::string::npos);
  j = good_job();
  j["sums"]["billed_cost"] = 12.5;  // a float where an exact decimal string is declared
  EXPECT_NE(one(j).find("/sums/billed_cost"), std::string::npos);
  j = good_job();
  j["sums"]["billed_cost"] = "1e3";
  EXPECT_NE(one(j).find("does not match"), std::string::npos);
}

json document() {
  json ops = {{"get", {{"responses", {{"200", {{"content", {{"application/json", {{"schema", job()}}}}}}}}}}},
              {"delete", {{"responses", {{"204", {{"description", "Done"}}}}}}}};
  json accept = {
      {"post", {{"responses", {{"202", {{"content", {{"application/json", {{"schema", sc::object({})}}}}}}}}}}}};
  return {{"paths", {{"/api/v1/jobs/{id}", ops}, {"/api/v1/jobs/accept", accept}}}};
}

TEST(JsonSchemaCheckTest, AnswersAreMatchedToTheirOperationAndStatus) {
  const json doc = document();
  const std::string path = "/api/v1/jobs/5f0c8a1e-0d3b-4c57-9f2a-1b2c3d4e5f60?x=1";
  EXPECT_TRUE(response_violations(doc, "GET", path, 200, "application/json", good_job().dump()).empty());
  EXPECT_TRUE(response_violations(doc, "DELETE", path, 204, "", "").empty());
  // The literal segment wins over {id}.
  EXPECT_TRUE(response_violations(doc, "POST", "/api/v1/jobs/accept", 202, "application/json", "{}").empty());
  // An undeclared status, a body where none is declared, an unknown operation, a body off its schema.
  EXPECT_EQ(response_violations(doc, "GET", path, 201, "application/json", "{}").size(), 1u);
  EXPECT_EQ(response_violations(doc, "DELETE", path, 204, "", "{}").size(), 1u);
  EXPECT_EQ(response_violations(doc, "PUT", path, 200, "application/json", "{}").size(), 1u);
  EXPECT_FALSE(response_violations(doc, "GET", path, 200, "application/json; charset=utf-8", "{}").empty());
  // Errors are not this checker's.
  EXPECT_TRUE(response_violations(doc, "GET", path, 404, "application/json", "{}").empty());
}

TEST(JsonSchemaCheckTest, NullableEnumsAndOneOf) {
  EXPECT_TRUE(schema_violations(nullptr, sc::nullable(sc::enumeration({"a"}))).empty());
  EXPECT_FALSE(schema_violations("b", sc::nullable(sc::enumeration({"a"}))).empty());
  EXPECT_TRUE(schema_violations(nullptr, sc::nullable(sc::any())).empty());
  EXPECT_TRUE(schema_violations(json{{"k", 1}}, sc::nullable(sc::map_of(sc::any()))).empty());
}

}  // namespace
}  // namespace fg::api
