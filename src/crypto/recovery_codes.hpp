// MFA recovery codes: single-use codes a user prints when enabling TOTP, stored only as hashes.
//
// A code is 16 base32 characters (80 bits) shown as four groups, XXXX-XXXX-XXXX-XXXX. At 80 bits a
// plain SHA-256 is enough: a database dump cannot be brute-forced back to the codes.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/mac.hpp"

namespace fg::crypto {

inline constexpr int kRecoveryCodeCount = 10;

struct RecoveryCodes {
  std::vector<std::string> codes;  //!< show once
  std::vector<Digest> hashes;      //!< store; remove each one once used
};

//! `count` fresh codes and their hashes. Thread-safe.
RecoveryCodes generate_recovery_codes(int count = kRecoveryCodeCount);

//! The hash of a code as typed: case, spaces and dashes are ignored.
Digest recovery_code_hash(std::string_view typed);

//! The index in `stored` of the hash matching `typed`, or -1. Checks every entry in constant time.
int find_recovery_code(std::string_view typed, std::span<const Digest> stored);

}  // namespace fg::crypto
