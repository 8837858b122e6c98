// FocusHeader: maps a CSV header to the store's columns by exact name (FOCUS column ids are
// case-sensitive). `x_` columns and, in lenient reading, other unknown columns go to XExtras.
#pragma once

#include <bitset>
#include <optional>
#include <string>
#include <vector>

#include "costdb/schema.hpp"
#include "ingest/csv/csv_reader.hpp"
#include "ingest/focus/conformance_report.hpp"

namespace fg::ingest {

struct HeaderSlot {
  enum class Kind { kFocus, kExtra, kIgnored } kind = Kind::kIgnored;
  costdb::Column column = costdb::Column::kTags;  //!< for kFocus
  std::string name;                               //!< the header text
};

struct FocusHeader {
  std::vector<HeaderSlot> slots;              //!< one per CSV field
  std::bitset<costdb::kColumnCount> present;  //!< FOCUS columns the file has

  bool has(costdb::Column c) const { return present.test(costdb::index_of(c)); }
};

//! Maps `header` and reports header-level rules into `findings`: column.missing (Mandatory column
//! absent), column.unknown (a non-FOCUS name without the x_ prefix), column.duplicate (the second
//! occurrence is ignored). Never fails: what a mode does with the findings is the caller's choice.
FocusHeader map_header(const CsvRecord& header, ConformanceReport& findings);

}  // namespace fg::ingest
