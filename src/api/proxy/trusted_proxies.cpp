#include "api/proxy/trusted_proxies.hpp"

#include <arpa/inet.h>

#include <charconv>
#include <cstring>

namespace fg::api {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

bool parse_ip(std::string_view text, std::array<std::uint8_t, 16>& out) {
  if (text.empty() || text.size() > 45) return false;
  const std::string s(text);
  in_addr v4{};
  if (::inet_pton(AF_INET, s.c_str(), &v4) == 1) {
    out = {};
    out[10] = 0xff;
    out[11] = 0xff;
    std::memcpy(out.data() + 12, &v4, 4);
    return true;
  }
  in6_addr v6{};
  if (::inet_pton(AF_INET6, s.c_str(), &v6) == 1) {
    std::memcpy(out.data(), &v6, 16);
    return true;
  }
  return false;
}

Result<Cidr> Cidr::parse(std::string_view text) {
  const std::size_t slash = text.find('/');
  Cidr c;
  const std::string_view addr = text.substr(0, slash);
  if (!parse_ip(addr, c.address))
    return invalid_argument_error("trusted_proxies: not an IP network", "trusted_proxies");
  const bool v4 = addr.find(':') == std::string_view::npos;
  const int max_prefix = v4 ? 32 : 128;
  int prefix = max_prefix;
  if (slash != std::string_view::npos) {
    const std::string_view p = text.substr(slash + 1);
    auto [end, ec] = std::from_chars(p.data(), p.data() + p.size(), prefix);
    if (ec != std::errc() || end != p.data() + p.size() || prefix < 0 || prefix > max_prefix) {
      return invalid_argument_error("trusted_proxies: bad prefix length", "trusted_proxies");
    }
  }
  c.prefix = v4 ? prefix + 96 : prefix;
  return c;
}

bool Cidr::contains(const std::array<std::uint8_t, 16>& ip) const {
  int bits = prefix;
  for (std::size_t i = 0; i < 16 && bits > 0; ++i, bits -= 8) {
    const std::uint8_t mask = bits >= 8 ? 0xff : static_cast<std::uint8_t>(0xff << (8 - bits));
    if ((ip[i] & mask) != (address[i] & mask)) return false;
  }
  return true;
}

Result<TrustedProxies> TrustedProxies::parse(const std::vector<std::string>& cidrs) {
  TrustedProxies t;
  for (const auto& text : cidrs) {
    FG_ASSIGN_OR_RETURN(Cidr c, Cidr::parse(trim(text)));
    t.cidrs_.push_back(c);
  }
  return t;
}

bool TrustedProxies::trusts(std::string_view ip) const {
  std::array<std::uint8_t, 16> a{};
  if (!parse_ip(ip, a)) return false;
  for (const Cidr& c : cidrs_) {
    if (c.contains(a)) return true;
  }
  return false;
}

ClientAddress TrustedProxies::resolve(std::string_view peer_ip, bool tls, const Headers& headers) const {
  ClientAddress out{std::string(peer_ip), tls};
  if (!trusts(peer_ip)) return out;
  if (std::optional<std::string_view> proto = headers.get("X-Forwarded-Proto")) {
    out.secure = tls || iequals(trim(*proto), "https");
  }
  // Only a single X-Forwarded-For field is read; proxies append to one list.
  std::optional<std::string_view> xff = headers.get("X-Forwarded-For");
  if (!xff || headers.count("X-Forwarded-For") != 1) return out;
  std::string_view list = *xff;
  while (!list.empty()) {
    const std::size_t comma = list.rfind(',');
    const std::string_view hop = trim(comma == std::string_view::npos ? list : list.substr(comma + 1));
    list = comma == std::string_view::npos ? std::string_view() : list.substr(0, comma);
    std::array<std::uint8_t, 16> a{};
    if (!parse_ip(hop, a)) break;  // garbage: stop at the last address we could trust
    out.ip = std::string(hop);
    if (!trusts(hop)) break;
  }
  return out;
}

}  // namespace fg::api
