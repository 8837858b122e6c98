// ColumnBatch: the values of one leaf column in one row group, converted to finguard's types.
//
// A batch has one *slot* per level entry. For a flat column (no repeated ancestor) slot i is row i.
// For a repeated column (inside a MAP or LIST) row r owns slots [row_begin(r), row_end(r)); a slot
// whose definition level is below ColumnDescriptor::entry_definition_level is the marker of an empty
// or null container, not an entry (RepeatedView in nested_view.hpp reads them for you).
// Values are stored one per slot ("spaced"); a null slot holds a default and is_null() says so.
//
//   const ColumnBatch& cost = batch.column("line_item_unblended_cost");
//   for (std::size_t r = 0; r < cost.num_rows(); ++r)
//     if (!cost.is_null(r)) total.add(cost.decimal(r));
//
// Accessors check the kind (FG_CHECK, kept in release): calling decimal() on a string column is a bug
// in the caller, which chose the column from the schema, and must abort rather than read the wrong
// vector. Thread-compatible; immutable once read.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/assert.hpp"
#include "core/money.hpp"
#include "core/result.hpp"
#include "core/time.hpp"
#include "ingest/parquet/schema.hpp"

namespace fg::ingest::parquet {

namespace internal {
class ColumnChunkDecoder;
}

//! Repairs and roundings made while converting, to be reported like the CSV reader's.
struct ConversionStats {
  std::uint64_t rounded_decimals = 0;      //!< decimals with more than 18 fractional digits
  Int128 residue_e36 = 0;                  //!< Σ (exact − stored) × 10^36 over those
  std::uint64_t truncated_timestamps = 0;  //!< nanosecond timestamps floored to the microsecond
  std::uint64_t replaced_utf8 = 0;         //!< strings with invalid UTF-8 repaired (Utf8Policy::kReplace)
};

class ColumnBatch {
 public:
  explicit ColumnBatch(const ColumnDescriptor& column) : column_(&column) {}

  const ColumnDescriptor& column() const { return *column_; }
  ValueKind kind() const { return column_->kind; }
  std::size_t num_rows() const { return num_rows_; }
  std::size_t num_slots() const { return present_.size(); }
  //! Slots of row r (r < num_rows()).
  std::size_t row_begin(std::size_t r) const { return repeated() ? row_offsets_[r] : r; }
  std::size_t row_end(std::size_t r) const { return repeated() ? row_offsets_[r + 1] : r + 1; }
  bool repeated() const { return column_->max_repetition_level > 0; }

  //! True when slot s holds no value (a null, or an empty/null container marker).
  bool is_null(std::size_t s) const { return present_[s] == 0; }
  //! The definition level of slot s (max_definition_level when the column has no levels).
  int definition_level(std::size_t s) const { return def_.empty() ? column_->max_definition_level : def_[s]; }
  int repetition_level(std::size_t s) const { return rep_.empty() ? 0 : rep_[s]; }

  bool boolean(std::size_t s) const {
    FG_CHECK(kind() == ValueKind::kBool);
    return ints_[s] != 0;
  }
  std::int64_t int64(std::size_t s) const {
    FG_CHECK(kind() == ValueKind::kInt64);
    return ints_[s];
  }
  double float64(std::size_t s) const {
    FG_CHECK(kind() == ValueKind::kDouble);
    return doubles_[s];
  }
  Money decimal(std::size_t s) const {
    FG_CHECK(kind() == ValueKind::kDecimal);
    return decimals_[s];
  }
  Timestamp timestamp(std::size_t s) const {
    FG_CHECK(kind() == ValueKind::kTimestamp);
    return Timestamp{ints_[s]};
  }
  //! kString (valid UTF-8) or kBytes. The view lives as long as the batch.
  std::string_view bytes(std::size_t s) const {
    FG_CHECK(kind() == ValueKind::kString || kind() == ValueKind::kBytes);
    const StringRef& r = strings_[s];
    return std::string_view(arena_.data() + r.offset, r.size);
  }

  //! Slot s as an exact decimal: a decimal as stored, an integer exactly, a FLOAT/DOUBLE as the
  //! shortest decimal that round-trips (value_convert.hpp). invalid_argument for NaN/infinity, an
  //! out-of-range value or another kind; the message never holds the value.
  Result<ParsedMoney> as_decimal(std::size_t s) const;

  const ConversionStats& stats() const { return stats_; }
  //! Bytes this batch holds (what ReaderLimits::max_batch_bytes bounds).
  std::uint64_t memory_bytes() const;

 private:
  friend class internal::ColumnChunkDecoder;
  struct StringRef {
    std::uint64_t offset;
    std::uint32_t size;
  };

  const ColumnDescriptor* column_;
  std::size_t num_rows_ = 0;
  bool from_float_ = false;               //!< kDouble read from FLOAT (shortest form of the float)
  std::vector<std::uint8_t> present_;     //!< per slot
  std::vector<std::int16_t> def_;         //!< per slot, empty when max_definition_level == 0
  std::vector<std::int16_t> rep_;         //!< per slot, empty when max_repetition_level == 0
  std::vector<std::size_t> row_offsets_;  //!< repeated columns: num_rows + 1 slot offsets
  std::vector<std::int64_t> ints_;        //!< kBool, kInt64, kTimestamp (micros)
  std::vector<double> doubles_;           //!< kDouble
  std::vector<Money> decimals_;           //!< kDecimal
  std::vector<StringRef> strings_;        //!< kString, kBytes: into arena_
  std::string arena_;
  ConversionStats stats_;
};

}  // namespace fg::ingest::parquet
