#include "ingest/focus/focus_header.hpp"

namespace fg::ingest {

using costdb::Column;
using costdb::FocusLevel;

FocusHeader map_header(const CsvRecord& header, ConformanceReport& findings) {
  FocusHeader h;
  for (std::string_view raw : header.fields) {
    HeaderSlot slot;
    slot.name = std::string(raw);
    const auto col = costdb::column_by_name(raw);
    if (col && costdb::column_info(*col).level != FocusLevel::kNotFocus) {
      if (h.has(*col)) {
        findings.add("column.duplicate", slot.name, Severity::kError, "a column appears more than once", 0);
      } else {
        slot.kind = HeaderSlot::Kind::kFocus;
        slot.column = *col;
        h.present.set(costdb::index_of(*col));
      }
    } else {
      // FOCUS 1.x "column handling": custom columns MUST carry the x_ prefix. The rest is kept too,
      // as an extra, so lenient ingest loses nothing (the 1.0 sample's `Id`).
      if (raw.rfind("x_", 0) != 0) {
        findings.add("column.unknown", slot.name, Severity::kError, "a non-FOCUS column must start with x_", 0);
      }
      slot.kind = HeaderSlot::Kind::kExtra;
    }
    h.slots.push_back(std::move(slot));
  }
  for (const costdb::ColumnInfo& ci : costdb::all_columns()) {
    if (ci.level == FocusLevel::kMandatory && !h.has(ci.column)) {
      findings.add("column.missing", std::string(ci.name), Severity::kError, "a Mandatory FOCUS column is missing", 0);
    }
  }
  return h;
}

}  // namespace fg::ingest
