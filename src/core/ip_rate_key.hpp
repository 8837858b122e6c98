// ip_rate_key: the key a per-client limit counts a client IP under (the API's per-IP token buckets,
// identity's failed-login throttle).
//
// An IPv6 client is keyed by its /64: one subscriber, host or cloud instance is usually handed a whole
// /64 (RFC 6177, RFC 8273), so per-address keys would let it take 2^64 budgets (issue 20: 300 bad logins
// from distinct addresses of one /64). IPv4 stays per address, and an IPv4-mapped IPv6 address
// (::ffff:a.b.c.d) is the IPv4 address it maps, so a dual-stack socket cannot double a budget.
//
//   ip_rate_key("2001:db8:1:2:aaaa::1") == "2001:db8:1:2::/64"
//   ip_rate_key("::ffff:192.0.2.7")      == "192.0.2.7"
#pragma once

#include <string>
#include <string_view>

namespace fg {

//! The limit key of `ip` (a textual IPv4 or IPv6 address, as resolved from the peer or a trusted
//! proxy). Text that is not an IP address is returned unchanged, so it still has a key of its own.
//! Thread-safe.
std::string ip_rate_key(std::string_view ip);

}  // namespace fg
