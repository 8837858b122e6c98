#include "api/validation/validated_body.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace fg::api {
namespace {

using nlohmann::json;

BodySchema schema() {
  return BodySchema{{
      FieldSpec::string("name").min(1).max(10),
      FieldSpec::email("email").optional(),
      FieldSpec::uuid("connection_id").optional(),
      FieldSpec::timestamp("expires_at").optional(),
      FieldSpec::enumeration("role", {"owner", "viewer"}).optional(),
      FieldSpec::integer("limit", 1, 100).optional(),
      FieldSpec::boolean("enabled").optional(),
  }};
}

Status check(json body) {
  Result<ValidatedBody> r = ValidatedBody::check(schema(), std::move(body));
  return r.ok() ? ok_status() : r.status();
}

TEST(ValidatedBodyTest, AcceptsAValidBodyAndReadsTypedValues) {
  Result<ValidatedBody> r =
      ValidatedBody::check(schema(), json{{"name", "ci"},
                                          {"email", "a@example.com"},
                                          {"connection_id", "5f0c8f5e-3a47-4b8a-9d3c-2f1e0a9b8c7d"},
                                          {"expires_at", "2030-01-01T00:00:00Z"},
                                          {"role", "viewer"},
                                          {"limit", 5},
                                          {"enabled", true}});
  ASSERT_TRUE(r.ok()) << r.status().to_string();
  EXPECT_EQ(r->string("name"), "ci");
  EXPECT_EQ(r->integer("limit"), 5);
  EXPECT_TRUE(r->boolean("enabled"));
  EXPECT_EQ(format_timestamp(r->timestamp("expires_at")), "2030-01-01T00:00:00Z");
  EXPECT_EQ(r->uuid("connection_id").to_string(), "5f0c8f5e-3a47-4b8a-9d3c-2f1e0a9b8c7d");
}

TEST(ValidatedBodyTest, OptionalFieldsMayBeAbsentOrNull) {
  Result<ValidatedBody> r = ValidatedBody::check(schema(), json{{"name", "x"}, {"email", nullptr}});
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->optional_string("email").has_value());
  EXPECT_FALSE(r->optional_timestamp("expires_at").has_value());
}

TEST(ValidatedBodyTest, RefusalsNameTheField) {
  EXPECT_EQ(check(json{{"email", "a@b.co"}}).field(), "name");  // required missing
  EXPECT_EQ(check(json{{"name", nullptr}}).field(), "name");    // required null
  EXPECT_EQ(check(json{{"name", ""}}).field(), "name");         // too short
  EXPECT_EQ(check(json{{"name", "01234567890"}}).field(), "name");
  EXPECT_EQ(check(json{{"name", 5}}).field(), "name");
  EXPECT_EQ(check(json{{"name", "a\nb"}}).field(), "name");
  EXPECT_EQ(check(json{{"name", "x"}, {"email", "not-an-email"}}).field(), "email");
  EXPECT_EQ(check(json{{"name", "x"}, {"connection_id", "123"}}).field(), "connection_id");
  EXPECT_EQ(check(json{{"name", "x"}, {"expires_at", "2024-02-30"}}).field(), "expires_at");
  EXPECT_EQ(check(json{{"name", "x"}, {"role", "admin"}}).field(), "role");
  EXPECT_EQ(check(json{{"name", "x"}, {"limit", 0}}).field(), "limit");
  EXPECT_EQ(check(json{{"name", "x"}, {"limit", 1.5}}).field(), "limit");
  EXPECT_EQ(check(json{{"name", "x"}, {"limit", 18446744073709551615ULL}}).field(), "limit");
  EXPECT_EQ(check(json{{"name", "x"}, {"enabled", "true"}}).field(), "enabled");
}

TEST(ValidatedBodyTest, UnknownFieldsAreRefused) {
  Status s = check(json{{"name", "x"}, {"org_id", "y"}});
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.field(), "org_id");
  // An unknown key that is not a plain identifier is refused without being echoed.
  Status weird = check(json{{"name", "x"}, {"<script>", 1}});
  EXPECT_EQ(weird.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(weird.field(), "");
  EXPECT_EQ(weird.message().find("script"), std::string::npos);
}

TEST(ValidatedBodyTest, BodyMustBeAnObject) {
  EXPECT_EQ(check(json::array({1})).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(check(json("x")).code(), StatusCode::kInvalidArgument);
}

TEST(ValidatedBodyTest, EmailSyntax) {
  EXPECT_TRUE(is_valid_email("alice@example.com"));
  EXPECT_TRUE(is_valid_email("a.b+tag@sub.example.co"));
  EXPECT_FALSE(is_valid_email("alice@localhost"));
  EXPECT_FALSE(is_valid_email("@example.com"));
  EXPECT_FALSE(is_valid_email("a@@example.com"));
  EXPECT_FALSE(is_valid_email("a b@example.com"));
  EXPECT_FALSE(is_valid_email("a@-example.com"));
  EXPECT_FALSE(is_valid_email("a@example..com"));
  EXPECT_FALSE(is_valid_email("a@exa_mple.com"));
}

}  // namespace
}  // namespace fg::api
