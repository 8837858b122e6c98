// Money: an exact signed decimal with 18 fractional digits, stored as a 128-bit scaled integer.
//
// Line-item costs, quantities and unit prices all use it (CORRECTIONS.md): AWS CUR prints 10
// fractional digits, OCI 18, FOCUS samples carry 0.00000000016, and an int64 of nano-units would cap
// at 9.2e9 currency units. The range is about ±1.7e20 units. There is no conversion to or from a
// floating-point type, on purpose: no float ever sits between an export and a total.
//
//   ParsedMoney p = *Money::parse("-3.5E-7");   // exact
//   MoneySum s; s.add(p.value); Result<Money> total = s.total();
//
// Money is a value type and thread-compatible.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace fg {

using Int128 = __int128;

struct ParsedMoney;

class Money {
 public:
  static constexpr int kScale = 18;                                       //!< fractional digits
  static constexpr Int128 kOne = static_cast<Int128>(1000000000000000000LL);  //!< 1 unit, scaled

  //! Zero.
  constexpr Money() = default;

  //! From a raw scaled integer (value × 10^18). Precondition: not the minimum Int128.
  static constexpr Money from_scaled(Int128 scaled) { return Money(scaled); }
  //! A whole number of units.
  static constexpr Money from_units(std::int64_t units) { return Money(static_cast<Int128>(units) * kOne); }

  //! Parses a decimal: optional '-', digits, optional '.' and digits, optional exponent (e/E, optional
  //! sign, digits). Digits past the 18th fractional place round half-to-even (ParsedMoney::rounded).
  //! Returns invalid_argument for any other text (empty, '+', spaces, separators, currency symbols) or
  //! a value outside the range. Never echoes the input in the message.
  static Result<ParsedMoney> parse(std::string_view text);

  //! Shortest exact decimal form: "12", "-0.00000035", "0".
  std::string to_string() const;

  constexpr Int128 scaled() const { return scaled_; }
  constexpr bool is_zero() const { return scaled_ == 0; }
  constexpr bool is_negative() const { return scaled_ < 0; }

  //! out = a + b; returns false (out unchanged) on overflow.
  [[nodiscard]] static bool checked_add(Money a, Money b, Money& out);
  //! out = a - b; returns false (out unchanged) on overflow.
  [[nodiscard]] static bool checked_sub(Money a, Money b, Money& out);

  //! a + b for values the caller has bounded; aborts on overflow (a bug, not bad input).
  friend Money operator+(Money a, Money b);
  friend Money operator-(Money a, Money b);
  Money operator-() const { return Money(-scaled_); }

  friend constexpr bool operator==(Money, Money) = default;
  friend constexpr auto operator<=>(Money, Money) = default;

 private:
  constexpr explicit Money(Int128 scaled) : scaled_(scaled) {}
  Int128 scaled_ = 0;
};

//! What parse() read: the value and whether it was rounded. `residue_e36` is (exact − value) × 10^36,
//! truncated past 36 fractional digits, so ingest can report the total rounding residue.
struct ParsedMoney {
  Money value;
  bool rounded = false;
  Int128 residue_e36 = 0;
};

//! An overflow-checked accumulator. Adding never aborts; total() reports an overflow as
//! invalid_argument ("sum out of range").
class MoneySum {
 public:
  void add(Money m) {
    if (!overflow_ && !Money::checked_add(sum_, m, sum_)) overflow_ = true;
  }
  void merge(const MoneySum& other) {
    if (other.overflow_) overflow_ = true;
    add(other.sum_);
  }
  bool overflowed() const { return overflow_; }
  Result<Money> total() const;

 private:
  Money sum_;
  bool overflow_ = false;
};

//! Decimal text of a raw Int128 (for residues and tests).
std::string int128_to_string(Int128 v);

}  // namespace fg
