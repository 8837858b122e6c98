// Uuid: a 128-bit identifier in RFC 9562 text form, and typed ids built on it.
//
// Typed ids (OrgId, UserId, ...) keep an org id from being passed where a user id is expected.
#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace fg {

class Uuid {
 public:
  //! The nil UUID.
  constexpr Uuid() = default;

  //! A random (version 4) UUID from the kernel's CSPRNG (getrandom). Aborts if that fails:
  //! identifiers must never be guessable, and there is no safe fallback.
  static Uuid random();
  //! Parses the canonical 36-character lower- or upper-case form. invalid_argument otherwise.
  static Result<Uuid> parse(std::string_view text);

  //! Canonical lower-case text form.
  std::string to_string() const;
  bool is_nil() const;
  const std::array<std::uint8_t, 16>& bytes() const { return bytes_; }

  friend auto operator<=>(const Uuid&, const Uuid&) = default;

 private:
  std::array<std::uint8_t, 16> bytes_{};
};

//! A Uuid tagged with what it identifies.
template <typename Tag>
class TypedId {
 public:
  constexpr TypedId() = default;
  explicit TypedId(Uuid u) : uuid_(u) {}
  static TypedId random() { return TypedId(Uuid::random()); }
  static Result<TypedId> parse(std::string_view text) {
    Result<Uuid> u = Uuid::parse(text);
    if (!u.ok()) return u.status();
    return TypedId(*u);
  }
  const Uuid& uuid() const { return uuid_; }
  std::string to_string() const { return uuid_.to_string(); }
  bool is_nil() const { return uuid_.is_nil(); }
  friend auto operator<=>(const TypedId&, const TypedId&) = default;

 private:
  Uuid uuid_;
};

using OrgId = TypedId<struct OrgIdTag>;
using UserId = TypedId<struct UserIdTag>;

}  // namespace fg

template <>
struct std::hash<fg::Uuid> {
  std::size_t operator()(const fg::Uuid& u) const noexcept {
    std::uint64_t a = 0;
    for (int i = 0; i < 8; ++i) a = (a << 8) | u.bytes()[i];
    std::uint64_t b = 0;
    for (int i = 8; i < 16; ++i) b = (b << 8) | u.bytes()[i];
    return static_cast<std::size_t>(a ^ (b * 0x9E3779B97F4A7C15ULL));
  }
};
template <typename Tag>
struct std::hash<fg::TypedId<Tag>> {
  std::size_t operator()(const fg::TypedId<Tag>& id) const noexcept { return std::hash<fg::Uuid>()(id.uuid()); }
};
