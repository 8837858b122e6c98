#include "net/address_guard.hpp"

#include <gtest/gtest.h>

namespace fg::net {
namespace {

AddressClass cls(std::string_view literal) {
  std::optional<IpAddress> a = parse_ip_literal(literal);
  EXPECT_TRUE(a.has_value()) << literal;
  return a ? classify(*a) : AddressClass::kReserved;
}

bool allowed(std::string_view literal, bool loopback = false) {
  std::optional<IpAddress> a = parse_ip_literal(literal);
  return a && check_address(*a, loopback).ok();
}

TEST(AddressGuardTest, PublicAddressesPass) {
  for (const char* a : {"8.8.8.8", "1.1.1.1", "93.184.216.34", "2606:4700:4700::1111", "2a00:1450:4001::200e"}) {
    EXPECT_TRUE(allowed(a)) << a;
  }
}

TEST(AddressGuardTest, PrivateRangesAreRefused) {
  for (const char* a : {"10.0.0.1", "10.255.255.255", "172.16.0.1", "172.31.255.255", "192.168.1.1", "fc00::1",
                        "fd12:3456::1", "fec0::1"}) {
    EXPECT_FALSE(allowed(a)) << a;
    EXPECT_FALSE(allowed(a, true)) << a;
  }
  EXPECT_TRUE(allowed("172.32.0.1"));  // just outside 172.16/12
  EXPECT_TRUE(allowed("172.15.255.255"));
}

TEST(AddressGuardTest, LoopbackOnlyWhenAllowed) {
  for (const char* a : {"127.0.0.1", "127.255.0.9", "::1", "2130706433", "0x7f.1", "0177.0.0.1", "127.1"}) {
    EXPECT_EQ(cls(a), AddressClass::kLoopback) << a;
    EXPECT_FALSE(allowed(a)) << a;
    EXPECT_TRUE(allowed(a, true)) << a;
  }
}

TEST(AddressGuardTest, CloudMetadataIsRefusedEvenWithLoopbackAllowed) {
  for (const char* a :
       {"169.254.169.254", "2852039166", "0xa9fea9fe", "0251.0376.0251.0376", "169.254.43518", "fd00:ec2::254"}) {
    EXPECT_EQ(cls(a), AddressClass::kCloudMetadata) << a;
    EXPECT_FALSE(allowed(a, true)) << a;
  }
}

TEST(AddressGuardTest, LinkLocalUnspecifiedCgnatMulticastBroadcastReserved) {
  EXPECT_EQ(cls("169.254.1.1"), AddressClass::kLinkLocal);
  EXPECT_EQ(cls("fe80::1"), AddressClass::kLinkLocal);
  EXPECT_EQ(cls("0.0.0.0"), AddressClass::kUnspecified);
  EXPECT_EQ(cls("0"), AddressClass::kUnspecified);
  EXPECT_EQ(cls("0.1.2.3"), AddressClass::kUnspecified);
  EXPECT_EQ(cls("::"), AddressClass::kUnspecified);
  EXPECT_EQ(cls("100.64.0.1"), AddressClass::kSharedCgnat);
  EXPECT_EQ(cls("100.127.255.255"), AddressClass::kSharedCgnat);
  EXPECT_EQ(cls("100.128.0.1"), AddressClass::kPublic);
  EXPECT_EQ(cls("224.0.0.1"), AddressClass::kMulticast);
  EXPECT_EQ(cls("239.255.255.250"), AddressClass::kMulticast);
  EXPECT_EQ(cls("ff02::1"), AddressClass::kMulticast);
  EXPECT_EQ(cls("255.255.255.255"), AddressClass::kBroadcast);
  EXPECT_EQ(cls("240.0.0.1"), AddressClass::kReserved);
  EXPECT_EQ(cls("198.18.0.1"), AddressClass::kReserved);
  EXPECT_EQ(cls("192.0.0.8"), AddressClass::kReserved);
  EXPECT_EQ(cls("192.0.2.1"), AddressClass::kDocumentation);
  EXPECT_EQ(cls("203.0.113.9"), AddressClass::kDocumentation);
  EXPECT_EQ(cls("2001:db8::1"), AddressClass::kDocumentation);
  EXPECT_EQ(cls("100::1"), AddressClass::kReserved);
}

TEST(AddressGuardTest, Ipv6FormsEmbeddingIpv4AreRefused) {
  for (const char* a : {"::ffff:127.0.0.1", "::ffff:7f00:1", "::ffff:8.8.8.8", "::ffff:169.254.169.254", "::127.0.0.1",
                        "64:ff9b::a9fe:a9fe", "2002:7f00:1::", "2001:0:4136:e378::1", "[::ffff:10.0.0.1]"}) {
    EXPECT_EQ(cls(a), AddressClass::kEmbeddedIpv4) << a;
    EXPECT_FALSE(allowed(a, true)) << a;
  }
}

TEST(AddressGuardTest, RefusalIsPermissionDeniedNamingTheClass) {
  Status s = check_address(*parse_ip_literal("10.1.2.3"), false);
  EXPECT_EQ(s.code(), StatusCode::kPermissionDenied);
  EXPECT_NE(s.message().find("private"), std::string::npos);
}

}  // namespace
}  // namespace fg::net
