#include "ingest/parquet/internal/schema_builder.hpp"

#include <string>

namespace fg::ingest::parquet::internal {
namespace {

// FIXED_LEN_BYTE_ARRAY longer than this is no decimal, UUID or hash anyone writes; refusing it keeps a
// dictionary of such values bounded by its page, not by the declared length.
constexpr int kMaxTypeLength = 1 << 20;

PhysicalType physical_of(::parquet::Type::type t) {
  switch (t) {
    case ::parquet::Type::BOOLEAN: return PhysicalType::kBoolean;
    case ::parquet::Type::INT32: return PhysicalType::kInt32;
    case ::parquet::Type::INT64: return PhysicalType::kInt64;
    case ::parquet::Type::INT96: return PhysicalType::kInt96;
    case ::parquet::Type::FLOAT: return PhysicalType::kFloat;
    case ::parquet::Type::DOUBLE: return PhysicalType::kDouble;
    case ::parquet::Type::BYTE_ARRAY: return PhysicalType::kByteArray;
    case ::parquet::Type::FIXED_LEN_BYTE_ARRAY: return PhysicalType::kFixedLenByteArray;
  }
  return PhysicalType::kInt32;
}

bool known_physical(int t) {
  return t >= ::parquet::Type::BOOLEAN && t <= ::parquet::Type::FIXED_LEN_BYTE_ARRAY;
}

LogicalType unsupported(std::string what) {
  LogicalType t;
  t.kind = LogicalKind::kUnsupported;
  t.unsupported = std::move(what);
  return t;
}

LogicalType decimal(int precision, int scale) {
  LogicalType t;
  t.kind = LogicalKind::kDecimal;
  t.precision = precision;
  t.scale = scale;
  return t;
}

LogicalType integer(int bits, bool is_signed) {
  LogicalType t;
  t.kind = LogicalKind::kInteger;
  t.bit_width = bits;
  t.is_signed = is_signed;
  return t;
}

LogicalType of_kind(LogicalKind k) {
  LogicalType t;
  t.kind = k;
  return t;
}

LogicalType from_converted(const ::parquet::SchemaElement& e) {
  using CT = ::parquet::ConvertedType;
  switch (e.converted_type) {
    case CT::UTF8: return of_kind(LogicalKind::kString);
    case CT::MAP: return of_kind(LogicalKind::kMap);
    case CT::MAP_KEY_VALUE: return of_kind(LogicalKind::kNone);  // the repeated group inside a legacy MAP
    case CT::LIST: return of_kind(LogicalKind::kList);
    case CT::ENUM: return of_kind(LogicalKind::kEnum);
    case CT::DECIMAL: return decimal(e.__isset.precision ? e.precision : 0, e.__isset.scale ? e.scale : 0);
    case CT::DATE: return of_kind(LogicalKind::kDate);
    case CT::TIME_MILLIS:
    case CT::TIME_MICROS: return unsupported("logical type TIME");
    case CT::TIMESTAMP_MILLIS:
    case CT::TIMESTAMP_MICROS: {
      // The legacy annotations mean an instant (UTC-adjusted), per LogicalTypes.md.
      LogicalType t = of_kind(LogicalKind::kTimestamp);
      t.unit = e.converted_type == CT::TIMESTAMP_MILLIS ? TimeUnit::kMillis : TimeUnit::kMicros;
      t.adjusted_to_utc = true;
      return t;
    }
    case CT::UINT_8: return integer(8, false);
    case CT::UINT_16: return integer(16, false);
    case CT::UINT_32: return integer(32, false);
    case CT::UINT_64: return integer(64, false);
    case CT::INT_8: return integer(8, true);
    case CT::INT_16: return integer(16, true);
    case CT::INT_32: return integer(32, true);
    case CT::INT_64: return integer(64, true);
    case CT::JSON: return of_kind(LogicalKind::kJson);
    case CT::BSON: return unsupported("logical type BSON");
    case CT::INTERVAL: return unsupported("logical type INTERVAL");
  }
  return unsupported("converted type " + std::to_string(static_cast<int>(e.converted_type)));
}

}  // namespace

LogicalType logical_type_of(const ::parquet::SchemaElement& e) {
  if (e.__isset.logicalType) {
    const ::parquet::LogicalType& l = e.logicalType;
    const auto& is = l.__isset;
    if (is.STRING) return of_kind(LogicalKind::kString);
    if (is.MAP) return of_kind(LogicalKind::kMap);
    if (is.LIST) return of_kind(LogicalKind::kList);
    if (is.ENUM) return of_kind(LogicalKind::kEnum);
    if (is.DECIMAL) return decimal(l.DECIMAL.precision, l.DECIMAL.scale);
    if (is.DATE) return of_kind(LogicalKind::kDate);
    if (is.TIMESTAMP) {
      LogicalType t = of_kind(LogicalKind::kTimestamp);
      t.adjusted_to_utc = l.TIMESTAMP.isAdjustedToUTC;
      const auto& u = l.TIMESTAMP.unit.__isset;
      if (u.MILLIS)
        t.unit = TimeUnit::kMillis;
      else if (u.MICROS)
        t.unit = TimeUnit::kMicros;
      else if (u.NANOS)
        t.unit = TimeUnit::kNanos;
      else
        return unsupported("TIMESTAMP with an unknown unit");
      return t;
    }
    if (is.INTEGER) return integer(l.INTEGER.bitWidth, l.INTEGER.isSigned);
    if (is.JSON) return of_kind(LogicalKind::kJson);
    if (is.TIME) return unsupported("logical type TIME");
    if (is.UNKNOWN) return unsupported("logical type UNKNOWN (always null)");
    if (is.BSON) return unsupported("logical type BSON");
    if (is.UUID) return unsupported("logical type UUID");
    if (is.FLOAT16) return unsupported("logical type FLOAT16");
    if (is.VARIANT) return unsupported("logical type VARIANT");
    if (is.GEOMETRY) return unsupported("logical type GEOMETRY");
    if (is.GEOGRAPHY) return unsupported("logical type GEOGRAPHY");
    // A type newer than our parquet.thrift: its field id was skipped, so nothing is set.
    return unsupported("an unknown logical type");
  }
  if (e.__isset.converted_type) return from_converted(e);
  return LogicalType{};
}

namespace {

// Decides the ValueKind of a leaf, or the reason it is refused.
void classify(ColumnDescriptor& c) {
  const LogicalType& l = c.logical;
  const PhysicalType p = c.physical;
  auto refuse = [&](std::string why) { c.unsupported = std::move(why); };
  if (l.kind == LogicalKind::kUnsupported) return refuse(l.unsupported);
  if (c.max_repetition_level > 1) return refuse("nested repetition (a list or map inside a list or map)");
  const std::string on = std::string(" on ") + std::string(physical_type_name(p));
  switch (l.kind) {
    case LogicalKind::kNone:
      switch (p) {
        case PhysicalType::kBoolean: c.kind = ValueKind::kBool; return;
        case PhysicalType::kInt32:
        case PhysicalType::kInt64: c.kind = ValueKind::kInt64; return;
        case PhysicalType::kInt96: c.kind = ValueKind::kTimestamp; return;  // legacy Impala/Spark timestamps
        case PhysicalType::kFloat:
        case PhysicalType::kDouble: c.kind = ValueKind::kDouble; return;
        case PhysicalType::kByteArray:
        case PhysicalType::kFixedLenByteArray: c.kind = ValueKind::kBytes; return;
      }
      return;
    case LogicalKind::kString:
    case LogicalKind::kEnum:
    case LogicalKind::kJson:
      if (p != PhysicalType::kByteArray) return refuse(logical_type_text(l) + on);
      c.kind = ValueKind::kString;
      return;
    case LogicalKind::kDecimal:
      if (l.precision < 1 || l.precision > 38 || l.scale < 0 || l.scale > l.precision) {
        return refuse("DECIMAL with precision " + std::to_string(l.precision) + " and scale " +
                      std::to_string(l.scale));
      }
      if (p != PhysicalType::kInt32 && p != PhysicalType::kInt64 && p != PhysicalType::kByteArray &&
          p != PhysicalType::kFixedLenByteArray) {
        return refuse("DECIMAL" + on);
      }
      c.kind = ValueKind::kDecimal;
      return;
    case LogicalKind::kDate:
      if (p != PhysicalType::kInt32) return refuse("DATE" + on);
      c.kind = ValueKind::kTimestamp;
      return;
    case LogicalKind::kTimestamp:
      if (p != PhysicalType::kInt64) return refuse("TIMESTAMP" + on);
      c.kind = ValueKind::kTimestamp;
      return;
    case LogicalKind::kInteger:
      if ((p != PhysicalType::kInt32 && p != PhysicalType::kInt64) ||
          (l.bit_width != 8 && l.bit_width != 16 && l.bit_width != 32 && l.bit_width != 64) ||
          (p == PhysicalType::kInt32 && l.bit_width == 64)) {
        return refuse(logical_type_text(l) + on);
      }
      c.kind = ValueKind::kInt64;
      return;
    case LogicalKind::kMap:
    case LogicalKind::kList: return refuse(logical_type_text(l) + " on a leaf column");
    case LogicalKind::kUnsupported: return;
  }
}

}  // namespace

Result<Schema> build_schema(const std::vector<::parquet::SchemaElement>& elements, const ReaderLimits& limits) {
  if (elements.empty()) return invalid_argument_error("empty schema");
  std::vector<SchemaNode> nodes;
  std::vector<ColumnDescriptor> columns;
  nodes.reserve(elements.size());

  struct Open {
    int node;
    int remaining;  // children still to come
  };
  std::vector<Open> stack;
  for (std::size_t i = 0; i < elements.size(); ++i) {
    const ::parquet::SchemaElement& e = elements[i];
    SchemaNode n;
    n.name = e.name;
    n.logical = logical_type_of(e);
    const int index = static_cast<int>(nodes.size());
    if (i == 0) {
      if (!e.__isset.num_children || e.num_children < 0) return invalid_argument_error("schema root is not a group");
      n.repetition = Repetition::kRequired;  // the root's repetition is meaningless
    } else {
      if (stack.empty()) return invalid_argument_error("schema has elements after the root's children");
      Open& top = stack.back();
      n.parent = top.node;
      --top.remaining;
      const SchemaNode& parent = nodes[static_cast<std::size_t>(top.node)];
      n.path = parent.path.empty() ? n.name : parent.path + "." + n.name;
      if (!e.__isset.repetition_type || e.repetition_type == ::parquet::FieldRepetitionType::REQUIRED) {
        n.repetition = Repetition::kRequired;
      } else if (e.repetition_type == ::parquet::FieldRepetitionType::OPTIONAL) {
        n.repetition = Repetition::kOptional;
      } else if (e.repetition_type == ::parquet::FieldRepetitionType::REPEATED) {
        n.repetition = Repetition::kRepeated;
      } else {
        return invalid_argument_error("schema element with an unknown repetition type");
      }
      n.max_definition_level = parent.max_definition_level + (n.repetition == Repetition::kRequired ? 0 : 1);
      n.max_repetition_level = parent.max_repetition_level + (n.repetition == Repetition::kRepeated ? 1 : 0);
      nodes[static_cast<std::size_t>(top.node)].children.push_back(index);
    }
    const bool group = i == 0 || (e.__isset.num_children && e.num_children > 0) || !e.__isset.type;
    if (group) {
      if (i != 0 && (!e.__isset.num_children || e.num_children <= 0)) {
        return invalid_argument_error("schema element without a type or children");
      }
      if (static_cast<int>(stack.size()) >= limits.max_schema_depth) {
        return invalid_argument_error("schema nested deeper than " + std::to_string(limits.max_schema_depth) +
                                      " levels");
      }
      // More children than elements left is a lie the list cannot back.
      if (static_cast<std::size_t>(e.num_children) > elements.size() - i - 1) {
        return invalid_argument_error("schema group declares more children than there are elements");
      }
      nodes.push_back(std::move(n));
      stack.push_back(Open{index, e.num_children});
    } else {
      if (!known_physical(e.type)) return invalid_argument_error("schema leaf with an unknown physical type");
      n.is_leaf = true;
      n.physical = physical_of(e.type);
      if (n.physical == PhysicalType::kFixedLenByteArray) {
        if (!e.__isset.type_length || e.type_length <= 0 || e.type_length > kMaxTypeLength) {
          return invalid_argument_error("FIXED_LEN_BYTE_ARRAY leaf without a valid length");
        }
        n.type_length = e.type_length;
      }
      n.leaf_index = static_cast<int>(columns.size());
      ColumnDescriptor c;
      c.leaf_index = n.leaf_index;
      c.node = index;
      c.path = n.path;
      c.physical = n.physical;
      c.type_length = n.type_length;
      c.logical = n.logical;
      c.repetition = n.repetition;
      c.max_definition_level = n.max_definition_level;
      c.max_repetition_level = n.max_repetition_level;
      nodes.push_back(std::move(n));
      // Walk up for nullability and the levels of the (single) repeated ancestor.
      for (int a = index; a > 0; a = nodes[static_cast<std::size_t>(a)].parent) {
        const SchemaNode& an = nodes[static_cast<std::size_t>(a)];
        if (an.repetition == Repetition::kOptional) c.nullable = true;
        if (an.repetition == Repetition::kRepeated && c.entry_definition_level == 0) {
          c.entry_definition_level = an.max_definition_level;
          c.container_definition_level = nodes[static_cast<std::size_t>(an.parent)].max_definition_level;
        }
      }
      classify(c);
      columns.push_back(std::move(c));
    }
    while (!stack.empty() && stack.back().remaining == 0) stack.pop_back();
  }
  if (!stack.empty()) return invalid_argument_error("schema ends inside a group");
  return Schema(std::move(nodes), std::move(columns));
}

}  // namespace fg::ingest::parquet::internal
