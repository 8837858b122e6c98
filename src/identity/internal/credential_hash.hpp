// The stored form of a presented secret (session token, invitation or reset token): hex SHA-256.
#pragma once

#include <string>
#include <string_view>

#include "crypto/encoding.hpp"
#include "crypto/token.hpp"

namespace fg::identity::internal {

inline std::string stored_hash(std::string_view token) {
  return crypto::hex_encode(crypto::token_hash(token));
}

//! Lower-cased ASCII: emails are stored and compared in this form.
inline std::string normalize_email(std::string_view email) {
  std::string out(email);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace fg::identity::internal
