// RowParser: turns one CSV record into a costdb::LineItem plus the state of every FOCUS cell, which
// the validator judges and the ingest mode acts on. One parse per cell: the validator never
// re-parses.
//
// Decimals parse exactly (fg::Money); digits past the 18th fractional place round half-to-even and
// the row is counted with its residue. Date/times must be YYYY-MM-DDTHH:MM:SSZ; the other ISO 8601
// forms and "YYYY-MM-DD HH:MM:SS" (read as UTC) are parsed but marked kLenientTime. Unquoted NULL /
// null are read as null but marked kNullToken (CORRECTIONS.md "Lenient vs strict").
// Not thread-safe; one per input file.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/money.hpp"
#include "costdb/line_item.hpp"
#include "ingest/csv/csv_reader.hpp"
#include "ingest/focus/focus_header.hpp"

namespace fg::ingest {

enum class CellState : std::uint8_t {
  kAbsent,       //!< the file has no such column
  kNull,         //!< empty cell
  kValue,        //!< a conforming value
  kNullToken,    //!< NULL or null, read as null
  kLenientTime,  //!< a date/time in a non-FOCUS form, read as UTC
  kPlusSign,     //!< a decimal with a '+' (FOCUS forbids it); the value is still exact
  kBadDecimal,   //!< not a decimal: the row cannot be interpreted
  kBadTime,      //!< not a date/time: the row cannot be interpreted
  kBadJson,      //!< Tags/SkuPriceDetails not a JSON object of scalars; stored as null
  kBadUtf8,      //!< text that is not UTF-8: stored with each invalid sequence replaced by U+FFFD
};

struct ParsedRow {
  costdb::LineItem item;
  std::array<CellState, costdb::kFocusColumnCount> state{};
  bool field_count_mismatch = false;
  bool rounded = false;  //!< some decimal cell had more than 18 fractional digits
  Int128 residue_e36 = 0;
  std::string tags;    //!< storage for item.text[Tags]
  std::string extras;  //!< storage for item.text[XExtras]
  //! Storage for repaired (kBadUtf8) cells: appended while parsing, pointed into once it is complete.
  std::string repaired;
  struct Repair {
    std::size_t column, offset, size;
  };
  std::vector<Repair> repairs;
  //! Native formats: why the row cannot be interpreted, naming the source column
  //! ("format.decimal:lineItem/UnblendedCost"); empty when it can.
  std::string unmapped_reason;

  //! Empties the row for the next record: the item, the storage and the flags. The cell states and
  //! field_count_mismatch are the parser's to set.
  void reset();
  //! Stores `text` as the value of `c` (a copy, for text a mapping derives); it becomes visible in
  //! `item` at point_derived(), which the parser calls once the row is complete.
  void derive_text(costdb::Column c, std::string_view text);
  void point_derived();

  CellState cell(costdb::Column c) const { return state[costdb::index_of(c)]; }
  //! True when some cell cannot be interpreted (lenient mode quarantines the row).
  bool uninterpretable() const;
};

class RowParser {
 public:
  RowParser(const FocusHeader& header, std::string source_object);

  //! Fills `out` from `rec`. `row_number` is the 1-based data row (provenance).
  void parse(const CsvRecord& rec, std::uint64_t row_number, ParsedRow& out);

 private:
  void parse_cell(costdb::Column c, std::string_view raw, bool quoted, ParsedRow& out);
  void parse_json(costdb::Column c, std::string_view raw, ParsedRow& out);

  const FocusHeader& header_;
  std::string source_object_;
  std::vector<std::string> extra_keys_;  //!< per header slot: an x_ column's name as a JSON string
  // Tags repeat across rows: canonical forms of recent raw texts ("" = invalid).
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, std::string, Hash, std::equal_to<>> json_cache_;
};

}  // namespace fg::ingest
