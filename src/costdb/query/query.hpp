// The cost query model: filter → group by → sums per group → sort and top-N, always per
// BillingCurrency (CORRECTIONS.md: currencies are never added together).
//
//   Query q;
//   q.from = t0; q.to = t1;                                    // ChargePeriodStart in [from, to)
//   q.filters.push_back(Filter::in(Column::kRegionId, {"us-east-1"}));
//   q.filters.push_back(Filter::tag("team", {"data"}));
//   q.group_by = {Dimension::of(Column::kServiceName), Dimension::day()};
//   q.order_by = Metric::kEffectiveCost; q.top_n = 20;
//   q.sums = {Metric::kEffectiveCost};                       // only the sum the chart shows
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/money.hpp"
#include "costdb/query/metric.hpp"
#include "costdb/schema.hpp"

namespace fg::costdb {

//! Something rows can be grouped by: a string column, a tag's value, or a time grain of
//! ChargePeriodStart (UTC).
struct Dimension {
  enum class Kind { kColumn, kTag, kHour, kDay, kMonth };
  Kind kind = Kind::kColumn;
  Column column = Column::kServiceName;
  std::string tag_key;

  static Dimension of(Column c) { return {Kind::kColumn, c, {}}; }
  static Dimension tag(std::string key) { return {Kind::kTag, Column::kTags, std::move(key)}; }
  static Dimension hour() { return {Kind::kHour, Column::kChargePeriodStart, {}}; }
  static Dimension day() { return {Kind::kDay, Column::kChargePeriodStart, {}}; }
  static Dimension month() { return {Kind::kMonth, Column::kChargePeriodStart, {}}; }
};

//! A row predicate. Values are exact strings; "" matches null. Tag filters match rows whose Tags
//! object has `tag_key` with one of `values` (values compare to the tag's string form; `true` for
//! a valueless tag), or, with no values, rows that have the key at all.
struct Filter {
  enum class Kind { kIn, kPrefix, kTag };
  Kind kind = Kind::kIn;
  Column column = Column::kServiceName;
  std::string tag_key;
  std::vector<std::string> values;

  static Filter in(Column c, std::vector<std::string> v) { return {Kind::kIn, c, {}, std::move(v)}; }
  static Filter prefix(Column c, std::string p) { return {Kind::kPrefix, c, {}, {std::move(p)}}; }
  static Filter tag(std::string key, std::vector<std::string> v = {}) {
    return {Kind::kTag, Column::kTags, std::move(key), std::move(v)};
  }
};

struct Query {
  std::optional<std::int64_t> from;  //!< inclusive, epoch seconds of ChargePeriodStart
  std::optional<std::int64_t> to;    //!< exclusive
  std::vector<Filter> filters;       //!< all must hold
  std::vector<Dimension> group_by;   //!< at most kMaxGroupBy; BillingCurrency is always added
  Metric order_by = Metric::kBilledCost;
  std::size_t top_n = 0;  //!< per currency; 0 = all groups
  //! The sums to compute; empty means all five. `order_by` is always computed and rows are always
  //! counted; the other sums come back as zero. Each sum is a column the scan must read and decode,
  //! so a chart of one metric should ask for that one.
  std::vector<Metric> sums;
};

inline constexpr std::size_t kMaxGroupBy = 6;

//! The sums `q` computes, in Metric order: all five when `q.sums` is empty, else `q.sums` plus the
//! sum `q.order_by` names (kCount is a count, not a sum, and is always computed).
inline std::vector<Metric> computed_sums(const Query& q) {
  std::vector<Metric> out;
  for (std::size_t i = 0; i < kSummedMetricCount; ++i) {
    const Metric m = kMetrics[i].metric;
    bool asked = q.sums.empty() || q.order_by == m;
    for (Metric s : q.sums) asked = asked || s == m;
    if (asked) out.push_back(m);
  }
  return out;
}

struct ResultRow {
  std::string currency;  //!< BillingCurrency
  std::vector<std::string>
      keys;  //!< one per group_by entry; time grains as 2024-09-18T22:00:00Z / 2024-09-18 / 2024-09
  Aggregates sums;
};

struct QueryResult {
  //! Grouped by currency (ascending), then ordered by the metric descending, ties by keys ascending;
  //! top_n applies within each currency.
  std::vector<ResultRow> rows;
  std::map<std::string, Aggregates> totals;  //!< per currency, over every matching row (not just top-N)
  std::uint64_t rows_scanned = 0;            //!< rows in blocks that were read (zone maps skip the rest)
};

}  // namespace fg::costdb
