// SqlValue: one bound parameter of a parameterized statement. Every statement finguard runs binds its
// inputs this way; SQL text is never built from data (scripts/check-source-rules.sh greps for it).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

#include "core/uuid.hpp"

namespace fg::store {

//! Raw bytes (BLOB on SQLite, BYTEA on PostgreSQL).
struct Bytes {
  std::string data;
  friend bool operator==(const Bytes&, const Bytes&) = default;
};

struct Null {
  friend bool operator==(Null, Null) = default;
};

//! A parameter: NULL, a 64-bit integer, text or bytes. UUIDs and timestamps travel as text and
//! integer microseconds.
class SqlValue {
 public:
  SqlValue() = default;                                           // NULL
  SqlValue(Null) {}                                               // NOLINT(google-explicit-constructor)
  SqlValue(std::int64_t v) : v_(v) {}                             // NOLINT(google-explicit-constructor)
  SqlValue(int v) : v_(static_cast<std::int64_t>(v)) {}           // NOLINT(google-explicit-constructor)
  SqlValue(bool v) : v_(static_cast<std::int64_t>(v ? 1 : 0)) {}  // NOLINT(google-explicit-constructor)
  SqlValue(std::string v) : v_(std::move(v)) {}                   // NOLINT(google-explicit-constructor)
  SqlValue(std::string_view v) : v_(std::string(v)) {}            // NOLINT(google-explicit-constructor)
  SqlValue(const char* v) : v_(std::string(v)) {}                 // NOLINT(google-explicit-constructor)
  SqlValue(Bytes v) : v_(std::move(v)) {}                         // NOLINT(google-explicit-constructor)
  SqlValue(const Uuid& u) : v_(u.to_string()) {}                  // NOLINT(google-explicit-constructor)
  template <typename Tag>
  SqlValue(const TypedId<Tag>& id) : v_(id.to_string()) {}  // NOLINT(google-explicit-constructor)

  bool is_null() const { return std::holds_alternative<Null>(v_); }
  const std::variant<Null, std::int64_t, std::string, Bytes>& get() const { return v_; }

 private:
  std::variant<Null, std::int64_t, std::string, Bytes> v_;
};

}  // namespace fg::store
