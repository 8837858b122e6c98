// BodySchema: the declared shape of a route's JSON request body: one FieldSpec per accepted field.
//
// The input-validation middleware checks a body against it (unknown fields and wrong types refused, the
// failing field named), and the OpenAPI generator renders it, so the document and the check cannot drift.
//
//   BodySchema s{{
//       FieldSpec::string("name").min(1).max(100),
//       FieldSpec::timestamp("expires_at").optional(),
//       FieldSpec::enumeration("role", {"owner", "viewer"}),
//   }};
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace fg::api {

enum class FieldType { kString, kEmail, kUuid, kTimestamp, kEnum, kInteger, kBoolean };

//! Hard ceiling on any string field: nothing this API takes is longer, and it bounds the work per field.
inline constexpr std::size_t kMaxStringFieldBytes = 64 * 1024;

struct FieldSpec {
  std::string name;
  FieldType type = FieldType::kString;
  bool required = true;
  std::size_t min_length = 0;    //!< strings: bytes
  std::size_t max_length = 256;  //!< strings: bytes
  std::int64_t min_value = std::numeric_limits<std::int64_t>::min();
  std::int64_t max_value = std::numeric_limits<std::int64_t>::max();
  std::vector<std::string> enum_values;
  std::string description;

  static FieldSpec string(std::string name);
  static FieldSpec email(std::string name);
  static FieldSpec uuid(std::string name);
  //! ISO 8601 (fg::parse_timestamp, TimeSyntax::kIso8601).
  static FieldSpec timestamp(std::string name);
  static FieldSpec enumeration(std::string name, std::vector<std::string> values);
  static FieldSpec integer(std::string name, std::int64_t min_value, std::int64_t max_value);
  static FieldSpec boolean(std::string name);

  FieldSpec&& optional() && {
    required = false;
    return std::move(*this);
  }
  FieldSpec&& min(std::size_t n) && {
    min_length = n;
    return std::move(*this);
  }
  FieldSpec&& max(std::size_t n) && {
    max_length = n;
    return std::move(*this);
  }
  FieldSpec&& describe(std::string text) && {
    description = std::move(text);
    return std::move(*this);
  }
};

struct BodySchema {
  std::vector<FieldSpec> fields;
  //! The field named `name`, or nullptr.
  const FieldSpec* find(std::string_view name) const;
};

//! The OpenAPI/JSON Schema type name of a field type ("string", "integer", "boolean").
std::string_view json_type_name(FieldType type);

}  // namespace fg::api
