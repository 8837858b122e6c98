// The cost explorer routes: the org's cost store, read through the OrgScope of the authenticated
// principal only (never an org named in the request).
//
//   GET /api/v1/costs                    costs.read  rows and totals per BillingCurrency
//   GET /api/v1/costs/dimensions/{dim}   costs.read  distinct values of a dimension, for UI filters
//
// Parameters: api/routes/costs/cost_query_params.hpp. Money is an exact decimal string; currencies
// are never added together (CORRECTIONS.md "Results per currency"): every row and every total names
// its currency.
#pragma once

#include <memory>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/router/router.hpp"
#include "costdb/cost_store_interface.hpp"

namespace fg::api {

//! Adds the two routes. Errors as Router::add.
Status install_costs(Router& router, std::shared_ptr<const costdb::ICostStore> store);

//! The listed sums of a group as JSON (money as exact decimal strings) and its count (a number).
nlohmann::json aggregates_json(const costdb::Aggregates& group, const std::vector<costdb::Metric>& sums);

}  // namespace fg::api
