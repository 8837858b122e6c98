// The query parameters of GET /api/v1/costs and GET /api/v1/costs/dimensions/{dim}, parsed strictly
// into a costdb::Query. Every parameter is checked; an unknown one, a repeated one, an unknown
// dimension or metric, a malformed date or a count out of range is invalid_argument naming the field.
//
//   from, to        ISO 8601 date or date-time (UTC unless an offset is given) on ChargePeriodStart,
//                   [from, to); from < to when both are given
//   group_by        comma list of dimensions (at most 6, no repeats): a FOCUS string column in
//                   snake_case (service_name, region_id, billing_account_id, ...), the aliases
//                   `provider` (provider_name), `region` (region_id) and `service` (service_name),
//                   `tag:<key>`, or a time grain `hour`, `day`, `month`
//   filter[<dim>]   a value the dimension must have; repeat the parameter for IN; an empty value
//                   matches null (for `tag:<key>`: the key is present with any value); not time grains
//   metric          billed_cost (default), effective_cost, list_cost, contracted_cost,
//                   consumed_quantity, count: the order of rows, descending
//   top             1..1000 rows per currency (default 100)
//   sums            comma list of the sums to return: billed_cost, effective_cost, list_cost,
//                   contracted_cost, consumed_quantity (default all five); the metric's sum and
//                   `count` are always returned. Each sum is a column the store must read.
//   prefix, limit   dimensions route only: a value prefix, and 1..1000 values (default 100)
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "costdb/query/query.hpp"

namespace fg::api {

inline constexpr std::size_t kDefaultTopRows = 100;
inline constexpr std::size_t kMaxTopRows = 1000;
//! Bytes of one filter value or prefix.
inline constexpr std::size_t kMaxFilterValueBytes = 512;

//! A parsed GET /api/v1/costs request: the query and the names the client used for its dimensions.
struct CostRequest {
  costdb::Query query;
  std::vector<std::string> group_by_names;  //!< as requested, canonical (aliases resolved)
  std::string metric_name = "billed_cost";
};

//! A parsed GET /api/v1/costs/dimensions/{dim} request.
struct DimensionRequest {
  costdb::Dimension dimension;
  std::string name;     //!< canonical
  costdb::Query query;  //!< range and filters (the prefix included for column dimensions)
  std::string prefix;   //!< also applied to tag values after the query
  std::size_t limit = 100;
};

//! The dimension called `name` (see above), with its canonical name; nullopt when unknown.
std::optional<std::pair<costdb::Dimension, std::string>> dimension_by_name(std::string_view name);

//! Parses the raw query string of GET /api/v1/costs.
Result<CostRequest> parse_cost_request(std::string_view raw_query);
//! Parses GET /api/v1/costs/dimensions/{dim}: `dim` from the path, the rest from the query string.
Result<DimensionRequest> parse_dimension_request(std::string_view dim, std::string_view raw_query);

//! The metric's wire name ("billed_cost", ...).
std::string_view metric_name(costdb::Metric metric);
//! Every metric's wire name, in the order the API documents them.
std::vector<std::string> metric_names();

}  // namespace fg::api
