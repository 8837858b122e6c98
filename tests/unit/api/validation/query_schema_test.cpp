#include "api/validation/query_schema.hpp"

#include <gtest/gtest.h>

namespace fg::api {
namespace {

QuerySchema costs() {
  return {{QueryParam::timestamp("from"), QueryParam::integer("top", 1000),
           QueryParam::enumeration("metric", {"billed_cost", "list_cost", "count"}), QueryParam::string("group_by", 16),
           QueryParam::family("filter", 8).repeatable(),
           QueryParam::enumeration("status", {"queued", "dead"}).blank_is_absent()}};
}

void expect_refused(const QuerySchema& s, std::string_view query, std::string_view field, std::string_view says) {
  Status st = check_query(s, query);
  ASSERT_EQ(st.code(), StatusCode::kInvalidArgument) << query;
  EXPECT_EQ(st.field(), field) << query;
  EXPECT_NE(st.message().find(says), std::string::npos) << query << ": " << st.message();
}

TEST(QuerySchemaTest, DeclaredParametersWithGoodValuesPass) {
  EXPECT_TRUE(check_query(costs(), "").ok());
  EXPECT_TRUE(check_query(costs(), "&&").ok());
  EXPECT_TRUE(check_query(costs(), "from=2026-01-01&top=10&metric=list_cost&group_by=day%2Cservice").ok());
  EXPECT_TRUE(check_query(costs(), "filter[service]=a&filter[service]=b&filter[tag:team]=").ok());
  EXPECT_TRUE(check_query(costs(), "status=").ok()) << "a blank enum filter is no filter";
}

TEST(QuerySchemaTest, AnUnknownParameterIsNamedWhenPlainAndNeverEchoedOtherwise) {
  expect_refused(costs(), "statsu=dead", "query", "unknown parameter \"statsu\"");
  expect_refused(costs(), "statsu=dead", "query", "accepted: from, top, metric, group_by, filter[...], status");
  Status odd = check_query(costs(), "%3Cscript%3E=1");
  EXPECT_EQ(odd.field(), "query");
  EXPECT_EQ(odd.message().find("script"), std::string::npos) << odd.message();
  expect_refused(QuerySchema{}, "a=1", "query", "takes no query parameters");
  expect_refused(costs(), "filter=1", "query", "unknown parameter");  // a family needs its [key]
}

TEST(QuerySchemaTest, RepeatsTypesAndBoundsNameTheParameter) {
  expect_refused(costs(), "top=1&top=2", "top", "given more than once");
  expect_refused(costs(), "top=0", "top", "integer from 1 to 1000");
  expect_refused(costs(), "top=1001", "top", "integer from 1 to 1000");
  expect_refused(costs(), "top=1e3", "top", "integer from 1 to 1000");
  expect_refused(costs(), "metric=cost", "metric", "must be billed_cost, list_cost or count");
  expect_refused(costs(), "group_by=" + std::string(17, 'a'), "group_by", "longer than 16");
  expect_refused(costs(), "filter[service]=123456789", "filter[service]", "value too long");
  expect_refused(costs(), "from=yesterday", "from", "ISO 8601");
}

TEST(QuerySchemaTest, ADateBeforeTheEpochSaysSo) {
  expect_refused(costs(), "from=1900-01-01", "from", "on or after 1970-01-01");
  expect_refused(costs(), "from=1969-12-31T23:59:59Z", "from", "on or after 1970-01-01");
  EXPECT_TRUE(check_query(costs(), "from=1970-01-01").ok());
}

TEST(QuerySchemaTest, MalformedEscapesAndFloodsAreRefused) {
  expect_refused(costs(), "%zz=1", "query", "percent-encoding");
  expect_refused(costs(), "top=%zz", "top", "percent-encoding");
  std::string flood;
  for (int i = 0; i < 300; ++i) flood += "filter[s]=a&";
  expect_refused(costs(), flood, "query", "more than 256 parameters");
}

TEST(QuerySchemaTest, AnOpenSchemaLetsUnknownNamesThroughButChecksItsOwn) {
  QuerySchema callback{.params = {QueryParam::string("code", 8)}, .open = true};
  EXPECT_TRUE(check_query(callback, "code=abc&session_state=x&iss=https%3A%2F%2Fidp").ok());
  expect_refused(callback, "code=123456789", "code", "longer than 8");
  expect_refused(callback, "code=a&code=b", "code", "given more than once");
}

TEST(QuerySchemaTest, OneOfPhrase) {
  EXPECT_EQ(one_of_phrase({"a"}), "a");
  EXPECT_EQ(one_of_phrase({"a", "b"}), "a or b");
  EXPECT_EQ(one_of_phrase({"a", "b", "c"}), "a, b or c");
}

}  // namespace
}  // namespace fg::api
