// TOTP (RFC 6238) for multi-factor login: HMAC-SHA1, 6 digits, 30-second steps, a window of one step
// either side for clock drift, and a used step refused (replay).
//
//   SecretBuffer s = totp_generate_secret();          // store it sealed; show otpauth_uri once
//   Result<std::int64_t> step = totp_verify(s.bytes(), code, now, user.last_totp_step);
//   if (step.ok()) user.last_totp_step = *step;        // persist before answering
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "core/time.hpp"
#include "crypto/secret_buffer.hpp"

namespace fg::crypto {

inline constexpr std::size_t kTotpSecretBytes = 20;  //!< 160 bits, RFC 4226 section 4 recommendation
inline constexpr std::int64_t kTotpStepSeconds = 30;
inline constexpr int kTotpDigits = 6;
inline constexpr int kTotpWindowSteps = 1;

//! A fresh random TOTP secret.
SecretBuffer totp_generate_secret();

//! HOTP (RFC 4226) value of `counter` with `digits` digits (6..8, else aborts: a bug).
std::string hotp(std::span<const std::uint8_t> key, std::uint64_t counter, int digits = kTotpDigits);

//! The step number (RFC 6238 T) that contains `at`.
std::int64_t totp_step(Timestamp at);

//! The code for `at`.
std::string totp_code(std::span<const std::uint8_t> key, Timestamp at, int digits = kTotpDigits);

//! The step whose code equals `code`, searching at-1..at+1 steps, and only steps after
//! `last_used_step` (a code is good once). unauthenticated for a wrong, reused or malformed code
//! (the message does not say which). Compares in constant time.
[[nodiscard]] Result<std::int64_t> totp_verify(std::span<const std::uint8_t> key, std::string_view code, Timestamp at,
                                               std::optional<std::int64_t> last_used_step);

//! otpauth://totp/ISSUER:ACCOUNT?secret=BASE32&issuer=ISSUER&algorithm=SHA1&digits=6&period=30,
//! with issuer and account percent-encoded (Key Uri Format used by authenticator apps).
std::string otpauth_uri(std::string_view issuer, std::string_view account, std::span<const std::uint8_t> key);

}  // namespace fg::crypto
