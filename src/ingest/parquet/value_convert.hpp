// Conversions from Parquet's stored values to finguard's exact types.
//
// Decimals: Parquet stores DECIMAL(p,s) as an unscaled two's-complement integer (INT32, INT64, or
// big-endian bytes in BYTE_ARRAY/FIXED_LEN_BYTE_ARRAY). fg::Money keeps 18 fractional digits, so a
// scale up to 18 converts exactly; a larger scale rounds half-to-even and reports the residue, the
// same rule (and the same counters) as Money::parse for CSV cells (CORRECTIONS.md).
// Floats: FLOAT/DOUBLE become the shortest decimal that reads back as the same binary value
// (std::to_chars), so a BigQuery FLOAT64 cost of 0.1 is 0.1, not 0.1000000000000000055511.
// Timestamps: fg::Timestamp is UTC microseconds; nanosecond values are floored to the microsecond
// and the caller is told (`truncated`).
//
// All functions are pure and thread-safe. Errors never contain the value.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/money.hpp"
#include "core/result.hpp"
#include "core/time.hpp"
#include "ingest/parquet/types.hpp"

namespace fg::ingest::parquet {

//! unscaled × 10^-scale as Money. Precondition: 0 <= scale <= 38 (the schema reader checks it).
//! invalid_argument when the value is outside Money's range.
Result<ParsedMoney> decimal_from_unscaled(Int128 unscaled, int scale);

//! A big-endian two's-complement integer of 1..N bytes. Wider than 16 bytes is accepted only when the
//! extra leading bytes are sign extension. invalid_argument for 0 bytes or a value beyond 128 bits.
Result<Int128> unscaled_from_big_endian(std::string_view bytes);

//! The shortest decimal that round-trips to `v` (resp. the float `v`). invalid_argument for NaN and
//! infinities; values with more than 18 fractional digits round half-to-even (ParsedMoney::rounded).
Result<ParsedMoney> decimal_from_double(double v);
Result<ParsedMoney> decimal_from_float(float v);

//! An INT64 TIMESTAMP in `unit` since the epoch. `truncated` is set when nanoseconds were dropped.
Result<Timestamp> timestamp_from_int64(std::int64_t v, TimeUnit unit, bool& truncated);
//! A legacy INT96 timestamp (Impala/Spark: little-endian nanoseconds of the day, then the Julian day),
//! computed as Spark reads it (see the .cpp). Never fails; the Result keeps the signature uniform.
Result<Timestamp> timestamp_from_int96(const unsigned char bytes[12], bool& truncated);
//! A DATE (days since the epoch) as midnight UTC. invalid_argument past the microseconds' range
//! (beyond about 292,000 years from 1970).
Result<Timestamp> timestamp_from_date(std::int32_t days);

}  // namespace fg::ingest::parquet
