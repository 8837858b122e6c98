#include "api/errors/transport_error.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace fg::api {
namespace {

TEST(TransportErrorTest, ClosesAndCarriesARequestId) {
  HttpResponse r = transport_error_response(431, invalid_argument_error("header too large"));
  EXPECT_EQ(r.status, 431);
  EXPECT_TRUE(r.close);
  ASSERT_TRUE(r.headers.get("X-Request-Id").has_value());
  EXPECT_EQ(nlohmann::json::parse(r.body)["error"]["request_id"], std::string(*r.headers.get("X-Request-Id")));
  EXPECT_EQ(r.headers.get("X-Content-Type-Options"), "nosniff");
}

}  // namespace
}  // namespace fg::api
