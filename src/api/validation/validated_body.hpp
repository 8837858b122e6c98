// ValidatedBody: a JSON request body that has passed its route's BodySchema, with typed accessors.
//
// Handlers turn it into their typed request struct; every check (presence, type, length, format) has
// already happened, so an accessor on a declared field cannot fail except for an absent optional one.
//
//   struct CreateKeyRequest { std::string name; std::optional<Timestamp> expires_at; };
//   CreateKeyRequest r{body.string("name"), body.optional_timestamp("expires_at")};
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "api/validation/body_schema.hpp"
#include "core/result.hpp"
#include "core/time.hpp"
#include "core/uuid.hpp"

namespace fg::api {

class ValidatedBody {
 public:
  //! Checks `object` against `schema`: it must be a JSON object; unknown fields, missing required
  //! fields, wrong types, lengths, formats and enum values are invalid_argument naming the field.
  static Result<ValidatedBody> check(const BodySchema& schema, nlohmann::json object);

  ValidatedBody(ValidatedBody&&) noexcept;
  ValidatedBody& operator=(ValidatedBody&&) noexcept;
  ~ValidatedBody();

  bool has(std::string_view field) const;
  //! Preconditions for each: the field is declared with the matching type and is present.
  std::string string(std::string_view field) const;
  Uuid uuid(std::string_view field) const;
  Timestamp timestamp(std::string_view field) const;
  std::int64_t integer(std::string_view field) const;
  bool boolean(std::string_view field) const;

  std::optional<std::string> optional_string(std::string_view field) const;
  std::optional<Timestamp> optional_timestamp(std::string_view field) const;

  //! The whole object (for handlers that forward it).
  const nlohmann::json& json() const;

 private:
  explicit ValidatedBody(nlohmann::json object);
  std::unique_ptr<nlohmann::json> json_;
};

//! The email syntax this API accepts: one '@', a non-empty local part without spaces or control
//! characters, and a domain of dot-separated labels with at least one dot. Deliberately simpler than
//! RFC 5322 (no quoted local parts, no IP literals): what a user types, nothing a parser can misread.
bool is_valid_email(std::string_view text);

}  // namespace fg::api
