// The metrics a cost query sums, declared once: the column a sum reads (every summed column is a
// decimal, decoded by Segment::read_decimals), the field of Aggregates it lands in, and the name the
// API and its query parameters use. The executor, the query model and the API's parameters and JSON
// all walk this table; adding a metric is one row here and one field in Aggregates.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/money.hpp"
#include "costdb/schema.hpp"

namespace fg::costdb {

//! The summed metrics first, in table order, then kCount (a row count, not a sum).
enum class Metric : std::uint8_t { kBilledCost, kEffectiveCost, kListCost, kContractedCost, kConsumedQuantity, kCount };

//! Sums over a group. Nulls add nothing; `count` counts rows.
struct Aggregates {
  Money billed_cost;
  Money effective_cost;
  Money list_cost;
  Money contracted_cost;
  Money consumed_quantity;
  std::uint64_t count = 0;
};

struct MetricInfo {
  Metric metric;
  std::string_view name;         //!< API field and parameter value, e.g. "billed_cost"
  std::optional<Column> column;  //!< the decimal column summed; none for kCount
  Money Aggregates::*field;      //!< where the sum lands; nullptr for kCount (Aggregates::count)
};

inline constexpr std::array<MetricInfo, 6> kMetrics = {{
    {Metric::kBilledCost, "billed_cost", Column::kBilledCost, &Aggregates::billed_cost},
    {Metric::kEffectiveCost, "effective_cost", Column::kEffectiveCost, &Aggregates::effective_cost},
    {Metric::kListCost, "list_cost", Column::kListCost, &Aggregates::list_cost},
    {Metric::kContractedCost, "contracted_cost", Column::kContractedCost, &Aggregates::contracted_cost},
    {Metric::kConsumedQuantity, "consumed_quantity", Column::kConsumedQuantity, &Aggregates::consumed_quantity},
    {Metric::kCount, "count", std::nullopt, nullptr},
}};

//! The metrics that are sums (all but kCount); they come first in kMetrics and in Metric.
inline constexpr std::size_t kSummedMetricCount = kMetrics.size() - 1;

constexpr bool metric_table_in_order() {
  for (std::size_t i = 0; i < kMetrics.size(); ++i) {
    if (static_cast<std::size_t>(kMetrics[i].metric) != i) return false;
    if (kMetrics[i].column.has_value() != (i < kSummedMetricCount)) return false;
  }
  return true;
}
static_assert(metric_table_in_order(), "kMetrics lists every Metric in enum order, the sums first");

constexpr const MetricInfo& metric_info(Metric m) {
  return kMetrics[static_cast<std::size_t>(m)];
}
//! The index of a summed metric in per-group sum arrays.
constexpr std::size_t sum_index(Metric m) {
  return static_cast<std::size_t>(m);
}
//! The metric named `name` ("billed_cost", ..., "count"), if any.
constexpr std::optional<Metric> metric_by_name(std::string_view name) {
  for (const MetricInfo& mi : kMetrics) {
    if (mi.name == name) return mi.metric;
  }
  return std::nullopt;
}
//! The value of `m` in `a` (count as a whole number).
inline Money metric_value(const Aggregates& a, Metric m) {
  const MetricInfo& mi = metric_info(m);
  return mi.field != nullptr ? a.*mi.field : Money::from_scaled(static_cast<Int128>(a.count) * Money::kOne);
}
//! "a, b, c or d": the names of the summed metrics (with_count: and "count"), for error messages.
inline std::string metric_name_list(bool with_count) {
  std::string out;
  const std::size_t n = with_count ? kMetrics.size() : kSummedMetricCount;
  for (std::size_t i = 0; i < n; ++i) {
    if (i > 0) out += i + 1 == n ? " or " : ", ";
    out += kMetrics[i].name;
  }
  return out;
}

}  // namespace fg::costdb
