#include "ingest/parquet/types.hpp"

namespace fg::ingest::parquet {

std::string_view physical_type_name(PhysicalType t) {
  switch (t) {
    case PhysicalType::kBoolean: return "BOOLEAN";
    case PhysicalType::kInt32: return "INT32";
    case PhysicalType::kInt64: return "INT64";
    case PhysicalType::kInt96: return "INT96";
    case PhysicalType::kFloat: return "FLOAT";
    case PhysicalType::kDouble: return "DOUBLE";
    case PhysicalType::kByteArray: return "BYTE_ARRAY";
    case PhysicalType::kFixedLenByteArray: return "FIXED_LEN_BYTE_ARRAY";
  }
  return "?";
}

std::string_view repetition_name(Repetition r) {
  switch (r) {
    case Repetition::kRequired: return "required";
    case Repetition::kOptional: return "optional";
    case Repetition::kRepeated: return "repeated";
  }
  return "?";
}

std::string_view value_kind_name(ValueKind k) {
  switch (k) {
    case ValueKind::kBool: return "bool";
    case ValueKind::kInt64: return "int64";
    case ValueKind::kDouble: return "double";
    case ValueKind::kDecimal: return "decimal";
    case ValueKind::kTimestamp: return "timestamp";
    case ValueKind::kString: return "string";
    case ValueKind::kBytes: return "bytes";
  }
  return "?";
}

std::string logical_type_text(const LogicalType& t) {
  switch (t.kind) {
    case LogicalKind::kNone: return "none";
    case LogicalKind::kString: return "STRING";
    case LogicalKind::kEnum: return "ENUM";
    case LogicalKind::kJson: return "JSON";
    case LogicalKind::kDecimal: return "DECIMAL(" + std::to_string(t.precision) + "," + std::to_string(t.scale) + ")";
    case LogicalKind::kDate: return "DATE";
    case LogicalKind::kTimestamp: {
      const char* unit = t.unit == TimeUnit::kMillis ? "MILLIS" : t.unit == TimeUnit::kMicros ? "MICROS" : "NANOS";
      return std::string("TIMESTAMP(") + unit + (t.adjusted_to_utc ? ",utc)" : ",local)");
    }
    case LogicalKind::kInteger: return std::string(t.is_signed ? "INT(" : "UINT(") + std::to_string(t.bit_width) + ")";
    case LogicalKind::kMap: return "MAP";
    case LogicalKind::kList: return "LIST";
    case LogicalKind::kUnsupported: return t.unsupported;
  }
  return "?";
}

}  // namespace fg::ingest::parquet
