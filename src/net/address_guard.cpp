#include "net/address_guard.hpp"

#include <cstdint>
#include <string>

namespace fg::net {
namespace {

// True when the first `bits` bits of `a` equal those of `prefix`.
bool in_prefix(const std::uint8_t* a, std::initializer_list<std::uint8_t> prefix, int bits) {
  const std::uint8_t* p = prefix.begin();
  for (int i = 0; bits > 0; ++i, bits -= 8) {
    const std::uint8_t mask = bits >= 8 ? 0xFF : static_cast<std::uint8_t>(0xFF << (8 - bits));
    const std::uint8_t want = i < static_cast<int>(prefix.size()) ? p[i] : 0;
    if ((a[i] & mask) != (want & mask)) return false;
  }
  return true;
}

AddressClass classify_v4(const std::uint8_t* b) {
  if (b[0] == 169 && b[1] == 254 && b[2] == 169 && b[3] == 254) return AddressClass::kCloudMetadata;
  if (b[0] == 255 && b[1] == 255 && b[2] == 255 && b[3] == 255) return AddressClass::kBroadcast;
  if (in_prefix(b, {0}, 8)) return AddressClass::kUnspecified;
  if (in_prefix(b, {127}, 8)) return AddressClass::kLoopback;
  if (in_prefix(b, {10}, 8) || in_prefix(b, {172, 16}, 12) || in_prefix(b, {192, 168}, 16)) {
    return AddressClass::kPrivate;
  }
  if (in_prefix(b, {100, 64}, 10)) return AddressClass::kSharedCgnat;
  if (in_prefix(b, {169, 254}, 16)) return AddressClass::kLinkLocal;
  if (in_prefix(b, {224}, 4)) return AddressClass::kMulticast;
  if (in_prefix(b, {240}, 4)) return AddressClass::kReserved;
  // IETF protocol assignments (192.0.0/24), 6to4 relay anycast (192.88.99/24), benchmarking (198.18/15).
  if (in_prefix(b, {192, 0, 0}, 24) || in_prefix(b, {192, 88, 99}, 24) || in_prefix(b, {198, 18}, 15)) {
    return AddressClass::kReserved;
  }
  if (in_prefix(b, {192, 0, 2}, 24) || in_prefix(b, {198, 51, 100}, 24) || in_prefix(b, {203, 0, 113}, 24)) {
    return AddressClass::kDocumentation;
  }
  return AddressClass::kPublic;
}

AddressClass classify_v6(const std::uint8_t* b) {
  static constexpr std::uint8_t kMetadata[16] = {0xfd, 0x00, 0x0e, 0xc2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, 0x54};
  if (std::equal(b, b + 16, kMetadata)) return AddressClass::kCloudMetadata;
  bool zero_prefix = true;  // the first 15 bytes are zero
  for (int i = 0; i < 15; ++i) zero_prefix = zero_prefix && b[i] == 0;
  if (zero_prefix && b[15] == 0) return AddressClass::kUnspecified;
  if (zero_prefix && b[15] == 1) return AddressClass::kLoopback;
  // ::ffff:a.b.c.d, ::a.b.c.d, 64:ff9b::a.b.c.d, 64:ff9b:1::/48, 2002::/16 and Teredo all carry an IPv4
  // address a peer's stack may route to; refusing them closes every "[::ffff:127.0.0.1]" trick.
  if (in_prefix(b, {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff}, 96) || in_prefix(b, {}, 96) ||
      in_prefix(b, {0x00, 0x64, 0xff, 0x9b}, 96) || in_prefix(b, {0x00, 0x64, 0xff, 0x9b, 0x00, 0x01}, 48) ||
      in_prefix(b, {0x20, 0x02}, 16) || in_prefix(b, {0x20, 0x01, 0x00, 0x00}, 32)) {
    return AddressClass::kEmbeddedIpv4;
  }
  if (in_prefix(b, {0xfc}, 7)) return AddressClass::kPrivate;
  if (in_prefix(b, {0xfe, 0x80}, 10)) return AddressClass::kLinkLocal;
  if (in_prefix(b, {0xfe, 0xc0}, 10)) return AddressClass::kPrivate;  // deprecated site-local
  if (in_prefix(b, {0xff}, 8)) return AddressClass::kMulticast;
  if (in_prefix(b, {0x20, 0x01, 0x0d, 0xb8}, 32) || in_prefix(b, {0x3f, 0xff}, 20)) {
    return AddressClass::kDocumentation;
  }
  // Discard-only (100::/64), IETF protocol assignments (2001::/23), and anything outside global
  // unicast 2000::/3.
  if (in_prefix(b, {0x01, 0x00, 0, 0, 0, 0, 0, 0}, 64) || in_prefix(b, {0x20, 0x01, 0x00}, 23)) {
    return AddressClass::kReserved;
  }
  if (!in_prefix(b, {0x20}, 3)) return AddressClass::kReserved;
  return AddressClass::kPublic;
}

}  // namespace

std::string_view address_class_name(AddressClass c) {
  switch (c) {
    case AddressClass::kPublic: return "public";
    case AddressClass::kLoopback: return "loopback";
    case AddressClass::kUnspecified: return "unspecified";
    case AddressClass::kPrivate: return "private";
    case AddressClass::kSharedCgnat: return "shared (CGNAT)";
    case AddressClass::kLinkLocal: return "link-local";
    case AddressClass::kCloudMetadata: return "cloud metadata";
    case AddressClass::kMulticast: return "multicast";
    case AddressClass::kBroadcast: return "broadcast";
    case AddressClass::kReserved: return "reserved";
    case AddressClass::kDocumentation: return "documentation";
    case AddressClass::kEmbeddedIpv4: return "IPv6 with an embedded IPv4 address";
  }
  return "unknown";
}

AddressClass classify(const IpAddress& a) {
  return a.is_v4() ? classify_v4(a.bytes()) : classify_v6(a.bytes());
}

Status check_address(const IpAddress& a, bool allow_loopback) {
  const AddressClass c = classify(a);
  if (c == AddressClass::kPublic || (c == AddressClass::kLoopback && allow_loopback)) return ok_status();
  return permission_denied_error("outbound request refused: the destination is a " +
                                 std::string(address_class_name(c)) + " address");
}

}  // namespace fg::net
