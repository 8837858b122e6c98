#include "api/validation/body_schema.hpp"

#include <gtest/gtest.h>

namespace fg::api {
namespace {

TEST(BodySchemaTest, BuildersSetTypeAndConstraints) {
  FieldSpec f = FieldSpec::string("name").min(2).max(5).optional().describe("d");
  EXPECT_EQ(f.type, FieldType::kString);
  EXPECT_EQ(f.min_length, 2u);
  EXPECT_EQ(f.max_length, 5u);
  EXPECT_FALSE(f.required);
  EXPECT_EQ(f.description, "d");
  EXPECT_EQ(FieldSpec::email("e").max_length, 254u);
  EXPECT_EQ(FieldSpec::integer("n", 1, 9).max_value, 9);
  EXPECT_EQ(FieldSpec::enumeration("r", {"a"}).enum_values.size(), 1u);
}

TEST(BodySchemaTest, FindAndTypeNames) {
  BodySchema s{{FieldSpec::boolean("b"), FieldSpec::integer("n", 0, 1)}};
  ASSERT_NE(s.find("b"), nullptr);
  EXPECT_EQ(s.find("zz"), nullptr);
  EXPECT_EQ(json_type_name(FieldType::kBoolean), "boolean");
  EXPECT_EQ(json_type_name(FieldType::kInteger), "integer");
  EXPECT_EQ(json_type_name(FieldType::kUuid), "string");
}

}  // namespace
}  // namespace fg::api
