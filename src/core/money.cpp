#include "core/money.hpp"

#include <algorithm>
#include <limits>

namespace fg {
namespace {

constexpr Int128 kInt128Max = static_cast<Int128>((~static_cast<unsigned __int128>(0)) >> 1);
constexpr Int128 kInt128Min = -kInt128Max - 1;

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// Lays out the text's parts; returns false on any byte outside the grammar.
struct Layout {
  bool negative = false;
  std::string_view int_digits;
  std::string_view frac_digits;
  std::int64_t exponent = 0;  // clamped to ±100000: anything past ±60 is out of range or zero anyway
};

bool lay_out(std::string_view s, Layout& out) {
  std::size_t i = 0;
  if (i < s.size() && s[i] == '-') {
    out.negative = true;
    ++i;
  }
  std::size_t start = i;
  while (i < s.size() && is_digit(s[i])) ++i;
  out.int_digits = s.substr(start, i - start);
  if (out.int_digits.empty()) return false;
  if (i < s.size() && s[i] == '.') {
    ++i;
    start = i;
    while (i < s.size() && is_digit(s[i])) ++i;
    out.frac_digits = s.substr(start, i - start);
    if (out.frac_digits.empty()) return false;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    bool exp_negative = false;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) {
      exp_negative = s[i] == '-';
      ++i;
    }
    start = i;
    std::int64_t e = 0;
    while (i < s.size() && is_digit(s[i])) {
      e = std::min<std::int64_t>(e * 10 + (s[i] - '0'), 100000);
      ++i;
    }
    if (i == start) return false;
    out.exponent = exp_negative ? -e : e;
  }
  return i == s.size();
}

Int128 pow10(int n) {
  Int128 p = 1;
  for (int k = 0; k < n; ++k) p *= 10;
  return p;
}

// The shape nearly every export prints, -?d+(.d+)? with at most 19 digits of which at most 18
// follow the point, parsed with one 64-bit accumulation and one scaling (exact: 10^19 × 10^18 fits
// 128 bits). False for anything else, which the general parser then decides.
bool parse_plain(std::string_view s, Int128& scaled) {
  std::size_t i = 0;
  const bool negative = !s.empty() && s[0] == '-';
  if (negative) ++i;
  std::uint64_t v = 0;
  std::size_t digits = 0;
  const std::size_t int_start = i;
  for (; i < s.size() && is_digit(s[i]); ++i, ++digits) v = v * 10 + static_cast<std::uint64_t>(s[i] - '0');
  if (i == int_start || digits > 19) return false;
  std::size_t frac = 0;
  if (i < s.size()) {
    if (s[i] != '.') return false;
    for (++i; i < s.size() && is_digit(s[i]); ++i, ++digits, ++frac) {
      if (digits == 19) return false;
      v = v * 10 + static_cast<std::uint64_t>(s[i] - '0');
    }
    if (frac == 0 || frac > 18 || i != s.size()) return false;
  }
  if (digits > 19) return false;
  static constexpr std::uint64_t kPow10[19] = {1ULL,
                                               10ULL,
                                               100ULL,
                                               1000ULL,
                                               10000ULL,
                                               100000ULL,
                                               1000000ULL,
                                               10000000ULL,
                                               100000000ULL,
                                               1000000000ULL,
                                               10000000000ULL,
                                               100000000000ULL,
                                               1000000000000ULL,
                                               10000000000000ULL,
                                               100000000000000ULL,
                                               1000000000000000ULL,
                                               10000000000000000ULL,
                                               100000000000000000ULL,
                                               1000000000000000000ULL};
  const Int128 m = static_cast<Int128>(v) * static_cast<Int128>(kPow10[Money::kScale - frac]);
  scaled = negative ? -m : m;
  return true;
}

}  // namespace

Result<ParsedMoney> Money::parse(std::string_view text) {
  if (Int128 scaled; parse_plain(text, scaled)) return ParsedMoney{Money::from_scaled(scaled)};
  Layout lay;
  if (!lay_out(text, lay)) return invalid_argument_error("not a decimal number");

  // Digit k of int_digits+frac_digits has weight 10^(power) with
  // power = int_len - 1 - k + exponent; scaled by 10^18 it lands at power + kScale.
  const std::int64_t int_len = static_cast<std::int64_t>(lay.int_digits.size());
  const std::int64_t total = int_len + static_cast<std::int64_t>(lay.frac_digits.size());
  auto digit_at = [&](std::int64_t k) {
    return k < int_len ? lay.int_digits[k] - '0' : lay.frac_digits[k - int_len] - '0';
  };

  Int128 acc = 0;               // the kept digits, as an integer
  std::int64_t last_power = 0;  // scaled power of the last kept digit
  bool kept_any = false;
  int round_digit = -1;  // first dropped digit, -1 if none dropped
  bool sticky = false;   // any non-zero digit after the rounding digit
  Int128 residue = 0;    // dropped digits as a fraction of 10^-18, scaled by 10^18
  int residue_digits = 0;

  for (std::int64_t k = 0; k < total; ++k) {
    const int d = digit_at(k);
    const std::int64_t power = int_len - 1 - k + lay.exponent + kScale;
    if (power >= 0) {
      if (acc != 0 || d != 0) {
        // Leading digits with huge weights overflow: the value is out of range.
        if (power > 40) return invalid_argument_error("number out of range");
        if (__builtin_mul_overflow(acc, static_cast<Int128>(10), &acc) ||
            __builtin_add_overflow(acc, static_cast<Int128>(d), &acc)) {
          return invalid_argument_error("number out of range");
        }
      }
      last_power = power;
      kept_any = true;
    } else {
      // Leading zero positions between the kept digits and this one count toward the residue's scale.
      const std::int64_t depth = -power;  // 1 = first place past 10^-18
      if (depth <= 18) {
        while (residue_digits < depth - 1) {
          residue *= 10;
          ++residue_digits;
        }
        if (residue_digits == depth - 1) {
          residue = residue * 10 + d;
          ++residue_digits;
        }
      }
      if (round_digit < 0 && depth == 1) {
        round_digit = d;
      } else if (round_digit < 0) {
        // The first dropped digit sits deeper than place 19: the 19th place digit is 0.
        round_digit = 0;
        if (d != 0) sticky = true;
      } else if (d != 0) {
        sticky = true;
      }
    }
  }
  // Scale the kept digits to 10^-18 units: the last kept digit sat at last_power.
  if (kept_any && last_power > 0) {
    // 10^39 no longer fits in 128 bits, so any non-zero value scaled that far is out of range.
    if (last_power > 38 && acc != 0) return invalid_argument_error("number out of range");
    if (acc != 0 && __builtin_mul_overflow(acc, pow10(static_cast<int>(last_power)), &acc)) {
      return invalid_argument_error("number out of range");
    }
  }

  ParsedMoney out;
  bool any_dropped_nonzero = round_digit > 0 || sticky;
  if (any_dropped_nonzero) {
    out.rounded = true;
    // Round half to even on the magnitude; the sign is applied afterwards, so it is symmetric.
    const bool round_up = round_digit > 5 || (round_digit == 5 && (sticky || (acc % 2) != 0));
    while (residue_digits < 18) {
      residue *= 10;
      ++residue_digits;
    }
    if (round_up) {
      if (__builtin_add_overflow(acc, static_cast<Int128>(1), &acc))
        return invalid_argument_error("number out of range");
      residue = residue - pow10(18);  // exact - rounded < 0 on the magnitude
    }
  } else {
    residue = 0;
  }
  if (acc == kInt128Max) return invalid_argument_error("number out of range");
  out.value = Money(lay.negative ? -acc : acc);
  out.residue_e36 = lay.negative ? -residue : residue;
  return out;
}

std::string int128_to_string(Int128 v) {
  if (v == 0) return "0";
  const bool negative = v < 0;
  unsigned __int128 u = negative ? static_cast<unsigned __int128>(-(v + 1)) + 1 : static_cast<unsigned __int128>(v);
  char buf[48];
  int pos = sizeof(buf);
  while (u != 0) {
    buf[--pos] = static_cast<char>('0' + static_cast<int>(u % 10));
    u /= 10;
  }
  if (negative) buf[--pos] = '-';
  return std::string(buf + pos, sizeof(buf) - pos);
}

std::string Money::to_string() const {
  const bool negative = scaled_ < 0;
  // The range never includes the minimum Int128 (parse and checked ops exclude it).
  const Int128 mag = negative ? -scaled_ : scaled_;
  std::string out = negative ? "-" : "";
  out += int128_to_string(mag / kOne);
  Int128 frac = mag % kOne;
  if (frac != 0) {
    char digits[kScale];
    for (int i = kScale - 1; i >= 0; --i) {
      digits[i] = static_cast<char>('0' + static_cast<int>(frac % 10));
      frac /= 10;
    }
    int len = kScale;
    while (len > 0 && digits[len - 1] == '0') --len;
    out += '.';
    out.append(digits, len);
  }
  return out;
}

bool Money::checked_add(Money a, Money b, Money& out) {
  Int128 r;
  if (__builtin_add_overflow(a.scaled_, b.scaled_, &r) || r == kInt128Min) return false;
  out = Money(r);
  return true;
}

bool Money::checked_sub(Money a, Money b, Money& out) {
  Int128 r;
  if (__builtin_sub_overflow(a.scaled_, b.scaled_, &r) || r == kInt128Min) return false;
  out = Money(r);
  return true;
}

Money operator+(Money a, Money b) {
  Money out;
  // Callers use + only on values they have bounded (e.g. a handful of parsed cells).
  FG_CHECK(Money::checked_add(a, b, out));
  return out;
}

Money operator-(Money a, Money b) {
  Money out;
  FG_CHECK(Money::checked_sub(a, b, out));
  return out;
}

Result<Money> MoneySum::total() const {
  if (overflow_) return invalid_argument_error("sum out of range");
  return sum_;
}

}  // namespace fg
