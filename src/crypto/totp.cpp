#include "crypto/totp.hpp"

#include <array>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "core/assert.hpp"
#include "crypto/encoding.hpp"
#include "crypto/random.hpp"

namespace fg::crypto {
namespace {

std::string percent_encode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
        c == '_' || c == '~' || c == '@') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

}  // namespace

SecretBuffer totp_generate_secret() {
  return SecretBuffer::random(kTotpSecretBytes);
}

std::string hotp(std::span<const std::uint8_t> key, std::uint64_t counter, int digits) {
  FG_CHECK(digits >= 6 && digits <= 8);  // RFC 4226 section 5.3 allows 6..8; callers use constants
  std::array<std::uint8_t, 8> msg{};
  for (int i = 7; i >= 0; --i) {
    msg[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(counter & 0xFF);
    counter >>= 8;
  }
  std::array<std::uint8_t, 20> mac{};
  unsigned int len = 0;
  static const std::uint8_t kEmpty = 0;
  // SHA-1 is what RFC 6238 authenticator apps implement; HMAC-SHA1 is not affected by SHA-1 collisions.
  FG_CHECK(HMAC(EVP_sha1(), key.empty() ? &kEmpty : key.data(), static_cast<int>(key.size()), msg.data(), msg.size(),
                mac.data(), &len) != nullptr);
  // Dynamic truncation, RFC 4226 section 5.4.
  const int offset = mac[19] & 0x0F;
  const std::uint32_t bin = (static_cast<std::uint32_t>(mac[offset] & 0x7F) << 24) |
                            (static_cast<std::uint32_t>(mac[offset + 1]) << 16) |
                            (static_cast<std::uint32_t>(mac[offset + 2]) << 8) | mac[offset + 3];
  std::uint32_t mod = 1;
  for (int i = 0; i < digits; ++i) mod *= 10;
  std::string out = std::to_string(bin % mod);
  return std::string(static_cast<std::size_t>(digits) - out.size(), '0') + out;
}

std::int64_t totp_step(Timestamp at) {
  const std::int64_t s = at.seconds();
  return s >= 0 ? s / kTotpStepSeconds : -((-s + kTotpStepSeconds - 1) / kTotpStepSeconds);
}

std::string totp_code(std::span<const std::uint8_t> key, Timestamp at, int digits) {
  return hotp(key, static_cast<std::uint64_t>(totp_step(at)), digits);
}

Result<std::int64_t> totp_verify(std::span<const std::uint8_t> key, std::string_view code, Timestamp at,
                                 std::optional<std::int64_t> last_used_step) {
  const Status refused = unauthenticated_error("invalid one-time code");
  if (code.size() != static_cast<std::size_t>(kTotpDigits)) return refused;
  for (char c : code) {
    if (c < '0' || c > '9') return refused;
  }
  const std::int64_t now = totp_step(at);
  std::optional<std::int64_t> matched;
  // Every candidate is computed and compared, so the time taken does not reveal which step matched.
  for (std::int64_t step = now - kTotpWindowSteps; step <= now + kTotpWindowSteps; ++step) {
    if (step < 0) continue;
    const bool eq = equal_constant_time(hotp(key, static_cast<std::uint64_t>(step)), code);
    if (eq && !matched) matched = step;
  }
  if (!matched) return refused;
  if (last_used_step && *matched <= *last_used_step) return refused;
  return *matched;
}

std::string otpauth_uri(std::string_view issuer, std::string_view account, std::span<const std::uint8_t> key) {
  const std::string iss = percent_encode(issuer);
  return "otpauth://totp/" + iss + ":" + percent_encode(account) + "?secret=" + base32_encode(key) + "&issuer=" + iss +
         "&algorithm=SHA1&digits=" + std::to_string(kTotpDigits) + "&period=" + std::to_string(kTotpStepSeconds);
}

}  // namespace fg::crypto
