// SourceColumns: a native export's header, looked up by name. Each format folds names before
// comparing them (AWS: legacy `lineItem/UnblendedCost` to CUR 2.0's `line_item_unblended_cost`;
// Azure: case and separators ignored; GCP: `service.description` = `service_description`), so one
// mapping reads every variant of its format's header. Read-only after construction.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/status.hpp"
#include "ingest/csv/csv_reader.hpp"

namespace fg::ingest::native {

using NameFold = std::string (*)(std::string_view);

//! AWS: legacy CUR names to CUR 2.0's snake case: the slash becomes `_` and every upper-case letter
//! starts a word (`reservation/ReservationARN` → `reservation_reservation_a_r_n`). Snake-case names
//! are unchanged.
std::string aws_fold(std::string_view name);
//! Azure: lower case, letters and digits only (`CostInBillingCurrency`, `costInBillingCurrency` and
//! `Cost In Billing Currency` are one name).
std::string azure_fold(std::string_view name);
//! GCP: lower case, `.` as `_` (`service.description` = `service_description`).
std::string gcp_fold(std::string_view name);

//! OK when every field of `needed` was found (>= 0); otherwise invalid_argument
//! "<format>: the header has no column <name>" for the first missing one.
struct NeededColumn {
  int field;
  std::string_view name;  //!< as the error names it
};
Status require_columns(std::string_view format, std::initializer_list<NeededColumn> needed);

class SourceColumns {
 public:
  SourceColumns(const CsvRecord& header, NameFold fold);

  //! The field of the first column whose folded name is `folded`, or -1.
  int find(std::string_view folded) const;
  //! The first of `folded` that the header has, or -1.
  int find_any(std::initializer_list<std::string_view> folded) const;
  bool has(std::string_view folded) const { return find(folded) >= 0; }

  std::size_t size() const { return names_.size(); }
  const std::string& name(std::size_t field) const { return names_[field]; }  //!< as the file spells it
  const std::string& folded(std::size_t field) const { return folded_[field]; }

 private:
  std::vector<std::string> names_;
  std::vector<std::string> folded_;
  std::unordered_map<std::string, int> by_folded_;
};

}  // namespace fg::ingest::native
