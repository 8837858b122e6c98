#include "net/url.hpp"

#include <gtest/gtest.h>

namespace fg::net {
namespace {

TEST(UrlTest, ParsesHttpsWithDefaults) {
  Result<Url> u = Url::parse("https://IdP.Example.com/.well-known/openid-configuration?x=1");
  ASSERT_TRUE(u.ok()) << u.status().to_string();
  EXPECT_EQ(u->scheme, "https");
  EXPECT_EQ(u->host, "idp.example.com");
  EXPECT_EQ(u->port, 443);
  EXPECT_EQ(u->path_and_query, "/.well-known/openid-configuration?x=1");
}

TEST(UrlTest, PortsPathsAndIpv6) {
  EXPECT_EQ(Url::parse("http://127.0.0.1:8089")->port, 8089);
  EXPECT_EQ(Url::parse("http://127.0.0.1:8089")->path_and_query, "/");
  EXPECT_EQ(Url::parse("https://h?q=1")->path_and_query, "/?q=1");
  Result<Url> v6 = Url::parse("https://[::1]:8443/jwks");
  ASSERT_TRUE(v6.ok());
  EXPECT_EQ(v6->host, "::1");
  EXPECT_EQ(v6->host_for_url(), "[::1]");
  EXPECT_EQ(v6->to_string(), "https://[::1]:8443/jwks");
}

TEST(UrlTest, RefusesWhatParsersDisagreeOn) {
  for (const char* bad : {"ftp://example.com/", "file:///etc/passwd", "gopher://x/", "//example.com/", "example.com",
                          "https://user:pw@example.com/", "https://example.com@10.0.0.1/", "https://exa mple.com/",
                          "https://example.com\\@10.0.0.1/", "https://example.com/#frag", "https://:443/",
                          "https://example.com:0/", "https://example.com:70000/", "https://example.com:80a/",
                          "https://[::1/", "https://[::1]x/", "https://exa%2emple.com/", "https://ex\tample.com/"}) {
    Result<Url> u = Url::parse(bad);
    EXPECT_FALSE(u.ok()) << bad;
    if (!u.ok()) {
      EXPECT_EQ(u.status().code(), StatusCode::kInvalidArgument) << bad;
      EXPECT_EQ(u.status().field(), "url") << bad;
    }
  }
}

}  // namespace
}  // namespace fg::net
