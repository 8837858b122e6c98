#include "api/json/strict_json.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace fg::api {
namespace {

TEST(StrictJsonTest, ParsesValidJson) {
  Result<nlohmann::json> r = parse_strict_json(R"({"a":1,"b":{"c":[1,2]}})", {});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)["b"]["c"][1], 2);
}

TEST(StrictJsonTest, RefusesInvalidJsonWithoutEchoingIt) {
  Result<nlohmann::json> r = parse_strict_json(R"({"secret":"hunter2",})", {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().message().find("hunter2"), std::string::npos);
  EXPECT_FALSE(parse_strict_json("", {}).ok());
  EXPECT_FALSE(parse_strict_json("{} {}", {}).ok());
  EXPECT_FALSE(parse_strict_json("{\"a\":\"\xff\"}", {}).ok());
}

TEST(StrictJsonTest, RefusesDuplicateKeys) {
  Result<nlohmann::json> r = parse_strict_json(R"({"role":"viewer","role":"owner"})", {});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("repeats a key"), std::string::npos);
  EXPECT_FALSE(parse_strict_json(R"({"a":{"x":1,"x":2}})", {}).ok());
  // The same key in sibling objects is fine.
  EXPECT_TRUE(parse_strict_json(R"([{"x":1},{"x":2}])", {}).ok());
}

TEST(StrictJsonTest, RefusesExcessDepth) {
  std::string deep(100, '[');
  deep += std::string(100, ']');
  Result<nlohmann::json> r = parse_strict_json(deep, {});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("nested too deeply"), std::string::npos);
  std::string ok(kMaxJsonDepth - 1, '[');
  ok += std::string(kMaxJsonDepth - 1, ']');
  EXPECT_TRUE(parse_strict_json(ok, {}).ok());
}

TEST(StrictJsonTest, RefusesOversizeInput) {
  Result<nlohmann::json> r = parse_strict_json(R"({"a":"0123456789"})", JsonLimits{.max_bytes = 8});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("too large"), std::string::npos);
}

}  // namespace
}  // namespace fg::api
