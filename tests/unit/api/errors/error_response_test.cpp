#include "api/errors/error_response.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace fg::api {
namespace {

TEST(ErrorResponseTest, MapsEveryCanonicalCode) {
  EXPECT_EQ(http_status_for(StatusCode::kInvalidArgument), 400);
  EXPECT_EQ(http_status_for(StatusCode::kUnauthenticated), 401);
  EXPECT_EQ(http_status_for(StatusCode::kPermissionDenied), 403);
  EXPECT_EQ(http_status_for(StatusCode::kNotFound), 404);
  EXPECT_EQ(http_status_for(StatusCode::kConflict), 409);
  EXPECT_EQ(http_status_for(StatusCode::kResourceExhausted), 429);
  EXPECT_EQ(http_status_for(StatusCode::kUnavailable), 503);
  EXPECT_EQ(http_status_for(StatusCode::kInternal), 500);
}

TEST(ErrorResponseTest, BodyHasCodeMessageFieldAndRequestId) {
  HttpResponse r = error_response(invalid_argument_error("expires_at: bad", "expires_at"), "rid-12345");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.headers.get("Content-Type"), "application/json");
  nlohmann::json j = nlohmann::json::parse(r.body);
  EXPECT_EQ(j["error"]["code"], "invalid_argument");
  EXPECT_EQ(j["error"]["message"], "expires_at: bad");
  EXPECT_EQ(j["error"]["field"], "expires_at");
  EXPECT_EQ(j["error"]["request_id"], "rid-12345");
}

TEST(ErrorResponseTest, NoFieldKeyWhenThereIsNone) {
  nlohmann::json j = nlohmann::json::parse(error_response(not_found_error("not found"), "r").body);
  EXPECT_FALSE(j["error"].contains("field"));
  EXPECT_EQ(j["error"]["code"], "not_found");
}

TEST(ErrorResponseTest, InternalErrorsNeverLeakTheirMessage) {
  HttpResponse r = error_response(internal_error("SELECT * FROM users at /srv/finguard/db.cpp:12"), "r");
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(r.body.find("SELECT"), std::string::npos);
  EXPECT_EQ(r.body.find("/srv"), std::string::npos);
  nlohmann::json j = nlohmann::json::parse(r.body);
  EXPECT_EQ(j["error"]["message"], std::string(kInternalErrorMessage));
}

TEST(ErrorResponseTest, ExplicitStatusRefinesTheCode) {
  HttpResponse r = error_response(415, invalid_argument_error("wrong type"), "r");
  EXPECT_EQ(r.status, 415);
  EXPECT_EQ(nlohmann::json::parse(r.body)["error"]["code"], "invalid_argument");
}

TEST(ErrorResponseTest, InvalidUtf8InAMessageDoesNotThrow) {
  HttpResponse r = error_response(invalid_argument_error("bad \xff byte"), "r");
  EXPECT_EQ(r.status, 400);
  EXPECT_NO_THROW(nlohmann::json::parse(r.body));
}

}  // namespace
}  // namespace fg::api
