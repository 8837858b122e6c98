// PublicKey and KeyId: the half of the credential keypair that anyone may hold.
//
// The API tier holds only a PublicKey: it can seal secrets to the worker but cannot open them. There is
// deliberately no private-key type in src/crypto; it lives in src/vault (DESIGN.md, STYLE rule 7).
// A KeyId is the first 8 bytes of SHA-256 over the public key, so an id can never name a different key.
#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace fg::crypto {

inline constexpr std::size_t kPublicKeyBytes = 32;  //!< X25519
inline constexpr std::size_t kKeyIdBytes = 8;

class KeyId {
 public:
  //! Parses the 16-character lower-case hex form. invalid_argument otherwise.
  static Result<KeyId> parse(std::string_view text);
  static KeyId from_bytes(const std::array<std::uint8_t, kKeyIdBytes>& bytes) { return KeyId(bytes); }
  //! 16 lower-case hex characters.
  std::string to_string() const;
  const std::array<std::uint8_t, kKeyIdBytes>& bytes() const { return bytes_; }
  friend auto operator<=>(const KeyId&, const KeyId&) = default;

 private:
  explicit KeyId(const std::array<std::uint8_t, kKeyIdBytes>& b) : bytes_(b) {}
  std::array<std::uint8_t, kKeyIdBytes> bytes_{};
};

class PublicKey {
 public:
  //! invalid_argument unless exactly kPublicKeyBytes, or for the all-zero key (a low-order point that
  //! would make every sealed box openable by anyone).
  static Result<PublicKey> from_bytes(std::span<const std::uint8_t> bytes);
  //! Parses the unpadded base64url text form.
  static Result<PublicKey> parse(std::string_view text);

  //! Unpadded base64url.
  std::string to_string() const;
  const std::array<std::uint8_t, kPublicKeyBytes>& bytes() const { return bytes_; }
  const KeyId& id() const { return id_; }
  friend bool operator==(const PublicKey& a, const PublicKey& b) { return a.bytes_ == b.bytes_; }

 private:
  PublicKey(const std::array<std::uint8_t, kPublicKeyBytes>& b, KeyId id) : bytes_(b), id_(id) {}
  std::array<std::uint8_t, kPublicKeyBytes> bytes_{};
  KeyId id_ = KeyId::from_bytes({});
};

}  // namespace fg::crypto
