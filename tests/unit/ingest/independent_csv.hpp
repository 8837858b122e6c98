// An expectation built without finguard's reader: a minimal CSV splitter and the lenient-ingest
// rule as regular expressions, so tests can check what the ingest kept against the file's text.
#pragma once

#include <algorithm>
#include <regex>
#include <set>
#include <string>
#include <vector>

namespace fg::ingest::test {

//! Rows of `text` split as RFC 4180 CSV (BOM dropped, CRLF or LF); blank lines (some spec examples
//! have "\r\n" alone between rows) carry no data and are dropped.
inline std::vector<std::vector<std::string>> parse_csv(std::string text) {
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
  std::vector<std::vector<std::string>> rows(1);
  std::string field;
  bool q = false, started = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (q) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"')
        field += '"', ++i;
      else if (c == '"')
        q = false;
      else
        field += c;
    } else if (c == '"') {
      q = true;
    } else if (c == ',') {
      rows.back().push_back(field), field.clear();
    } else if (c == '\n') {
      if (!field.empty() && field.back() == '\r') field.pop_back();
      rows.back().push_back(field), field.clear();
      rows.emplace_back();
    } else {
      field += c;
    }
    started = true;
  }
  if (started && (!field.empty() || !rows.back().empty())) rows.back().push_back(field);
  rows.erase(
      std::remove_if(rows.begin(), rows.end(),
                     [](const std::vector<std::string>& r) { return r.empty() || (r.size() == 1 && r[0].empty()); }),
      rows.end());
  return rows;
}

//! The index of column `name` in `header`, or -1.
inline int column_index(const std::vector<std::string>& header, const std::string& name) {
  auto it = std::find(header.begin(), header.end(), name);
  return it == header.end() ? -1 : static_cast<int>(it - header.begin());
}

//! An empty cell or a NULL / null token.
inline bool is_null_cell(const std::string& v) {
  return v.empty() || v == "NULL" || v == "null";
}

//! Whether a lenient ingest keeps `row`: the right field count, every decimal and timestamp cell
//! readable, and a BillingPeriodStart. A strict-clean file keeps every row.
inline bool lenient_keeps(const std::vector<std::string>& header, const std::vector<std::string>& row) {
  static const std::set<std::string> kDecimal = {"BilledCost",
                                                 "CommitmentDiscountQuantity",
                                                 "ConsumedQuantity",
                                                 "ContractedCost",
                                                 "ContractedUnitPrice",
                                                 "EffectiveCost",
                                                 "ListCost",
                                                 "ListUnitPrice",
                                                 "PricingCurrencyContractedUnitPrice",
                                                 "PricingCurrencyEffectiveCost",
                                                 "PricingCurrencyListUnitPrice",
                                                 "PricingQuantity"};
  static const std::set<std::string> kTime = {"BillingPeriodEnd", "BillingPeriodStart", "ChargePeriodEnd",
                                              "ChargePeriodStart"};
  static const std::regex decimal(R"(-?\d+(\.\d+)?([eE]-?\d+)?)");
  static const std::regex time(
      R"(\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])([T ]([01]\d|2[0-3]):[0-5]\d:[0-5]\dZ?)?)");
  if (row.size() != header.size()) return false;
  for (std::size_t c = 0; c < header.size(); ++c) {
    if (is_null_cell(row[c])) continue;
    if (kDecimal.count(header[c]) && !std::regex_match(row[c], decimal)) return false;
    if (kTime.count(header[c]) && !std::regex_match(row[c], time)) return false;
  }
  const int bps = column_index(header, "BillingPeriodStart");
  return bps >= 0 && !is_null_cell(row[bps]);
}

}  // namespace fg::ingest::test
