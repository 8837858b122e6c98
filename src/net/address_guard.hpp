// The SSRF guard: which IP addresses finguard may connect to on behalf of a tenant or a configured
// identity provider.
//
// Refused, always: unspecified (0.0.0.0/8, ::), private (10/8, 172.16/12, 192.168/16, fc00::/7),
// CGNAT (100.64/10), link-local (169.254/16, fe80::/10) and with it the cloud metadata services
// (169.254.169.254, fd00:ec2::254), multicast and broadcast, reserved and documentation ranges, and
// every IPv6 form that embeds an IPv4 address (IPv4-mapped ::ffff:0:0/96, IPv4-compatible ::/96,
// NAT64 64:ff9b::/96, 6to4 2002::/16, Teredo 2001::/32), so no spelling reaches a refused IPv4 host.
// Loopback (127/8, ::1) is refused unless the policy allows it, which only tests do
// (allow_loopback_targets, refused in production mode).
#pragma once

#include <string_view>

#include "core/result.hpp"
#include "net/ip_address.hpp"

namespace fg::net {

//! Why an address is refused, or kPublic when it may be reached.
enum class AddressClass {
  kPublic,
  kLoopback,
  kUnspecified,
  kPrivate,
  kSharedCgnat,
  kLinkLocal,
  kCloudMetadata,
  kMulticast,
  kBroadcast,
  kReserved,
  kDocumentation,
  kEmbeddedIpv4,
};

//! "public", "loopback", "private", ...
std::string_view address_class_name(AddressClass c);

//! The class of `a` (the most specific one: 169.254.169.254 is kCloudMetadata, not kLinkLocal).
AddressClass classify(const IpAddress& a);

//! OK when `a` may be connected to; permission_denied naming the class otherwise. Loopback passes
//! only with `allow_loopback`. Thread-safe.
Status check_address(const IpAddress& a, bool allow_loopback);

}  // namespace fg::net
