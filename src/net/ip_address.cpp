#include "net/ip_address.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cstring>
#include <vector>

namespace fg::net {
namespace {

// One part of an inet_aton address: 0x-hex, 0-octal or decimal; nullopt on anything else or overflow.
std::optional<std::uint64_t> parse_part(std::string_view p) {
  if (p.empty()) return std::nullopt;
  int base = 10;
  if (p.size() >= 2 && p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
    base = 16;
    p.remove_prefix(2);
    if (p.empty()) return std::uint64_t{0};  // "0x" is 0 in inet_aton
  } else if (p.size() >= 2 && p[0] == '0') {
    base = 8;
    p.remove_prefix(1);
  }
  std::uint64_t v = 0;
  for (char c : p) {
    int d = -1;
    if (c >= '0' && c <= '9') d = c - '0';
    if (base == 16 && c >= 'a' && c <= 'f') d = c - 'a' + 10;
    if (base == 16 && c >= 'A' && c <= 'F') d = c - 'A' + 10;
    if (d < 0 || d >= base) return std::nullopt;
    v = v * static_cast<std::uint64_t>(base) + static_cast<std::uint64_t>(d);
    if (v > 0xFFFFFFFFull) return std::nullopt;
  }
  return v;
}

std::optional<IpAddress> parse_ipv4(std::string_view host) {
  std::vector<std::uint64_t> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = host.find('.', start);
    const std::string_view part = host.substr(start, dot == std::string_view::npos ? host.size() - start : dot - start);
    std::optional<std::uint64_t> v = parse_part(part);
    if (!v) return std::nullopt;
    parts.push_back(*v);
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  if (parts.empty() || parts.size() > 4) return std::nullopt;
  // Every part but the last is one byte; the last fills the remaining bytes (inet_aton(3)).
  for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
    if (parts[i] > 255) return std::nullopt;
  }
  const int rest_bytes = 4 - static_cast<int>(parts.size()) + 1;
  if (parts.back() >= (1ull << (8 * rest_bytes))) return std::nullopt;
  std::uint32_t value = 0;
  for (std::size_t i = 0; i + 1 < parts.size(); ++i) value |= static_cast<std::uint32_t>(parts[i]) << (24 - 8 * i);
  value |= static_cast<std::uint32_t>(parts.back());
  return IpAddress::v4({static_cast<std::uint8_t>(value >> 24), static_cast<std::uint8_t>(value >> 16),
                        static_cast<std::uint8_t>(value >> 8), static_cast<std::uint8_t>(value)});
}

}  // namespace

IpAddress IpAddress::v4(std::array<std::uint8_t, 4> bytes) {
  IpAddress a;
  a.v4_ = true;
  std::memcpy(a.bytes_.data(), bytes.data(), 4);
  return a;
}

IpAddress IpAddress::v6(std::array<std::uint8_t, 16> bytes) {
  IpAddress a;
  a.v4_ = false;
  a.bytes_ = bytes;
  return a;
}

std::optional<IpAddress> IpAddress::from_sockaddr(const sockaddr* sa) {
  if (sa == nullptr) return std::nullopt;
  if (sa->sa_family == AF_INET) {
    std::array<std::uint8_t, 4> b{};
    std::memcpy(b.data(), &reinterpret_cast<const sockaddr_in*>(sa)->sin_addr, 4);
    return v4(b);
  }
  if (sa->sa_family == AF_INET6) {
    std::array<std::uint8_t, 16> b{};
    std::memcpy(b.data(), &reinterpret_cast<const sockaddr_in6*>(sa)->sin6_addr, 16);
    return v6(b);
  }
  return std::nullopt;
}

std::string IpAddress::to_string() const {
  char buf[INET6_ADDRSTRLEN] = {};
  inet_ntop(v4_ ? AF_INET : AF_INET6, bytes_.data(), buf, sizeof buf);
  return buf;
}

bool looks_like_ipv4_literal(std::string_view host) {
  if (host.empty() || host[0] < '0' || host[0] > '9') return false;
  for (char c : host) {
    const bool ok =
        (c >= '0' && c <= '9') || c == '.' || c == 'x' || c == 'X' || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    if (!ok) return false;
  }
  return true;
}

std::optional<IpAddress> parse_ip_literal(std::string_view host) {
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  if (host.find(':') != std::string_view::npos) {
    // A zone id ("fe80::1%eth0") names a local interface: never a valid outbound target.
    if (host.find('%') != std::string_view::npos || host.size() >= INET6_ADDRSTRLEN) return std::nullopt;
    const std::string text(host);
    std::array<std::uint8_t, 16> b{};
    if (inet_pton(AF_INET6, text.c_str(), b.data()) != 1) return std::nullopt;
    return IpAddress::v6(b);
  }
  return parse_ipv4(host);
}

}  // namespace fg::net
