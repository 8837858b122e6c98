#include "net/ip_address.hpp"

#include <gtest/gtest.h>

namespace fg::net {
namespace {

std::string parsed(std::string_view host) {
  std::optional<IpAddress> a = parse_ip_literal(host);
  return a ? a->to_string() : "none";
}

TEST(IpAddressTest, DottedQuad) {
  EXPECT_EQ(parsed("127.0.0.1"), "127.0.0.1");
  EXPECT_EQ(parsed("8.8.8.8"), "8.8.8.8");
  EXPECT_EQ(parsed("255.255.255.255"), "255.255.255.255");
}

TEST(IpAddressTest, DecimalOctalAndHexSpellingsAreTheAddressTheResolverWouldUse) {
  EXPECT_EQ(parsed("2130706433"), "127.0.0.1");    // one 32-bit decimal
  EXPECT_EQ(parsed("0x7f000001"), "127.0.0.1");    // one 32-bit hex
  EXPECT_EQ(parsed("017700000001"), "127.0.0.1");  // one 32-bit octal
  EXPECT_EQ(parsed("0x7f.0.0.1"), "127.0.0.1");    // hex part
  EXPECT_EQ(parsed("0177.0.0.01"), "127.0.0.1");   // octal parts
  EXPECT_EQ(parsed("127.1"), "127.0.0.1");         // two parts: the last fills three bytes
  EXPECT_EQ(parsed("127.0.1"), "127.0.0.1");       // three parts: the last fills two bytes
  EXPECT_EQ(parsed("0xA9.0xFE.0xA9.0xFE"), "169.254.169.254");
  EXPECT_EQ(parsed("2852039166"), "169.254.169.254");
  EXPECT_EQ(parsed("0"), "0.0.0.0");
  EXPECT_EQ(parsed("10.0x10000"), "10.1.0.0");
}

TEST(IpAddressTest, MalformedIpv4IsNotAnAddress) {
  EXPECT_EQ(parsed("256.0.0.1"), "none");
  EXPECT_EQ(parsed("1.2.3.4.5"), "none");
  EXPECT_EQ(parsed("4294967296"), "none");  // 2^32
  EXPECT_EQ(parsed("089.0.0.1"), "none");   // 8 and 9 are not octal digits
  EXPECT_EQ(parsed("1..2.3"), "none");
  EXPECT_EQ(parsed("127.0.0.0x1g"), "none");
  EXPECT_EQ(parsed("1.2.65536"), "none");
  EXPECT_EQ(parsed("example.com"), "none");
}

TEST(IpAddressTest, LooksLikeIpv4LiteralCatchesNumericHostsThatMustNotReachDns) {
  EXPECT_TRUE(looks_like_ipv4_literal("089.0.0.1"));
  EXPECT_TRUE(looks_like_ipv4_literal("0x7f.1"));
  EXPECT_TRUE(looks_like_ipv4_literal("1.2.3.4.5"));
  EXPECT_FALSE(looks_like_ipv4_literal("example.com"));
  EXPECT_FALSE(looks_like_ipv4_literal("abc.de"));  // starts with a letter: a name
  EXPECT_FALSE(looks_like_ipv4_literal("1password.com"));
}

TEST(IpAddressTest, Ipv6Forms) {
  EXPECT_EQ(parsed("::1"), "::1");
  EXPECT_EQ(parsed("[::1]"), "::1");
  EXPECT_EQ(parsed("0:0:0:0:0:0:0:1"), "::1");
  EXPECT_EQ(parsed("::ffff:127.0.0.1"), "::ffff:127.0.0.1");
  EXPECT_EQ(parsed("::ffff:7f00:1"), "::ffff:127.0.0.1");
  EXPECT_EQ(parsed("FD00:EC2::254"), "fd00:ec2::254");
  EXPECT_EQ(parsed("2606:4700:4700::1111"), "2606:4700:4700::1111");
  EXPECT_EQ(parsed("fe80::1%eth0"), "none");  // zone ids are refused
  EXPECT_EQ(parsed("::g"), "none");
  EXPECT_EQ(parsed("1:2:3:4:5:6:7:8:9"), "none");
}

}  // namespace
}  // namespace fg::net
