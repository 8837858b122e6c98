// TrustedProxies: which peers may tell us the real client address and scheme.
//
// Only when the TCP peer is inside one of the configured CIDRs do we read X-Forwarded-For and
// X-Forwarded-Proto; from anyone else those headers are client-controlled and ignored (otherwise any
// client could pick its own rate-limit key). X-Forwarded-For is read right to left, skipping trusted
// hops, so the address is the one our own proxy saw, not one the client prepended.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "api/http/headers.hpp"
#include "core/result.hpp"

namespace fg::api {

//! One IPv4 or IPv6 network. IPv4 is held as an IPv4-mapped IPv6 address.
struct Cidr {
  std::array<std::uint8_t, 16> address{};
  int prefix = 128;
  //! Parses "10.0.0.0/8", "::1/128" or a bare address. invalid_argument otherwise.
  static Result<Cidr> parse(std::string_view text);
  bool contains(const std::array<std::uint8_t, 16>& ip) const;
};

//! Parses an IPv4 or IPv6 literal into IPv4-mapped IPv6 form; false if it is not one.
bool parse_ip(std::string_view text, std::array<std::uint8_t, 16>& out);

struct ClientAddress {
  std::string ip;       //!< the client as we trust it
  bool secure = false;  //!< TLS at us, or X-Forwarded-Proto: https from a trusted proxy
};

class TrustedProxies {
 public:
  //! invalid_argument naming "trusted_proxies" for an unparsable entry.
  static Result<TrustedProxies> parse(const std::vector<std::string>& cidrs);
  TrustedProxies() = default;

  bool trusts(std::string_view ip) const;
  //! The client address for a request from `peer_ip` over TLS (`tls`) with these headers.
  ClientAddress resolve(std::string_view peer_ip, bool tls, const Headers& headers) const;

 private:
  std::vector<Cidr> cidrs_;
};

}  // namespace fg::api
