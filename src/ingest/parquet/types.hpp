// The vocabulary of a Parquet schema as the reader exposes it: physical types, repetition, the
// logical annotation of a column, and the kind of value a column batch holds after conversion.
//
// The names follow the Parquet format (https://github.com/apache/parquet-format, LogicalTypes.md).
// A column's ValueKind is decided by its schema alone (see value_kind_of in schema.hpp):
//   DECIMAL on INT32/INT64/BYTE_ARRAY/FIXED_LEN_BYTE_ARRAY  -> kDecimal (fg::Money, exact)
//   TIMESTAMP/legacy TIMESTAMP_*/INT96/DATE                  -> kTimestamp (fg::Timestamp, UTC micros)
//   STRING/UTF8, ENUM, JSON                                  -> kString (valid UTF-8)
//   FLOAT/DOUBLE -> kDouble, BOOLEAN -> kBool, plain or INT(n) integers -> kInt64,
//   un-annotated BYTE_ARRAY/FIXED_LEN_BYTE_ARRAY -> kBytes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace fg::ingest::parquet {

enum class PhysicalType { kBoolean, kInt32, kInt64, kInt96, kFloat, kDouble, kByteArray, kFixedLenByteArray };

enum class Repetition { kRequired, kOptional, kRepeated };

enum class TimeUnit { kMillis, kMicros, kNanos };

//! The logical annotation of a schema node (the LogicalType union, or the legacy ConvertedType when a
//! writer set only that). kUnsupported carries the feature's name in LogicalType::unsupported.
enum class LogicalKind {
  kNone,
  kString,
  kEnum,
  kJson,
  kDecimal,
  kDate,
  kTimestamp,
  kInteger,
  kMap,
  kList,
  kUnsupported,
};

struct LogicalType {
  LogicalKind kind = LogicalKind::kNone;
  int precision = 0;                  //!< kDecimal
  int scale = 0;                      //!< kDecimal
  TimeUnit unit = TimeUnit::kMicros;  //!< kTimestamp
  bool adjusted_to_utc = true;        //!< kTimestamp: false = "local" wall time with no zone
  int bit_width = 64;                 //!< kInteger
  bool is_signed = true;              //!< kInteger
  std::string unsupported;            //!< kUnsupported: the feature, e.g. "logical type TIME"
};

//! What a column batch holds per value after conversion.
enum class ValueKind { kBool, kInt64, kDouble, kDecimal, kTimestamp, kString, kBytes };

std::string_view physical_type_name(PhysicalType t);  //!< "INT64", "FIXED_LEN_BYTE_ARRAY", ...
std::string_view repetition_name(Repetition r);       //!< "required", "optional", "repeated"
std::string_view value_kind_name(ValueKind k);        //!< "decimal", "string", ...
//! "DECIMAL(38,10)", "TIMESTAMP(MICROS,utc)", "STRING", "MAP", "none", or the unsupported feature.
std::string logical_type_text(const LogicalType& t);

}  // namespace fg::ingest::parquet
