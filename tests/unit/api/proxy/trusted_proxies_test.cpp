#include "api/proxy/trusted_proxies.hpp"

#include <gtest/gtest.h>

namespace fg::api {
namespace {

Headers xff(std::string value, std::string proto = "") {
  Headers h;
  h.add("X-Forwarded-For", std::move(value));
  if (!proto.empty()) h.add("X-Forwarded-Proto", std::move(proto));
  return h;
}

TEST(TrustedProxiesTest, ParsesIpv4AndIpv6Cidrs) {
  Result<TrustedProxies> t = TrustedProxies::parse({"10.0.0.0/8", "::1/128", "192.0.2.5"});
  ASSERT_TRUE(t.ok());
  EXPECT_TRUE(t->trusts("10.1.2.3"));
  EXPECT_FALSE(t->trusts("11.0.0.1"));
  EXPECT_TRUE(t->trusts("::1"));
  EXPECT_TRUE(t->trusts("192.0.2.5"));
  EXPECT_FALSE(t->trusts("192.0.2.6"));
}

TEST(TrustedProxiesTest, RefusesMalformedEntries) {
  for (const char* bad : {"10.0.0.0/33", "abc", "10.0.0.0/", "::1/129", "10.0.0.0/8x"}) {
    Result<TrustedProxies> t = TrustedProxies::parse({bad});
    ASSERT_FALSE(t.ok()) << bad;
    EXPECT_EQ(t.status().field(), "trusted_proxies");
  }
}

TEST(TrustedProxiesTest, UntrustedPeerHeadersAreIgnored) {
  TrustedProxies t = *TrustedProxies::parse({"10.0.0.0/8"});
  ClientAddress a = t.resolve("203.0.113.9", false, xff("1.2.3.4", "https"));
  EXPECT_EQ(a.ip, "203.0.113.9");
  EXPECT_FALSE(a.secure);
}

TEST(TrustedProxiesTest, NoProxiesConfiguredMeansNoneTrusted) {
  TrustedProxies t;
  EXPECT_EQ(t.resolve("127.0.0.1", false, xff("1.2.3.4")).ip, "127.0.0.1");
}

TEST(TrustedProxiesTest, TrustedPeerNamesTheClientRightToLeft) {
  TrustedProxies t = *TrustedProxies::parse({"10.0.0.0/8"});
  // The client prepended a fake hop; the proxy appended what it saw.
  ClientAddress a = t.resolve("10.0.0.2", false, xff("6.6.6.6, 198.51.100.7, 10.0.0.9", "https"));
  EXPECT_EQ(a.ip, "198.51.100.7");
  EXPECT_TRUE(a.secure);
}

TEST(TrustedProxiesTest, GarbageHopStopsTheWalk) {
  TrustedProxies t = *TrustedProxies::parse({"10.0.0.0/8"});
  EXPECT_EQ(t.resolve("10.0.0.2", false, xff("not-an-ip")).ip, "10.0.0.2");
}

TEST(TrustedProxiesTest, Ipv4CidrDoesNotMatchIpv6) {
  TrustedProxies t = *TrustedProxies::parse({"0.0.0.0/0"});
  EXPECT_TRUE(t.trusts("8.8.8.8"));
  EXPECT_FALSE(t.trusts("2001:db8::1"));
}

}  // namespace
}  // namespace fg::api
