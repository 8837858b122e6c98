// Stored Parquet values to exact decimals and UTC microseconds (src/ingest/parquet/value_convert.hpp).
#include "ingest/parquet/value_convert.hpp"

#include <cmath>
#include <limits>

#include <gtest/gtest.h>

namespace fg::ingest::parquet {
namespace {

Money money(const char* s) {
  return Money::parse(s)->value;
}

TEST(ParquetValueConvert, DecimalsUpToEighteenDigitsAreExact) {
  EXPECT_EQ(decimal_from_unscaled(12345, 2)->value, money("123.45"));
  EXPECT_EQ(decimal_from_unscaled(-1, 10)->value, money("-0.0000000001"));
  EXPECT_EQ(decimal_from_unscaled(7, 18)->value, money("0.000000000000000007"));
  EXPECT_EQ(decimal_from_unscaled(0, 0)->value, Money());
  EXPECT_FALSE(decimal_from_unscaled(7, 18)->rounded);
}

TEST(ParquetValueConvert, LongerScalesRoundHalfEvenWithTheirResidue) {
  // 0.0000000000000000015 (scale 19): half-way, the even neighbour is 0.000000000000000002.
  auto r = *decimal_from_unscaled(15, 19);
  EXPECT_EQ(r.value, money("0.000000000000000002"));
  EXPECT_TRUE(r.rounded);
  EXPECT_EQ(r.residue_e36, -Int128(5) * Int128(100000000000000000LL));  // exact − stored = −0.5e-18
  auto h = *decimal_from_unscaled(25, 19);                              // half-way down to 2
  EXPECT_EQ(h.value, money("0.000000000000000002"));
  auto n = *decimal_from_unscaled(-26, 19);
  EXPECT_EQ(n.value, money("-0.000000000000000003"));
  // Agrees with Money::parse on the same digits.
  auto p = *Money::parse("0.0000000072922557592391990000");
  const Int128 unscaled = Int128(7292255759239199LL) * 10000;
  auto q = *decimal_from_unscaled(unscaled, 28);
  EXPECT_EQ(q.value, p.value);
  EXPECT_EQ(q.residue_e36, p.residue_e36);
}

TEST(ParquetValueConvert, OutOfRangeDecimalsAreErrors) {
  const Int128 big = Int128(1) << 100;
  EXPECT_FALSE(decimal_from_unscaled(big, 0).ok());
  EXPECT_TRUE(decimal_from_unscaled(big, 38).ok());
}

TEST(ParquetValueConvert, BigEndianTwosComplement) {
  EXPECT_EQ(*unscaled_from_big_endian(std::string("\x01\x00", 2)), 256);
  EXPECT_EQ(*unscaled_from_big_endian(std::string("\xff", 1)), -1);
  EXPECT_EQ(*unscaled_from_big_endian(std::string("\xff\x7f", 2)), -129);
  // Wider than 16 bytes: only sign extension is allowed above the low 16.
  std::string ext(20, '\xff');
  EXPECT_EQ(*unscaled_from_big_endian(ext), -1);
  std::string bad(20, '\0');
  bad[1] = 1;
  EXPECT_FALSE(unscaled_from_big_endian(bad).ok());
  std::string flip(17, '\0');
  flip[1] = '\x80';  // the extension says positive, the value's top bit says negative
  EXPECT_FALSE(unscaled_from_big_endian(flip).ok());
  EXPECT_FALSE(unscaled_from_big_endian("").ok());
}

TEST(ParquetValueConvert, FloatsBecomeTheShortestRoundTripDecimal) {
  EXPECT_EQ(decimal_from_double(0.1)->value, money("0.1"));
  EXPECT_EQ(decimal_from_double(1e-7)->value, money("0.0000001"));
  EXPECT_EQ(decimal_from_double(-123.456)->value, money("-123.456"));
  EXPECT_EQ(decimal_from_double(2.5e10)->value, money("25000000000"));
  EXPECT_EQ(decimal_from_float(0.1f)->value, money("0.1"));  // the float's own shortest form
  EXPECT_EQ(decimal_from_double(static_cast<double>(0.1f))->value, money("0.10000000149011612"));
  auto tiny = *decimal_from_double(5e-324);
  EXPECT_TRUE(tiny.rounded);
  EXPECT_EQ(tiny.value, Money());
  EXPECT_FALSE(decimal_from_double(std::nan("")).ok());
  EXPECT_FALSE(decimal_from_double(std::numeric_limits<double>::infinity()).ok());
  EXPECT_FALSE(decimal_from_double(1e300).ok());
}

TEST(ParquetValueConvert, Timestamps) {
  bool t = false;
  EXPECT_EQ(timestamp_from_int64(1704067200123, TimeUnit::kMillis, t)->micros, 1704067200123000);
  EXPECT_EQ(timestamp_from_int64(5, TimeUnit::kMicros, t)->micros, 5);
  EXPECT_FALSE(t);
  EXPECT_EQ(timestamp_from_int64(1999, TimeUnit::kNanos, t)->micros, 1);
  EXPECT_TRUE(t);
  t = false;
  EXPECT_EQ(timestamp_from_int64(-1, TimeUnit::kNanos, t)->micros, -1);  // floored, not toward zero
  EXPECT_TRUE(t);
  EXPECT_FALSE(timestamp_from_int64(std::numeric_limits<std::int64_t>::max(), TimeUnit::kMillis, t).ok());
  EXPECT_EQ(timestamp_from_date(19723)->micros, 1704067200000000);  // 2024-01-01
  EXPECT_EQ(timestamp_from_date(-1)->micros, -86400000000);
  // The largest day counts whose microseconds fit in 64 bits, and the first ones past them (a fuzz
  // find: 1970012160 days overflowed the multiplication).
  EXPECT_EQ(timestamp_from_date(106751991)->micros, std::int64_t{106751991} * 86400000000);
  EXPECT_EQ(timestamp_from_date(-106751991)->micros, std::int64_t{-106751991} * 86400000000);
  EXPECT_FALSE(timestamp_from_date(106751992).ok());
  EXPECT_FALSE(timestamp_from_date(-106751992).ok());
  EXPECT_FALSE(timestamp_from_date(1970012160).ok());
  EXPECT_FALSE(timestamp_from_date(std::numeric_limits<std::int32_t>::min()).ok());
}

TEST(ParquetValueConvert, Int96IsNanosOfDayThenJulianDay) {
  // 2024-01-01T12:34:56.123456789: Julian day 2460311, 45296123456789 ns into the day.
  unsigned char b[12];
  const std::uint64_t nanos = 45296123456789ULL;
  const std::uint32_t julian = 2460311;
  for (int i = 0; i < 8; ++i) b[i] = static_cast<unsigned char>(nanos >> (8 * i));
  for (int i = 0; i < 4; ++i) b[8 + i] = static_cast<unsigned char>(julian >> (8 * i));
  bool t = false;
  EXPECT_EQ(timestamp_from_int96(b, t)->micros, 1704112496123456);
  EXPECT_TRUE(t);
  // Before the epoch: Julian day 2440587 (1969-12-31), 23:59:59.999999 into it.
  const std::uint64_t late = 86399999999000ULL;
  const std::uint32_t prev = 2440587;
  for (int i = 0; i < 8; ++i) b[i] = static_cast<unsigned char>(late >> (8 * i));
  for (int i = 0; i < 4; ++i) b[8 + i] = static_cast<unsigned char>(prev >> (8 * i));
  EXPECT_EQ(timestamp_from_int96(b, t)->micros, -1);
}

}  // namespace
}  // namespace fg::ingest::parquet
