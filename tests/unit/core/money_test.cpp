#include "core/money.hpp"

#include <random>
#include <string>
#include <type_traits>

#include <gtest/gtest.h>

namespace fg {
namespace {

std::string canon(std::string_view text) {
  Result<ParsedMoney> p = Money::parse(text);
  EXPECT_TRUE(p.ok()) << text;
  return p.ok() ? p->value.to_string() : "<error>";
}

TEST(MoneyTest, ParsesPlainDecimalsExactly) {
  EXPECT_EQ(canon("12"), "12");
  EXPECT_EQ(canon("0.0000012345"), "0.0000012345");
  EXPECT_EQ(canon("-3.5"), "-3.5");
  EXPECT_EQ(canon("0"), "0");
  EXPECT_EQ(canon("-0"), "0");
  EXPECT_EQ(canon("000123.4500"), "123.45");
  EXPECT_EQ(canon("0.000000000000000001"), "0.000000000000000001");
  EXPECT_EQ(canon("0.00000000016"), "0.00000000016");
}

// Plain decimals of up to 19 digits take a fast path; with an "e0" suffix the same text takes the
// general one. Both must agree on every shape near the fast path's limits, and refuse the same.
TEST(MoneyTest, FastAndGeneralParsersAgree) {
  std::mt19937_64 rng(7);
  auto digits = [&](int n) {
    std::string d;
    for (int i = 0; i < n; ++i) d += static_cast<char>('0' + rng() % 10);
    return d;
  };
  for (int i = 0; i < 20000; ++i) {
    const int int_len = 1 + static_cast<int>(rng() % 21);
    const int frac_len = static_cast<int>(rng() % 21);
    std::string text = (rng() % 2 ? "-" : "") + digits(int_len);
    if (frac_len) text += "." + digits(frac_len);
    Result<ParsedMoney> fast = Money::parse(text);
    Result<ParsedMoney> general = Money::parse(text + "e0");
    ASSERT_EQ(fast.ok(), general.ok()) << text;
    if (!fast.ok()) continue;
    EXPECT_EQ(fast->value, general->value) << text;
    EXPECT_EQ(fast->rounded, general->rounded) << text;
    EXPECT_TRUE(fast->residue_e36 == general->residue_e36) << text;
  }
  for (const char* bad : {"1.", ".5", "-", "", "1..2", "1.2.3", "+1", "1,5", " 1", "1 ", "0x10", "١"}) {
    EXPECT_FALSE(Money::parse(bad).ok()) << bad;
  }
  EXPECT_EQ(canon("9999999999999999999"), "9999999999999999999");
  EXPECT_EQ(canon("0.000000000000000001"), "0.000000000000000001");
  EXPECT_EQ(canon("-0"), "0");
}

TEST(MoneyTest, ParsesExponents) {
  EXPECT_EQ(canon("-3.5E-7"), "-0.00000035");
  EXPECT_EQ(canon("1e3"), "1000");
  EXPECT_EQ(canon("35.2E-7"), "0.00000352");
  EXPECT_EQ(canon("1E-18"), "0.000000000000000001");
  EXPECT_EQ(canon("2.5e+2"), "250");
  EXPECT_EQ(canon("0e999999"), "0");
}

TEST(MoneyTest, RoundsPastEighteenDigitsHalfToEven) {
  // Azure prints up to 28 fractional digits.
  Result<ParsedMoney> p = Money::parse("0.0000000072922557592391990000");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->value.to_string(), "0.000000007292255759");
  EXPECT_TRUE(p->rounded);
  EXPECT_EQ(int128_to_string(p->residue_e36), "239199000000000000");

  EXPECT_EQ(canon("0.0000000000000000005"), "0");                         // tie, even stays
  EXPECT_EQ(canon("0.0000000000000000015"), "0.000000000000000002");      // tie, odd goes up
  EXPECT_EQ(canon("0.00000000000000000050001"), "0.000000000000000001");  // above the tie
  EXPECT_EQ(canon("-0.0000000000000000015"), "-0.000000000000000002");    // symmetric
  EXPECT_EQ(canon("1e-30"), "0");
  Result<ParsedMoney> up = Money::parse("0.0000000000000000019");
  ASSERT_TRUE(up.ok());
  EXPECT_TRUE(up->rounded);
  EXPECT_EQ(int128_to_string(up->residue_e36), "-100000000000000000");  // 0.9e-18 - 1e-18
  Result<ParsedMoney> exact = Money::parse("1.500000000000000000000");
  ASSERT_TRUE(exact.ok());
  EXPECT_FALSE(exact->rounded);  // trailing zeros past place 18 lose nothing
}

TEST(MoneyTest, RejectsMalformedText) {
  for (const char* bad : {"", "-", "+1", "1.", ".5", "1,000.00", "$5", "1 ", " 1", "1e", "1e-", "0x10", "1.2.3", "NaN",
                          "inf", "1/2", "32 GiB", "--1", "1e5e5"}) {
    Result<ParsedMoney> p = Money::parse(bad);
    EXPECT_FALSE(p.ok()) << "accepted: '" << bad << "'";
    if (!p.ok()) {
      EXPECT_EQ(p.status().code(), StatusCode::kInvalidArgument);
    }
  }
}

TEST(MoneyTest, RejectsOutOfRange) {
  EXPECT_TRUE(Money::parse("170141183460469231732").ok() == false);  // > 1.7e20
  EXPECT_TRUE(Money::parse("100000000000000000000").ok());           // 1e20 fits
  EXPECT_FALSE(Money::parse("1e21").ok());
  EXPECT_FALSE(Money::parse("1e100000").ok());
  EXPECT_FALSE(Money::parse("-1e39").ok());
}

TEST(MoneyTest, CheckedArithmeticDetectsOverflow) {
  const Money big = Money::parse("150000000000000000000")->value;
  Money out;
  EXPECT_FALSE(Money::checked_add(big, big, out));
  EXPECT_TRUE(Money::checked_add(big, -big, out));
  EXPECT_TRUE(out.is_zero());
  EXPECT_FALSE(Money::checked_sub(-big, big, out));

  MoneySum sum;
  sum.add(big);
  sum.add(big);
  EXPECT_TRUE(sum.overflowed());
  EXPECT_FALSE(sum.total().ok());
  sum.add(-big);  // an overflow is sticky: a later subtraction must not hide it
  EXPECT_FALSE(sum.total().ok());
}

TEST(MoneyTest, OrdersAndCompares) {
  EXPECT_LT(Money::parse("-1")->value, Money::parse("0.5")->value);
  EXPECT_EQ(Money::parse("1.10")->value, Money::parse("1.1")->value);
  EXPECT_EQ(Money::from_units(3).to_string(), "3");
  EXPECT_EQ((Money::from_units(3) - Money::parse("0.25")->value).to_string(), "2.75");
}

TEST(MoneyTest, HasNoFloatingPointConversions) {
  static_assert(!std::is_constructible_v<Money, double>);
  static_assert(!std::is_convertible_v<Money, double>);
  static_assert(!std::is_convertible_v<double, Money>);
  static_assert(!std::is_constructible_v<Money, long long>, "whole units go through from_units()");
}

// Schoolbook decimal addition on strings: an implementation independent of Int128.
struct DecimalText {
  bool negative = false;
  std::string int_part = "0";
  std::string frac = std::string(18, '0');
};

std::string add_unsigned(const std::string& a, const std::string& b) {  // both 18-frac digit strings, no point
  std::string r;
  int carry = 0;
  for (int i = static_cast<int>(a.size()) - 1, j = static_cast<int>(b.size()) - 1; i >= 0 || j >= 0 || carry;
       --i, --j) {
    const int s = (i >= 0 ? a[i] - '0' : 0) + (j >= 0 ? b[j] - '0' : 0) + carry;
    r.insert(r.begin(), static_cast<char>('0' + s % 10));
    carry = s / 10;
  }
  return r;
}

TEST(MoneyTest, MillionRandomValuesSumExactly) {
  std::mt19937_64 rng(42);
  MoneySum sum;
  std::string ref = "0";  // sum of magnitudes scaled by 10^18, all values positive
  for (int i = 0; i < 1000000; ++i) {
    const std::uint64_t whole = rng() % 100000000ULL;
    const std::uint64_t frac = rng() % 1000000000000000000ULL;
    std::string frac_text = std::to_string(frac);
    frac_text.insert(0, 18 - frac_text.size(), '0');
    const std::string text = std::to_string(whole) + "." + frac_text;
    Result<ParsedMoney> p = Money::parse(text);
    ASSERT_TRUE(p.ok()) << text;
    sum.add(p->value);
    ref = add_unsigned(ref, std::to_string(whole) + frac_text);
  }
  ref.insert(0, ref.size() < 19 ? 19 - ref.size() : 0, '0');
  std::string expected = ref.substr(0, ref.size() - 18) + "." + ref.substr(ref.size() - 18);
  while (expected.back() == '0') expected.pop_back();
  if (expected.back() == '.') expected.pop_back();
  Result<Money> total = sum.total();
  ASSERT_TRUE(total.ok());
  EXPECT_EQ(total->to_string(), expected);
}

}  // namespace
}  // namespace fg
