#include "api/http/http_request.hpp"

#include <gtest/gtest.h>

namespace fg::api {
namespace {

TEST(HttpRequestTest, SplitsTargetIntoPathAndQuery) {
  HttpRequest r;
  r.set_target("/api/v1/x?a=1&b=two");
  EXPECT_EQ(r.path, "/api/v1/x");
  EXPECT_EQ(r.query, "a=1&b=two");
  r.set_target("/plain");
  EXPECT_EQ(r.path, "/plain");
  EXPECT_EQ(r.query, "");
}

TEST(HttpRequestTest, QueryParamDecodesAndFindsFirst) {
  HttpRequest r;
  r.set_target("/x?name=a%20b&flag&name=second&plus=a+b");
  EXPECT_EQ(r.query_param("name"), "a b");
  EXPECT_EQ(r.query_param("flag"), "");
  EXPECT_EQ(r.query_param("plus"), "a b");
  EXPECT_FALSE(r.query_param("missing").has_value());
}

TEST(HttpRequestTest, PercentDecodeRefusesMalformedAndNul) {
  EXPECT_EQ(percent_decode("a%2Fb", false), "a/b");
  EXPECT_FALSE(percent_decode("a%2", false).has_value());
  EXPECT_FALSE(percent_decode("a%", false).has_value());
  EXPECT_FALSE(percent_decode("%zz", false).has_value());
  EXPECT_FALSE(percent_decode("a%00b", false).has_value());
  EXPECT_EQ(percent_decode("a+b", false), "a+b");
}

TEST(HttpRequestTest, MethodsParseExactlyAndClassifyMutations) {
  EXPECT_EQ(parse_method("GET"), HttpMethod::kGet);
  EXPECT_EQ(parse_method("get"), HttpMethod::kOther);
  EXPECT_EQ(parse_method("TRACE"), HttpMethod::kOther);
  EXPECT_TRUE(is_mutation(HttpMethod::kPost));
  EXPECT_TRUE(is_mutation(HttpMethod::kDelete));
  EXPECT_FALSE(is_mutation(HttpMethod::kGet));
  EXPECT_FALSE(is_mutation(HttpMethod::kOptions));
}

}  // namespace
}  // namespace fg::api
