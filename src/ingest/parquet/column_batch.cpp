#include "ingest/parquet/column_batch.hpp"

#include "ingest/parquet/value_convert.hpp"

namespace fg::ingest::parquet {

Result<ParsedMoney> ColumnBatch::as_decimal(std::size_t s) const {
  if (is_null(s)) return invalid_argument_error("null value");
  switch (kind()) {
    case ValueKind::kDecimal: return ParsedMoney{decimals_[s], false, 0};
    case ValueKind::kInt64: return decimal_from_unscaled(ints_[s], 0);
    case ValueKind::kDouble:
      // A FLOAT column keeps its own shortest form: 0.1f is "0.1", not the double 0.100000001490116.
      if (from_float_) return decimal_from_float(static_cast<float>(doubles_[s]));
      return decimal_from_double(doubles_[s]);
    default: return invalid_argument_error("not a numeric column");
  }
}

std::uint64_t ColumnBatch::memory_bytes() const {
  return present_.capacity() + 2 * (def_.capacity() + rep_.capacity()) + sizeof(std::size_t) * row_offsets_.capacity() +
         sizeof(std::int64_t) * ints_.capacity() + sizeof(double) * doubles_.capacity() +
         sizeof(Money) * decimals_.capacity() + sizeof(StringRef) * strings_.capacity() + arena_.capacity();
}

}  // namespace fg::ingest::parquet
