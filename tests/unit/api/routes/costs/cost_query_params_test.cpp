// The cost query parameters: every parameter validated, errors naming the field.
#include "api/routes/costs/cost_query_params.hpp"

#include <gtest/gtest.h>

namespace fg::api {
namespace {

using costdb::Column;
using costdb::Dimension;

std::string field_of(std::string_view query) {
  Result<CostRequest> r = parse_cost_request(query);
  EXPECT_FALSE(r.ok()) << query;
  return r.ok() ? "<ok>" : r.status().field();
}

TEST(CostQueryParams, TheIssueExampleParses) {
  Result<CostRequest> r = parse_cost_request(
      "from=2024-09-01&to=2024-10-01T00:00:00Z&group_by=service_name,day&filter%5Bregion%5D=us-east-1&"
      "filter[tag:team]=data&metric=effective_cost&top=20");
  ASSERT_TRUE(r.ok()) << r.status().to_string();
  EXPECT_EQ(r->query.from, 1725148800);
  EXPECT_EQ(r->query.to, 1727740800);
  ASSERT_EQ(r->query.group_by.size(), 2u);
  EXPECT_EQ(r->query.group_by[0].column, Column::kServiceName);
  EXPECT_EQ(r->query.group_by[1].kind, Dimension::Kind::kDay);
  EXPECT_EQ(r->group_by_names, (std::vector<std::string>{"service_name", "day"}));
  EXPECT_EQ(r->query.order_by, costdb::Metric::kEffectiveCost);
  EXPECT_EQ(r->metric_name, "effective_cost");
  EXPECT_EQ(r->query.top_n, 20u);
  ASSERT_EQ(r->query.filters.size(), 2u);
  bool region = false, tag = false;
  for (const costdb::Filter& f : r->query.filters) {
    if (f.kind == costdb::Filter::Kind::kIn && f.column == Column::kRegionId) {
      region = f.values == std::vector<std::string>{"us-east-1"};
    }
    if (f.kind == costdb::Filter::Kind::kTag) tag = f.tag_key == "team" && f.values == std::vector<std::string>{"data"};
  }
  EXPECT_TRUE(region);
  EXPECT_TRUE(tag);
}

TEST(CostQueryParams, DefaultsAndRepeatedFilters) {
  Result<CostRequest> r = parse_cost_request("filter[provider]=AWS&filter[provider]=Microsoft&filter[tag:env]=");
  ASSERT_TRUE(r.ok()) << r.status().to_string();
  EXPECT_EQ(r->query.top_n, kDefaultTopRows);
  EXPECT_EQ(r->query.order_by, costdb::Metric::kBilledCost);
  EXPECT_FALSE(r->query.from.has_value());
  ASSERT_EQ(r->query.filters.size(), 2u);
  for (const costdb::Filter& f : r->query.filters) {
    if (f.kind == costdb::Filter::Kind::kIn) {
      EXPECT_EQ(f.values, (std::vector<std::string>{"AWS", "Microsoft"}));
    } else {
      EXPECT_TRUE(f.values.empty());  // an empty tag value asks for the key's presence
    }
  }
  EXPECT_TRUE(parse_cost_request("").ok());
}

TEST(CostQueryParams, AliasesAnswerUnderTheColumnName) {
  Result<CostRequest> r = parse_cost_request("group_by=region,provider,tag:cost-center,month");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->group_by_names, (std::vector<std::string>{"region_id", "provider_name", "tag:cost-center", "month"}));
}

TEST(CostQueryParams, EveryBadParameterNamesItsField) {
  EXPECT_EQ(field_of("group_by=bogus"), "group_by");
  EXPECT_EQ(field_of("group_by=service_name,service_name"), "group_by");
  EXPECT_EQ(field_of("group_by=day,month,hour,region,provider,service_name,sku_id"), "group_by");
  EXPECT_EQ(field_of("group_by=tags"), "group_by");  // JSON columns are grouped by tag:<key>
  EXPECT_EQ(field_of("group_by="), "group_by");
  EXPECT_EQ(field_of("filter[bogus]=x"), "filter[bogus]");
  EXPECT_EQ(field_of("filter[day]=2024-09-01"), "filter[day]");
  EXPECT_EQ(field_of("filter[region=x"), "filter[region");
  EXPECT_EQ(field_of("filter[<script>]=x"), "filter");
  EXPECT_EQ(field_of("metric=cost"), "metric");
  EXPECT_EQ(field_of("from=yesterday"), "from");
  EXPECT_EQ(field_of("to=2024-13-01"), "to");
  EXPECT_EQ(field_of("from=2024-10-01&to=2024-09-01"), "from");
  EXPECT_EQ(field_of("from=2024-10-01&to=2024-10-01"), "from");
  EXPECT_EQ(field_of("top=0"), "top");
  EXPECT_EQ(field_of("top=1001"), "top");
  EXPECT_EQ(field_of("top=ten"), "top");
  EXPECT_EQ(field_of("top=5&top=6"), "top");
  EXPECT_EQ(field_of("from=2024-01-01&from=2024-02-01"), "from");
  EXPECT_EQ(field_of("org_id=x"), "org_id");
  EXPECT_EQ(field_of("prefix=a"), "prefix");  // dimensions route only
  EXPECT_EQ(field_of("group_by=%zz"), "group_by");
  EXPECT_TRUE(parse_cost_request("top=1000").ok());
  EXPECT_TRUE(parse_cost_request("top=1").ok());
}

TEST(CostQueryParams, DimensionRequests) {
  Result<DimensionRequest> r = parse_dimension_request("service", "prefix=Amazon&limit=5&from=2024-09-01");
  ASSERT_TRUE(r.ok()) << r.status().to_string();
  EXPECT_EQ(r->name, "service_name");
  EXPECT_EQ(r->limit, 5u);
  ASSERT_EQ(r->query.filters.size(), 1u);
  EXPECT_EQ(r->query.filters[0].kind, costdb::Filter::Kind::kPrefix);
  Result<DimensionRequest> tag = parse_dimension_request("tag:team", "prefix=da");
  ASSERT_TRUE(tag.ok());
  EXPECT_TRUE(tag->query.filters.empty());  // tag values are prefix-filtered after the query
  EXPECT_EQ(tag->prefix, "da");
  EXPECT_EQ(parse_dimension_request("bogus", "").status().field(), "dim");
  EXPECT_EQ(parse_dimension_request("day", "").status().field(), "dim");
  EXPECT_EQ(parse_dimension_request("region", "limit=0").status().field(), "limit");
  EXPECT_EQ(parse_dimension_request("region", "limit=1001").status().field(), "limit");
  EXPECT_EQ(parse_dimension_request("region", "top=5").status().field(), "top");
  EXPECT_EQ(parse_dimension_request("region", "filter[nope]=1").status().field(), "filter[nope]");
}

}  // namespace
}  // namespace fg::api
