// Result<T>: a value or a non-OK Status.
//
//   Result<Money> m = Money::parse(cell);
//   if (!m.ok()) return m.status().with_context("BilledCost");
//   total += *m;
//
// FG_TRY(expr) returns the Status of a failed Status/Result expression from the enclosing function;
// FG_ASSIGN_OR_RETURN(lhs, expr) unwraps a Result into lhs or returns its Status.
#pragma once

#include <optional>
#include <type_traits>
#include <utility>

#include "core/assert.hpp"
#include "core/status.hpp"

namespace fg {

template <typename T>
class [[nodiscard]] Result {
 public:
  static_assert(!std::is_same_v<T, Status>, "use Status for a call without a value");

  Result(T value) : value_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
  Result(Status status) : status_(std::move(status)) {  // NOLINT(google-explicit-constructor)
    // A Result built from a Status is a failure; an OK status here is a bug at the call site.
    FG_CHECK(!status_.ok());
  }

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }

  //! Precondition: ok().
  T& value() & {
    FG_CHECK(ok());
    return *value_;
  }
  const T& value() const& {
    FG_CHECK(ok());
    return *value_;
  }
  T&& value() && {
    FG_CHECK(ok());
    return std::move(*value_);
  }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  //! The value, or `fallback` on failure.
  T value_or(T fallback) const& { return ok() ? *value_ : std::move(fallback); }

 private:
  Status status_;
  std::optional<T> value_;
};

namespace detail {
inline const Status& status_of(const Status& s) { return s; }
template <typename T>
const Status& status_of(const Result<T>& r) {
  return r.status();
}
}  // namespace detail

}  // namespace fg

#define FG_CONCAT_INNER(a, b) a##b
#define FG_CONCAT(a, b) FG_CONCAT_INNER(a, b)

#define FG_TRY(expr)                                                  \
  do {                                                                \
    auto&& fg_try_result_ = (expr);                                   \
    if (!fg_try_result_.ok()) return ::fg::detail::status_of(fg_try_result_); \
  } while (0)

#define FG_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                             \
  if (!tmp.ok()) return tmp.status();            \
  lhs = std::move(tmp).value()

#define FG_ASSIGN_OR_RETURN(lhs, expr) \
  FG_ASSIGN_OR_RETURN_IMPL(FG_CONCAT(fg_result_, __LINE__), lhs, expr)
