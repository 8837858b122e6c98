// IpAddress: an IPv4 or IPv6 address as bytes, and the parser for host literals in URLs.
//
// IPv4 literals are parsed the way inet_aton(3) and the WHATWG URL standard do, because that is what
// the resolver underneath libcurl accepts: "2130706433", "0x7f.1", "0177.0.0.1" and "127.1" are all
// 127.0.0.1. The SSRF guard must see the same address the connection would reach.
//
//   std::optional<IpAddress> a = parse_ip_literal("0x7f.0.0.1");   // 127.0.0.1
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

struct sockaddr;

namespace fg::net {

class IpAddress {
 public:
  static IpAddress v4(std::array<std::uint8_t, 4> bytes);
  static IpAddress v6(std::array<std::uint8_t, 16> bytes);
  //! From a socket address (AF_INET or AF_INET6); nullopt for any other family.
  static std::optional<IpAddress> from_sockaddr(const sockaddr* sa);

  bool is_v4() const { return v4_; }
  //! 4 bytes for IPv4, 16 for IPv6.
  const std::uint8_t* bytes() const { return bytes_.data(); }
  std::size_t size() const { return v4_ ? 4 : 16; }

  //! "127.0.0.1" or "::1" (canonical, RFC 5952 for IPv6).
  std::string to_string() const;

  friend bool operator==(const IpAddress&, const IpAddress&) = default;

 private:
  bool v4_ = true;
  std::array<std::uint8_t, 16> bytes_{};
};

//! An IPv4 literal in any inet_aton spelling (1 to 4 parts, each decimal, 0-octal or 0x-hex), or an
//! IPv6 literal with or without brackets. nullopt when `host` is not an address literal.
std::optional<IpAddress> parse_ip_literal(std::string_view host);

//! True when `host` is made only of characters an IPv4 literal can use (digits, '.', 'x', hex
//! letters) and starts with a digit: such a host must parse as an address or be refused, never be
//! handed to DNS.
bool looks_like_ipv4_literal(std::string_view host);

}  // namespace fg::net
