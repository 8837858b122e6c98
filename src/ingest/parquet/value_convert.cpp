#include "ingest/parquet/value_convert.hpp"

#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>

namespace fg::ingest::parquet {
namespace {

// 10^0 .. 10^38, computed at compile time (this runs once per decimal value).
struct Pow10Table {
  Int128 v[39];
  constexpr Pow10Table() : v() {
    v[0] = 1;
    for (int i = 1; i < 39; ++i) v[i] = v[i - 1] * 10;
  }
};
constexpr Pow10Table kPow10;
constexpr Int128 pow10(int n) {
  return kPow10.v[n];
}

Status out_of_range() {
  return invalid_argument_error("decimal out of range");
}

}  // namespace

Result<ParsedMoney> decimal_from_unscaled(Int128 unscaled, int scale) {
  ParsedMoney out;
  if (scale <= Money::kScale) {
    Int128 scaled = 0;
    if (__builtin_mul_overflow(unscaled, pow10(Money::kScale - scale), &scaled)) return out_of_range();
    // Money::from_scaled's precondition: the minimum Int128 has no negation.
    if (scaled == std::numeric_limits<Int128>::min()) return out_of_range();
    out.value = Money::from_scaled(scaled);
    return out;
  }
  // More fractional digits than Money keeps: round half-to-even, as Money::parse does for text.
  const Int128 d = pow10(scale - Money::kScale);  // scale <= 38, so d <= 10^20
  Int128 q = unscaled / d;
  const Int128 r = unscaled % d;  // same sign as unscaled
  if (r != 0) {
    const Int128 twice = (r < 0 ? -r : r) * 2;
    if (twice > d || (twice == d && (q % 2 != 0))) q += unscaled < 0 ? -1 : 1;
    out.rounded = true;
    const Int128 residue = unscaled - q * d;  // |residue| <= d/2, in units of 10^-scale
    out.residue_e36 = scale <= 36 ? residue * pow10(36 - scale) : residue / pow10(scale - 36);
  }
  out.value = Money::from_scaled(q);
  return out;
}

Result<Int128> unscaled_from_big_endian(std::string_view bytes) {
  if (bytes.empty()) return invalid_argument_error("empty decimal");
  const auto* b = reinterpret_cast<const unsigned char*>(bytes.data());
  const bool negative = (b[0] & 0x80) != 0;
  std::size_t skip = 0;
  if (bytes.size() > 16) {
    // Only sign extension may sit above the low 16 bytes, and it must agree with their top bit.
    skip = bytes.size() - 16;
    const unsigned char ext = negative ? 0xff : 0x00;
    for (std::size_t i = 0; i < skip; ++i) {
      if (b[i] != ext) return out_of_range();
    }
    if (((b[skip] & 0x80) != 0) != negative) return out_of_range();
  }
  unsigned __int128 u = negative ? ~static_cast<unsigned __int128>(0) : 0;
  for (std::size_t i = skip; i < bytes.size(); ++i) u = (u << 8) | b[i];
  return static_cast<Int128>(u);
}

namespace {
template <typename F>
Result<ParsedMoney> decimal_from_binary(F v) {
  if (!std::isfinite(v)) return invalid_argument_error("not a finite number");
  char buf[64];
  // Without a format argument to_chars gives the shortest text that parses back to the same value.
  const auto res = std::to_chars(buf, buf + sizeof buf, v);
  if (res.ec != std::errc()) return internal_error("float formatting failed");
  return Money::parse(std::string_view(buf, static_cast<std::size_t>(res.ptr - buf)));
}
}  // namespace

Result<ParsedMoney> decimal_from_double(double v) {
  return decimal_from_binary(v);
}
Result<ParsedMoney> decimal_from_float(float v) {
  return decimal_from_binary(v);
}

Result<Timestamp> timestamp_from_int64(std::int64_t v, TimeUnit unit, bool& truncated) {
  switch (unit) {
    case TimeUnit::kMillis: {
      std::int64_t us = 0;
      if (__builtin_mul_overflow(v, std::int64_t{1000}, &us)) return invalid_argument_error("timestamp out of range");
      return Timestamp{us};
    }
    case TimeUnit::kMicros: return Timestamp{v};
    case TimeUnit::kNanos: {
      // Floor toward the past, so 1 ns before the epoch is the microsecond before it.
      std::int64_t us = v / 1000;
      const std::int64_t rem = v % 1000;
      if (rem != 0) {
        truncated = true;
        if (rem < 0) --us;
      }
      return Timestamp{us};
    }
  }
  return internal_error("unknown time unit");
}

Result<Timestamp> timestamp_from_int96(const unsigned char bytes[12], bool& truncated) {
  std::uint64_t nanos_u = 0;
  std::uint32_t julian_u = 0;
  for (int i = 7; i >= 0; --i) nanos_u = (nanos_u << 8) | bytes[i];
  for (int i = 11; i >= 8; --i) julian_u = (julian_u << 8) | bytes[i];
  // INT96 has no specification beyond what Impala and Spark do. Spark, which writes almost all of it,
  // stores the Julian day as a signed 32-bit int and the time of day as signed 64-bit nanoseconds, and
  // reads them back with 64-bit two's-complement arithmetic: days × 86400e6 + nanos / 1000. For any
  // instant within ±292,000 years that is the exact value; past it, it is what Spark itself reads
  // (parquet-testing's int96_from_spark documents its year-290000 value this way). Follow Spark.
  const auto nanos = static_cast<std::int64_t>(nanos_u);
  const auto julian = static_cast<std::int32_t>(julian_u);
  constexpr std::int64_t kJulianEpoch = 2440588;  // Julian day number of 1970-01-01
  const std::int64_t days = static_cast<std::int64_t>(julian) - kJulianEpoch;
  std::int64_t of_day = nanos / 1000;
  if (nanos % 1000 != 0) {
    truncated = true;
    if (nanos < 0) --of_day;  // floor toward the past
  }
  const std::uint64_t us = static_cast<std::uint64_t>(days) * 86400000000ULL + static_cast<std::uint64_t>(of_day);
  return Timestamp{static_cast<std::int64_t>(us)};
}

Result<Timestamp> timestamp_from_date(std::int32_t days) {
  // An INT32 day count reaches ±5.8 million years; microseconds in 64 bits only ±292,000.
  std::int64_t us = 0;
  if (__builtin_mul_overflow(static_cast<std::int64_t>(days), std::int64_t{86400000000}, &us)) {
    return invalid_argument_error("DATE out of range");
  }
  return Timestamp{us};
}

}  // namespace fg::ingest::parquet
