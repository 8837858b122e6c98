#include "api/routes/costs/cost_routes.hpp"

#include "api/http/request_context.hpp"
#include "api/routes/costs/cost_query_params.hpp"

namespace fg::api {

nlohmann::json aggregates_json(const costdb::Aggregates& s, const std::vector<costdb::Metric>& sums) {
  nlohmann::json j = nlohmann::json::object();
  for (costdb::Metric m : sums) j[std::string(metric_name(m))] = costdb::metric_value(s, m).to_string();
  j["count"] = s.count;
  return j;
}

namespace {

// aggregates_json's shape: only the requested sums are present; a row adds its group keys.
nlohmann::json aggregates_schema(bool with_keys) {
  nlohmann::json o = schema::object({{"count", schema::integer()}, {"currency", schema::string()}});
  for (const auto& name : metric_names()) {
    if (name != "count") o["properties"][name] = schema::decimal();  // count is the row count, an integer
  }
  if (with_keys) {
    o["properties"]["keys"] = schema::map_of(schema::string());
    o["required"].push_back("keys");
  }
  return o;
}

}  // namespace

Status install_costs(Router& router, std::shared_ptr<const costdb::ICostStore> store) {
  FG_TRY(router.add(Route{
      .pattern = "/api/v1/costs",
      .operation_id = "queryCosts",
      .summary = "Costs grouped and filtered, with rows and totals per billing currency",
      .tag = "costs",
      .access = Access::permission(identity::permissions::kCostsRead),
      .query = {{
          QueryParam::timestamp("from").describe("charges whose period starts at or after this time"),
          QueryParam::timestamp("to").describe("charges whose period starts before this time"),
          QueryParam::family("filter", kMaxFilterValueBytes)
              .repeatable()
              .describe("filter[<dimension>]=value, repeated for several values; an empty value on a tag asks for "
                        "its presence"),
          QueryParam::string("group_by", 1024).describe("up to 6 dimensions, comma-separated (day, service, tag:team)"),
          QueryParam::enumeration("metric", metric_names()).describe("the metric rows are ordered by"),
          QueryParam::integer("top", static_cast<std::int64_t>(kMaxTopRows)),
          QueryParam::string("sums", 256).describe("the sums to compute, comma-separated"),
      }},
      .response = responds(200,
                           schema::object({{"group_by", schema::array(schema::string())},
                                           {"metric", schema::string()},
                                           {"top", schema::integer()},
                                           {"rows", schema::array(aggregates_schema(true))},
                                           {"totals", schema::array(aggregates_schema(false))}}),
                           "Rows by group and currency, and totals per currency (exact decimals as strings)"),
      .handler = [store](RequestContext& ctx, const HttpRequest& req) -> Result<HttpResponse> {
        FG_ASSIGN_OR_RETURN(CostRequest request, parse_cost_request(req.query));
        FG_ASSIGN_OR_RETURN(costdb::QueryResult result, store->query(ctx.scope(), request.query));
        const std::vector<costdb::Metric> returned = costdb::computed_sums(request.query);
        nlohmann::json rows = nlohmann::json::array();
        for (const costdb::ResultRow& r : result.rows) {
          nlohmann::json keys = nlohmann::json::object();
          for (std::size_t i = 0; i < r.keys.size() && i < request.group_by_names.size(); ++i) {
            keys[request.group_by_names[i]] = r.keys[i];
          }
          nlohmann::json row = aggregates_json(r.sums, returned);
          row["currency"] = r.currency;
          row["keys"] = std::move(keys);
          rows.push_back(std::move(row));
        }
        nlohmann::json totals = nlohmann::json::array();
        for (const auto& [currency, sums] : result.totals) {
          nlohmann::json t = aggregates_json(sums, returned);
          t["currency"] = currency;
          totals.push_back(std::move(t));
        }
        return HttpResponse::json_value(200, nlohmann::json{{"group_by", request.group_by_names},
                                                            {"metric", request.metric_name},
                                                            {"top", request.query.top_n},
                                                            {"rows", std::move(rows)},
                                                            {"totals", std::move(totals)}});
      }}));

  return router.add(Route{
      .pattern = "/api/v1/costs/dimensions/{dim}",
      .operation_id = "listCostDimensionValues",
      .summary = "Distinct values of one dimension (optional prefix, limit, date range and filters)",
      .tag = "costs",
      .access = Access::permission(identity::permissions::kCostsRead),
      .query = {{
          QueryParam::timestamp("from"),
          QueryParam::timestamp("to"),
          QueryParam::family("filter", kMaxFilterValueBytes).repeatable(),
          QueryParam::string("prefix", kMaxFilterValueBytes).describe("only values starting with this"),
          QueryParam::integer("limit", static_cast<std::int64_t>(kMaxTopRows)),
      }},
      .response = responds(200, schema::object({{"dimension", schema::string()},
                                                {"values", schema::array(schema::string())},
                                                {"truncated", schema::boolean()}})),
      .handler = [store](RequestContext& ctx, const HttpRequest& req) -> Result<HttpResponse> {
        std::optional<std::string> dim = percent_decode(ctx.param("dim"), false);
        if (!dim) return invalid_argument_error("dim: malformed percent-encoding", "dim");
        FG_ASSIGN_OR_RETURN(DimensionRequest request, parse_dimension_request(*dim, req.query));
        FG_ASSIGN_OR_RETURN(std::vector<std::string> found,
                            store->distinct_values(ctx.scope(), request.dimension, request.query));
        nlohmann::json values = nlohmann::json::array();
        bool truncated = false;
        for (const std::string& v : found) {
          if (!request.prefix.empty() && v.rfind(request.prefix, 0) != 0) continue;  // tags: filtered here
          if (values.size() == request.limit) {
            truncated = true;
            break;
          }
          values.push_back(v);
        }
        return HttpResponse::json_value(
            200, nlohmann::json{{"dimension", request.name}, {"values", std::move(values)}, {"truncated", truncated}});
      }});
}

}  // namespace fg::api
