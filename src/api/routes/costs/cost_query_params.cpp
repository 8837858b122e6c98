#include "api/routes/costs/cost_query_params.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <set>

#include "api/http/http_request.hpp"
#include "api/validation/query_values.hpp"
#include "core/time.hpp"

namespace fg::api {
namespace {

using costdb::Column;
using costdb::Dimension;

constexpr std::size_t kMaxTagKeyBytes = 128;
constexpr std::size_t kMaxFilterValues = 100;

struct Param {
  std::string name;
  std::string value;
};

// "a=1&b=2" -> pairs, percent-decoded ('+' is a space in a query). A malformed escape is an error
// naming the parameter when its name decodes, else "query".
Result<std::vector<Param>> split_query(std::string_view raw) {
  std::vector<Param> out;
  while (!raw.empty()) {
    const std::size_t amp = raw.find('&');
    const std::string_view pair = raw.substr(0, amp);
    raw = amp == std::string_view::npos ? std::string_view() : raw.substr(amp + 1);
    if (pair.empty()) continue;
    const std::size_t eq = pair.find('=');
    std::optional<std::string> name = percent_decode(pair.substr(0, eq), true);
    if (!name) return invalid_argument_error("query: malformed percent-encoding", "query");
    std::optional<std::string> value =
        percent_decode(eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1), true);
    if (!value) return invalid_argument_error(*name + ": malformed percent-encoding", *name);
    out.push_back({std::move(*name), std::move(*value)});
  }
  return out;
}

// A client-supplied name is echoed as the error's field only when it is short and plain.
std::string field_for(std::string_view name, std::string_view fallback) {
  if (name.empty() || name.size() > 80) return std::string(fallback);
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
                    c == '[' || c == ']' || c == ':' || c == '.' || c == '-';
    if (!ok) return std::string(fallback);
  }
  return std::string(name);
}

std::string snake_case(std::string_view pascal) {
  std::string out;
  for (char c : pascal) {
    if (c >= 'A' && c <= 'Z') {
      if (!out.empty()) out += '_';
      out += static_cast<char>(c - 'A' + 'a');
    } else {
      out += c;
    }
  }
  return out;
}

// snake_case name -> column, for the FOCUS string columns (the dimensions a UI filters on).
const std::map<std::string, Column, std::less<>>& column_dimensions() {
  static const std::map<std::string, Column, std::less<>> kMap = [] {
    std::map<std::string, Column, std::less<>> m;
    for (const costdb::ColumnInfo& info : costdb::all_columns()) {
      if (info.kind != costdb::ColumnKind::kString || info.level == costdb::FocusLevel::kNotFocus) continue;
      m.emplace(snake_case(info.name), info.column);
    }
    m.emplace("provider", Column::kProviderName);
    m.emplace("region", Column::kRegionId);
    m.emplace("service", Column::kServiceName);
    return m;
  }();
  return kMap;
}

Result<std::int64_t> parse_time_param(const std::string& name, const std::string& value) {
  FG_ASSIGN_OR_RETURN(Timestamp t, parse_query_time(name, value));
  return t.seconds();
}

Result<std::size_t> parse_count(const std::string& name, const std::string& value, std::size_t max) {
  FG_ASSIGN_OR_RETURN(std::int64_t n, parse_bounded_integer(name, value, static_cast<std::int64_t>(max)));
  return static_cast<std::size_t>(n);
}

// The part shared by both routes: from, to and filter[...]. Returns true when `p` was one of them.
class CommonParams {
 public:
  Result<bool> take(const Param& p, costdb::Query& q) {
    if (p.name == "from" || p.name == "to") {
      if (!seen_.insert(p.name).second) return invalid_argument_error(p.name + ": given more than once", p.name);
      FG_ASSIGN_OR_RETURN(std::int64_t t, parse_time_param(p.name, p.value));
      (p.name == "from" ? q.from : q.to) = t;
      return true;
    }
    if (p.name.rfind("filter[", 0) != 0) return false;
    const std::string field = field_for(p.name, "filter");
    if (p.name.back() != ']') return invalid_argument_error(field + ": must be filter[<dimension>]", field);
    const std::string dim = p.name.substr(7, p.name.size() - 8);
    auto found = dimension_by_name(dim);
    if (!found) return invalid_argument_error(field + ": unknown dimension", field);
    if (found->first.kind != Dimension::Kind::kColumn && found->first.kind != Dimension::Kind::kTag) {
      return invalid_argument_error(field + ": time grains are filtered with from and to", field);
    }
    if (p.value.size() > kMaxFilterValueBytes) return invalid_argument_error(field + ": value too long", field);
    std::vector<std::string>& values = values_[found->second];
    if (values.size() >= kMaxFilterValues) return invalid_argument_error(field + ": too many values", field);
    dims_.emplace(found->second, found->first);
    values.push_back(p.value);
    return true;
  }

  Status finish(costdb::Query& q) {
    if (q.from && q.to && *q.from >= *q.to) return invalid_argument_error("from: must be before to", "from");
    for (auto& [name, values] : values_) {
      const Dimension& d = dims_.at(name);
      if (d.kind == Dimension::Kind::kTag) {
        // An empty value asks for the key's presence, whatever its value.
        const bool presence = std::find(values.begin(), values.end(), "") != values.end();
        q.filters.push_back(costdb::Filter::tag(d.tag_key, presence ? std::vector<std::string>() : values));
      } else {
        q.filters.push_back(costdb::Filter::in(d.column, values));
      }
    }
    return ok_status();
  }

 private:
  std::set<std::string> seen_;
  std::map<std::string, std::vector<std::string>> values_;
  std::map<std::string, Dimension> dims_;
};

}  // namespace

std::string_view metric_name(costdb::Metric metric) {
  return costdb::metric_info(metric).name;
}

std::vector<std::string> metric_names() {
  std::vector<std::string> out;
  for (const costdb::MetricInfo& mi : costdb::kMetrics) out.emplace_back(mi.name);
  return out;
}

std::optional<std::pair<Dimension, std::string>> dimension_by_name(std::string_view name) {
  if (name == "hour") return std::pair(Dimension::hour(), std::string(name));
  if (name == "day") return std::pair(Dimension::day(), std::string(name));
  if (name == "month") return std::pair(Dimension::month(), std::string(name));
  if (name.rfind("tag:", 0) == 0) {
    const std::string_view key = name.substr(4);
    if (key.empty() || key.size() > kMaxTagKeyBytes) return std::nullopt;
    return std::pair(Dimension::tag(std::string(key)), std::string(name));
  }
  const auto& columns = column_dimensions();
  auto it = columns.find(name);
  if (it == columns.end()) return std::nullopt;
  // Aliases answer under the column's own name, so a UI sees one spelling.
  return std::pair(Dimension::of(it->second), snake_case(costdb::column_info(it->second).name));
}

Result<CostRequest> parse_cost_request(std::string_view raw_query) {
  FG_ASSIGN_OR_RETURN(std::vector<Param> params, split_query(raw_query));
  CostRequest out;
  out.query.top_n = kDefaultTopRows;
  CommonParams common;
  std::set<std::string> seen;
  for (const Param& p : params) {
    FG_ASSIGN_OR_RETURN(bool taken, common.take(p, out.query));
    if (taken) continue;
    const std::string field = field_for(p.name, "query");
    if (p.name != "group_by" && p.name != "metric" && p.name != "top" && p.name != "sums") {
      return invalid_argument_error(field + ": unknown parameter", field);
    }
    if (!seen.insert(p.name).second) return invalid_argument_error(p.name + ": given more than once", p.name);
    if (p.name == "top") {
      FG_ASSIGN_OR_RETURN(out.query.top_n, parse_count("top", p.value, kMaxTopRows));
    } else if (p.name == "sums") {
      for (std::string_view rest = p.value;;) {
        const std::size_t comma = rest.find(',');
        std::optional<costdb::Metric> m = costdb::metric_by_name(rest.substr(0, comma));
        if (!m || *m == costdb::Metric::kCount) {
          return invalid_argument_error("sums: must list " + costdb::metric_name_list(false), "sums");
        }
        if (std::find(out.query.sums.begin(), out.query.sums.end(), *m) != out.query.sums.end()) {
          return invalid_argument_error("sums: a sum is named twice", "sums");
        }
        out.query.sums.push_back(*m);
        if (comma == std::string_view::npos) break;
        rest = rest.substr(comma + 1);
      }
    } else if (p.name == "metric") {
      std::optional<costdb::Metric> m = costdb::metric_by_name(p.value);
      if (!m) {
        return invalid_argument_error("metric: must be " + costdb::metric_name_list(true), "metric");
      }
      out.query.order_by = *m;
      out.metric_name = std::string(metric_name(*m));
    } else {
      std::string_view rest = p.value;
      while (true) {
        const std::size_t comma = rest.find(',');
        const std::string_view name = rest.substr(0, comma);
        auto found = dimension_by_name(name);
        if (!found) return invalid_argument_error("group_by: unknown dimension", "group_by");
        if (std::find(out.group_by_names.begin(), out.group_by_names.end(), found->second) !=
            out.group_by_names.end()) {
          return invalid_argument_error("group_by: a dimension is named twice", "group_by");
        }
        if (out.group_by_names.size() == costdb::kMaxGroupBy) {
          return invalid_argument_error("group_by: at most 6 dimensions", "group_by");
        }
        out.query.group_by.push_back(found->first);
        out.group_by_names.push_back(found->second);
        if (comma == std::string_view::npos) break;
        rest = rest.substr(comma + 1);
      }
    }
  }
  FG_TRY(common.finish(out.query));
  return out;
}

Result<DimensionRequest> parse_dimension_request(std::string_view dim, std::string_view raw_query) {
  auto found = dimension_by_name(dim);
  if (!found) return invalid_argument_error("dim: unknown dimension", "dim");
  if (found->first.kind != Dimension::Kind::kColumn && found->first.kind != Dimension::Kind::kTag) {
    return invalid_argument_error("dim: time grains have no distinct values", "dim");
  }
  DimensionRequest out;
  out.dimension = found->first;
  out.name = found->second;
  FG_ASSIGN_OR_RETURN(std::vector<Param> params, split_query(raw_query));
  CommonParams common;
  std::set<std::string> seen;
  for (const Param& p : params) {
    FG_ASSIGN_OR_RETURN(bool taken, common.take(p, out.query));
    if (taken) continue;
    const std::string field = field_for(p.name, "query");
    if (p.name != "prefix" && p.name != "limit") return invalid_argument_error(field + ": unknown parameter", field);
    if (!seen.insert(p.name).second) return invalid_argument_error(p.name + ": given more than once", p.name);
    if (p.name == "limit") {
      FG_ASSIGN_OR_RETURN(out.limit, parse_count("limit", p.value, kMaxTopRows));
    } else {
      if (p.value.size() > kMaxFilterValueBytes) return invalid_argument_error("prefix: too long", "prefix");
      out.prefix = p.value;
    }
  }
  FG_TRY(common.finish(out.query));
  if (!out.prefix.empty() && out.dimension.kind == Dimension::Kind::kColumn) {
    out.query.filters.push_back(costdb::Filter::prefix(out.dimension.column, out.prefix));
  }
  return out;
}

}  // namespace fg::api
