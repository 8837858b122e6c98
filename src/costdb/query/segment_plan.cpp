#include "costdb/query/segment_plan.hpp"

#include <algorithm>
#include <unordered_map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/time.hpp"

namespace fg::costdb {

namespace {

bool filter_matches(const Filter& f, const std::string& value, const std::string& raw_tags) {
  switch (f.kind) {
    case Filter::Kind::kIn: return std::find(f.values.begin(), f.values.end(), value) != f.values.end();
    case Filter::Kind::kPrefix: return !value.empty() && value.compare(0, f.values[0].size(), f.values[0]) == 0;
    case Filter::Kind::kTag: {
      auto v = tag_value(raw_tags, f.tag_key);
      if (!v) return false;
      return f.values.empty() || std::find(f.values.begin(), f.values.end(), *v) != f.values.end();
    }
  }
  return false;
}

DimensionPlan plan_dictionary_dim(const Segment& seg, const Dimension& d) {
  DimensionPlan p{d.kind, d.kind == Dimension::Kind::kTag ? Column::kTags : d.column, {}, {}, nullptr, 0, 1};
  const auto& dict = seg.dictionary(p.column);
  if (d.kind == Dimension::Kind::kColumn) {
    p.code_to_index.resize(dict.size());
    for (std::uint32_t i = 0; i < dict.size(); ++i) p.code_to_index[i] = i;
    p.names.assign(dict.begin(), dict.end());
  } else {
    std::unordered_map<std::string, std::uint32_t> index;
    p.storage = std::make_shared<std::deque<std::string>>();
    p.storage->emplace_back();  // index 0: the tag is absent
    p.names.emplace_back(p.storage->back());
    index.emplace("", 0);
    p.code_to_index.resize(dict.size());
    for (std::uint32_t i = 0; i < dict.size(); ++i) {
      std::string v = tag_value(dict[i], d.tag_key).value_or("");
      auto [it, added] = index.emplace(v, static_cast<std::uint32_t>(p.names.size()));
      if (added) {
        p.storage->push_back(std::move(v));
        p.names.emplace_back(p.storage->back());
      }
      p.code_to_index[i] = it->second;
    }
  }
  p.cardinality = p.names.size();
  return p;
}

}  // namespace

std::optional<std::string> tag_value(const std::string& tags_json, const std::string& key) {
  if (tags_json.empty()) return std::nullopt;
  const nlohmann::json j = nlohmann::json::parse(tags_json, nullptr, false);
  if (!j.is_object()) return std::nullopt;
  auto it = j.find(key);
  if (it == j.end()) return std::nullopt;
  if (it->is_string()) return it->get<std::string>();
  if (it->is_null()) return std::string();
  return it->dump();
}

std::int64_t grain_number(Dimension::Kind kind, std::int64_t s) {
  switch (kind) {
    case Dimension::Kind::kHour: return floor_div(s, 3600);
    case Dimension::Kind::kDay: return floor_div(s, 86400);
    default: {
      const CivilDate c = civil_from_days(floor_div(s, 86400));
      return c.year * 12 + static_cast<std::int64_t>(c.month) - 1;
    }
  }
}

std::string grain_label(Dimension::Kind kind, std::int64_t n) {
  switch (kind) {
    case Dimension::Kind::kHour: return format_timestamp(Timestamp::from_seconds(n * 3600));
    case Dimension::Kind::kDay: return format_date(Timestamp::from_seconds(n * 86400));
    default: return fmt::format("{:04}-{:02}", floor_div(n, 12), n - floor_div(n, 12) * 12 + 1);
  }
}

Status validate_query(const Query& q) {
  if (q.group_by.size() > kMaxGroupBy) {
    return invalid_argument_error(fmt::format("at most {} group-by dimensions", kMaxGroupBy), "group_by");
  }
  for (const Dimension& d : q.group_by) {
    if (d.kind == Dimension::Kind::kColumn && kind_of(d.column) != ColumnKind::kString) {
      return invalid_argument_error("group-by column must be a string dimension", "group_by");
    }
    if (d.kind == Dimension::Kind::kTag && d.tag_key.empty()) {
      return invalid_argument_error("tag dimension needs a key", "group_by");
    }
  }
  for (const Filter& f : q.filters) {
    if (f.kind == Filter::Kind::kTag) {
      if (f.tag_key.empty()) return invalid_argument_error("tag filter needs a key", "filter");
      continue;
    }
    if (!is_dictionary(f.column)) return invalid_argument_error("filter column must be a string dimension", "filter");
    if (f.kind == Filter::Kind::kPrefix && (f.values.size() != 1 || f.values[0].empty())) {
      return invalid_argument_error("prefix filter needs one non-empty prefix", "filter");
    }
  }
  if (q.from && q.to && *q.from >= *q.to) return invalid_argument_error("empty time range", "from");
  return ok_status();
}

SegmentPlan plan_segment(std::shared_ptr<const Segment> seg, const Query& q) {
  SegmentPlan plan;
  plan.segment = seg;
  for (const Filter& f : q.filters) {
    FilterPlan fp{f.kind == Filter::Kind::kTag ? Column::kTags : f.column, {}};
    const auto& dict = seg->dictionary(fp.column);
    fp.allowed.resize(dict.size());
    bool any = false;
    for (std::size_t i = 0; i < dict.size(); ++i) {
      fp.allowed[i] = filter_matches(f, dict[i], dict[i]) ? 1 : 0;
      any = any || fp.allowed[i];
    }
    if (!any) plan.skip = true;
    plan.filters.push_back(std::move(fp));
  }
  plan.currency = plan_dictionary_dim(*seg, Dimension::of(Column::kBillingCurrency));

  std::int64_t tmin = INT64_MAX, tmax = INT64_MIN;
  for (std::size_t b = 0; b < seg->block_count(); ++b) {
    const auto& st = seg->int_stats(b, Column::kChargePeriodStart);
    if (st.any && ((q.from && st.max < *q.from) || (q.to && st.min >= *q.to))) continue;
    if (!st.any && (q.from || q.to)) continue;  // every row's period is null: no range can match
    if (st.any) tmin = std::min(tmin, st.min), tmax = std::max(tmax, st.max);
    plan.blocks.push_back(b);
  }
  plan.needs_time = q.from.has_value() || q.to.has_value();
  for (const Dimension& d : q.group_by) {
    if (d.kind == Dimension::Kind::kColumn || d.kind == Dimension::Kind::kTag) {
      plan.dims.push_back(plan_dictionary_dim(*seg, d));
      continue;
    }
    DimensionPlan p{d.kind, Column::kChargePeriodStart, {}, {}, nullptr, 0, 1};
    if (tmin <= tmax) {
      p.base = grain_number(d.kind, tmin);
      p.cardinality = static_cast<std::uint64_t>(grain_number(d.kind, tmax) - p.base) + 2;
    }
    plan.needs_time = true;
    plan.dims.push_back(std::move(p));
  }
  if (plan.blocks.empty()) plan.skip = true;
  return plan;
}

}  // namespace fg::costdb
