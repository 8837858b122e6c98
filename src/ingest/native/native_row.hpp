// NativeRow: fills one ParsedRow from one record of a native export. The mappings (src/ingest/aws,
// azure, gcp) read source cells through it and write FOCUS columns:
//   - a cell that must be a number or a date and is not marks the row uninterpretable, naming the
//     source column (`format.decimal:lineItem/UnblendedCost`): strict mode rejects the file, lenient
//     mode quarantines the row, like the FOCUS reader;
//   - text that is not UTF-8 is stored with U+FFFD replacements and reported (`format.utf8`);
//   - empty cells and unquoted NULL/null are null.
// Findings name source columns, never cell contents. One per record; not thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/money.hpp"
#include "costdb/schema.hpp"
#include "ingest/csv/csv_reader.hpp"
#include "ingest/focus/conformance_report.hpp"
#include "ingest/focus/row_parser.hpp"
#include "ingest/native/source_columns.hpp"

namespace fg::ingest::native {

//! Date/times in native exports: ISO 8601 (with or without `T`, fraction, `Z` or an offset, or a
//! bare date), BigQuery's `YYYY-MM-DD HH:MM:SS[.ffffff] UTC`, and Azure EA's `MM/DD/YYYY`.
std::optional<std::int64_t> parse_native_time(std::string_view text);

//! The canonical FOCUS Tags text of `pairs` (keys sorted, the last of a repeated key wins), or ""
//! when there are none.
std::string tags_json(const std::vector<std::pair<std::string, std::string>>& pairs);

class NativeRow {
 public:
  NativeRow(const SourceColumns& columns, const CsvRecord& rec, ParsedRow& out, ConformanceReport& findings);

  //! The cell of `field` (-1: absent); "" when absent, empty or an unquoted NULL/null.
  std::string_view get(int field) const;
  //! The cell as a decimal; nullopt when null, or when it is not a number (the row is then
  //! uninterpretable).
  std::optional<Money> decimal(int field);
  //! The cell as UTC epoch seconds; nullopt when null or not a date/time (uninterpretable).
  std::optional<std::int64_t> time(int field);

  //! Writes the cell of `field` as `c`'s text (nothing when null).
  void copy_text(costdb::Column c, int field);
  //! Writes `v` as `c`'s text: a view that outlives the row (a constant or a cell of the record).
  void set_text(costdb::Column c, std::string_view v);
  //! Writes a copy of `v` as `c`'s text.
  void set_derived(costdb::Column c, std::string_view v);
  void set_money(costdb::Column c, Money m);
  void set_time(costdb::Column c, std::int64_t seconds);

  //! Marks the row uninterpretable (`rule:<source column>`); the first reason is kept.
  void unmappable(std::string_view rule, int field);
  //! Records a mapping warning for the row (rule `mapping.<what>` on a FOCUS or source column).
  void warn(std::string_view rule, std::string_view column, std::string_view message);

  //! Completes the row: provenance (`source_object`, `row_number`), ChargeDay and derived text.
  void finish(std::string_view source_object, std::uint64_t row_number);

  ParsedRow& out() { return out_; }
  const CsvRecord& record() const { return rec_; }

 private:
  const SourceColumns& columns_;
  const CsvRecord& rec_;
  ParsedRow& out_;
  ConformanceReport& findings_;
};

}  // namespace fg::ingest::native
