// ip_rate_key: IPv6 clients are keyed by their /64, IPv4 (mapped or not) by address.
#include "core/ip_rate_key.hpp"

#include <gtest/gtest.h>

namespace fg {
namespace {

TEST(IpRateKey, Ipv6AddressesOfOneSlash64ShareAKey) {
  EXPECT_EQ(ip_rate_key("2001:db8:1:2::1"), "2001:db8:1:2::/64");
  EXPECT_EQ(ip_rate_key("2001:db8:1:2:ffff:ffff:ffff:ffff"), "2001:db8:1:2::/64");
  EXPECT_EQ(ip_rate_key("2001:0DB8:0001:0002:aaaa:bbbb:cccc:dddd"), "2001:db8:1:2::/64") << "one spelling";
}

TEST(IpRateKey, NeighbouringSlash64sDoNot) {
  EXPECT_NE(ip_rate_key("2001:db8:1:2::1"), ip_rate_key("2001:db8:1:3::1"));
  EXPECT_EQ(ip_rate_key("2001:db8:1:3::1"), "2001:db8:1:3::/64");
  EXPECT_EQ(ip_rate_key("::1"), "::/64");
}

TEST(IpRateKey, Ipv4StaysPerAddress) {
  EXPECT_EQ(ip_rate_key("192.0.2.7"), "192.0.2.7");
  EXPECT_NE(ip_rate_key("192.0.2.7"), ip_rate_key("192.0.2.8"));
}

TEST(IpRateKey, Ipv4MappedIpv6IsTheIpv4Address) {
  EXPECT_EQ(ip_rate_key("::ffff:192.0.2.7"), "192.0.2.7");
  EXPECT_EQ(ip_rate_key("::ffff:c000:207"), "192.0.2.7");
  EXPECT_NE(ip_rate_key("::ffff:192.0.2.7"), ip_rate_key("::ffff:192.0.2.8")) << "not keyed by a /64";
}

TEST(IpRateKey, TextThatIsNotAnAddressIsItsOwnKey) {
  EXPECT_EQ(ip_rate_key("not-an-ip"), "not-an-ip");
  EXPECT_EQ(ip_rate_key(""), "");
  EXPECT_EQ(ip_rate_key("10.0.0.256"), "10.0.0.256");
}

}  // namespace
}  // namespace fg
