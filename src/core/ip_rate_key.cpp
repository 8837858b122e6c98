#include "core/ip_rate_key.hpp"

#include <arpa/inet.h>

#include <array>
#include <cstring>

namespace fg {

std::string ip_rate_key(std::string_view ip) {
  // The longest IPv6 text with a zone is well under this; longer text is not an address.
  if (ip.empty() || ip.size() > 64) return std::string(ip);
  const std::string text(ip);
  in_addr v4{};
  if (::inet_pton(AF_INET, text.c_str(), &v4) == 1) return text;
  in6_addr v6{};
  if (::inet_pton(AF_INET6, text.c_str(), &v6) != 1) return text;
  std::array<char, INET6_ADDRSTRLEN> out{};
  static constexpr std::array<unsigned char, 12> kMappedPrefix = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  if (std::memcmp(v6.s6_addr, kMappedPrefix.data(), kMappedPrefix.size()) == 0) {
    std::memcpy(&v4, v6.s6_addr + 12, 4);
    if (::inet_ntop(AF_INET, &v4, out.data(), out.size()) == nullptr) return text;
    return std::string(out.data());
  }
  std::memset(v6.s6_addr + 8, 0, 8);
  if (::inet_ntop(AF_INET6, &v6, out.data(), out.size()) == nullptr) return text;
  return std::string(out.data()) + "/64";
}

}  // namespace fg
