// Refusals that happen before any socket is opened (the guard and the URL policy). Transfers over
// real sockets are in tests/integration/net.
#include "net/http_client.hpp"

#include <gtest/gtest.h>

namespace fg::net {
namespace {

StatusCode code_of(const HttpClient& c, const std::string& url) {
  Result<OutboundResponse> r = c.get(url);
  return r.ok() ? StatusCode::kOk : r.status().code();
}

TEST(HttpClientTest, RefusesForbiddenLiteralsInEverySpelling) {
  HttpClient c(OutboundPolicy{});
  for (const char* url :
       {"https://127.0.0.1/", "https://2130706433/", "https://0x7f.1/", "https://0177.0.0.1/", "https://[::1]/",
        "https://[::ffff:127.0.0.1]/", "https://169.254.169.254/latest/meta-data", "https://[fd00:ec2::254]/",
        "https://10.0.0.1/", "https://100.64.1.1/", "https://0.0.0.0/", "https://224.0.0.1/", "https://[fe80::1]/"}) {
    EXPECT_EQ(code_of(c, url), StatusCode::kPermissionDenied) << url;
  }
}

TEST(HttpClientTest, PlainHttpIsRefusedExceptToLoopbackInTests) {
  HttpClient c(OutboundPolicy{});
  c.set_resolver_for_test([](const std::string&) -> Result<std::vector<IpAddress>> {
    return std::vector<IpAddress>{*parse_ip_literal("93.184.216.34")};
  });
  EXPECT_EQ(code_of(c, "http://example.com/"), StatusCode::kPermissionDenied);
  HttpClient loop(OutboundPolicy{.allow_loopback = true});
  loop.set_resolver_for_test([](const std::string&) -> Result<std::vector<IpAddress>> {
    return std::vector<IpAddress>{*parse_ip_literal("93.184.216.34")};
  });
  EXPECT_EQ(code_of(loop, "http://example.com/"), StatusCode::kPermissionDenied);
}

TEST(HttpClientTest, ANameResolvingToAnyForbiddenAddressIsRefused) {
  HttpClient c(OutboundPolicy{});
  c.set_resolver_for_test([](const std::string&) -> Result<std::vector<IpAddress>> {
    // A round-robin answer that slips one internal address in.
    return std::vector<IpAddress>{*parse_ip_literal("93.184.216.34"), *parse_ip_literal("10.0.0.5")};
  });
  EXPECT_EQ(code_of(c, "https://rebind.example/"), StatusCode::kPermissionDenied);
  c.set_resolver_for_test([](const std::string&) -> Result<std::vector<IpAddress>> {
    return std::vector<IpAddress>{*parse_ip_literal("::ffff:169.254.169.254")};
  });
  EXPECT_EQ(code_of(c, "https://metadata.example/"), StatusCode::kPermissionDenied);
}

TEST(HttpClientTest, LocalhostByNameIsRefusedWithoutLoopback) {
  HttpClient c(OutboundPolicy{});
  EXPECT_EQ(code_of(c, "https://localhost/"), StatusCode::kPermissionDenied);
}

TEST(HttpClientTest, MalformedUrlsAndMethods) {
  HttpClient c(OutboundPolicy{});
  EXPECT_EQ(code_of(c, "ftp://example.com/"), StatusCode::kInvalidArgument);
  EXPECT_EQ(code_of(c, "https://089.1.2.3/"), StatusCode::kInvalidArgument);  // numeric but not an address
  Result<OutboundResponse> r = c.send(OutboundRequest{"PUT", "https://example.com/", {}, {}});
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
}

TEST(HttpClientTest, FormEncode) {
  EXPECT_EQ(form_encode("a b&c=d/é~"), "a%20b%26c%3Dd%2F%C3%A9~");
}

}  // namespace
}  // namespace fg::net
