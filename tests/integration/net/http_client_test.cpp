// The outbound client over real sockets against LocalHttpServer on 127.0.0.1 (loopback allowed, as
// the allow_loopback_targets test setting does): bodies, POST, no redirects followed, the size cap,
// the timeout, address pinning and proxy variables ignored.
#include "net/http_client.hpp"

#include <cstdlib>
#include <thread>

#include <gtest/gtest.h>

#include "support/local_http_server.hpp"

namespace fg::net {
namespace {

using testing::LocalHttpServer;

OutboundPolicy loopback_policy() {
  OutboundPolicy p;
  p.allow_loopback = true;
  return p;
}

TEST(HttpClientIntegrationTest, GetsABody) {
  LocalHttpServer server(
      [](const LocalHttpServer::Request& r) { return LocalHttpServer::json(200, "{\"path\":\"" + r.target + "\"}"); });
  HttpClient c(loopback_policy());
  Result<OutboundResponse> r = c.get(server.url("/jwks?x=1"));
  ASSERT_TRUE(r.ok()) << r.status().to_string();
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->content_type, "application/json");
  EXPECT_EQ(r->body, "{\"path\":\"/jwks?x=1\"}");
}

TEST(HttpClientIntegrationTest, PostsAFormWithHeaders) {
  LocalHttpServer::Request seen;
  LocalHttpServer server([&seen](const LocalHttpServer::Request& r) {
    seen = r;
    return LocalHttpServer::json(200, "{}");
  });
  HttpClient c(loopback_policy());
  Result<OutboundResponse> r =
      c.post_form(server.url("/token"), "grant_type=authorization_code&code=abc", {{"Authorization", "Basic eDp5"}});
  ASSERT_TRUE(r.ok()) << r.status().to_string();
  EXPECT_EQ(seen.method, "POST");
  EXPECT_EQ(seen.body, "grant_type=authorization_code&code=abc");
  EXPECT_EQ(seen.headers["content-type"], "application/x-www-form-urlencoded");
  EXPECT_EQ(seen.headers["authorization"], "Basic eDp5");
  EXPECT_EQ(seen.headers.count("accept-encoding"), 0u);
}

TEST(HttpClientIntegrationTest, LoopbackIsRefusedWithoutTheTestSetting) {
  LocalHttpServer server([](const LocalHttpServer::Request&) { return LocalHttpServer::json(200, "{}"); });
  HttpClient c(OutboundPolicy{});
  Result<OutboundResponse> r = c.get(server.url("/"));
  EXPECT_EQ(r.status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(server.requests(), 0);
}

TEST(HttpClientIntegrationTest, RedirectsAreReturnedNotFollowed) {
  LocalHttpServer target([](const LocalHttpServer::Request&) { return LocalHttpServer::json(200, "{}"); });
  LocalHttpServer server([&target](const LocalHttpServer::Request&) {
    LocalHttpServer::Response r{302, "text/plain", "", {{"Location", target.url("/")}}};
    return r;
  });
  HttpClient c(loopback_policy());
  Result<OutboundResponse> r = c.get(server.url("/start"));
  ASSERT_TRUE(r.ok()) << r.status().to_string();
  EXPECT_EQ(r->status, 302);
  EXPECT_EQ(target.requests(), 0);
}

TEST(HttpClientIntegrationTest, ResponsesOverTheCapAreRefused) {
  LocalHttpServer server(
      [](const LocalHttpServer::Request&) { return LocalHttpServer::json(200, std::string(64 * 1024, 'x')); });
  OutboundPolicy p = loopback_policy();
  p.max_response_bytes = 16 * 1024;
  HttpClient c(p);
  Result<OutboundResponse> r = c.get(server.url("/big"));
  EXPECT_EQ(r.status().code(), StatusCode::kResourceExhausted);
  p.max_response_bytes = 128 * 1024;
  EXPECT_TRUE(HttpClient(p).get(server.url("/big")).ok());
}

TEST(HttpClientIntegrationTest, SlowServersTimeOut) {
  LocalHttpServer server([](const LocalHttpServer::Request&) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    return LocalHttpServer::json(200, "{}");
  });
  OutboundPolicy p = loopback_policy();
  p.total_timeout = std::chrono::milliseconds(300);
  HttpClient c(p);
  const auto start = std::chrono::steady_clock::now();
  Result<OutboundResponse> r = c.get(server.url("/slow"));
  EXPECT_EQ(r.status().code(), StatusCode::kUnavailable);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(1400));
}

TEST(HttpClientIntegrationTest, TheCheckedAddressIsPinnedForTheConnection) {
  LocalHttpServer server([](const LocalHttpServer::Request& r) {
    return LocalHttpServer::json(200, "{\"host\":\"" + r.headers.at("host") + "\"}");
  });
  HttpClient c(loopback_policy());
  // "idp.invalid" exists in no DNS: the request can only arrive if libcurl used the pinned address.
  c.set_resolver_for_test([](const std::string&) -> Result<std::vector<IpAddress>> {
    return std::vector<IpAddress>{*parse_ip_literal("127.0.0.1")};
  });
  const std::string url = "http://idp.invalid:" + std::to_string(server.port()) + "/";
  Result<OutboundResponse> r = c.get(url);
  ASSERT_TRUE(r.ok()) << r.status().to_string();
  EXPECT_EQ(r->body, "{\"host\":\"idp.invalid:" + std::to_string(server.port()) + "\"}");
  // A rebinding answer (the second lookup names an internal address) is refused before any connection.
  int lookups = 0;
  c.set_resolver_for_test([&lookups](const std::string&) -> Result<std::vector<IpAddress>> {
    return std::vector<IpAddress>{*parse_ip_literal(++lookups == 1 ? "127.0.0.1" : "10.0.0.7")};
  });
  EXPECT_TRUE(c.get(url).ok());
  EXPECT_EQ(c.get(url).status().code(), StatusCode::kPermissionDenied);
}

TEST(HttpClientIntegrationTest, ProxyEnvironmentVariablesAreIgnored) {
  LocalHttpServer proxy([](const LocalHttpServer::Request&) { return LocalHttpServer::json(200, "{\"via\":1}"); });
  LocalHttpServer server([](const LocalHttpServer::Request&) { return LocalHttpServer::json(200, "{}"); });
  ::setenv("http_proxy", proxy.url("").c_str(), 1);
  ::setenv("HTTPS_PROXY", proxy.url("").c_str(), 1);
  ::setenv("ALL_PROXY", proxy.url("").c_str(), 1);
  HttpClient c(loopback_policy());
  Result<OutboundResponse> r = c.get(server.url("/"));
  ::unsetenv("http_proxy");
  ::unsetenv("HTTPS_PROXY");
  ::unsetenv("ALL_PROXY");
  ASSERT_TRUE(r.ok()) << r.status().to_string();
  EXPECT_EQ(r->body, "{}");
  EXPECT_EQ(proxy.requests(), 0);
}

TEST(HttpClientIntegrationTest, ConnectionRefusedIsUnavailable) {
  std::uint16_t port = 0;
  {
    LocalHttpServer gone([](const LocalHttpServer::Request&) { return LocalHttpServer::json(200, "{}"); });
    port = gone.port();
  }
  HttpClient c(loopback_policy());
  Result<OutboundResponse> r = c.get("http://127.0.0.1:" + std::to_string(port) + "/");
  EXPECT_EQ(r.status().code(), StatusCode::kUnavailable);
}

}  // namespace
}  // namespace fg::net
