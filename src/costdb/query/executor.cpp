#include "costdb/query/executor.hpp"

#include <algorithm>
#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <thread>
#include <unordered_map>

#include "costdb/query/aggregate_table.hpp"
#include "costdb/query/segment_plan.hpp"

namespace fg::costdb {

namespace fs = std::filesystem;

namespace {

// The values one dimension takes across every segment of the query. Segment dictionaries differ, so
// each segment's codes are mapped once (per dictionary entry, not per row) to these global ids; rows
// are then grouped by one integer key for the whole query and names are decoded only for the
// groups that are returned.
// Names are views into segment dictionaries (or tag plans), which the PlannedQuery keeps alive.
struct GlobalDimension {
  Dimension::Kind kind = Dimension::Kind::kColumn;
  std::vector<std::string_view> names;
  std::unordered_map<std::string_view, std::uint32_t> index;
  bool indexed = false;
  std::int64_t base = 0;  // time grains: first grain number; id 0 is null
  std::uint64_t cardinality = 1;

  std::uint32_t intern(std::string_view v) {
    auto [it, added] = index.emplace(v, static_cast<std::uint32_t>(names.size()));
    if (added) names.push_back(v);
    return it->second;
  }
  std::string label(std::uint64_t id) const {
    if (kind == Dimension::Kind::kColumn || kind == Dimension::Kind::kTag) return std::string(names[id]);
    return id == 0 ? std::string() : grain_label(kind, base + static_cast<std::int64_t>(id) - 1);
  }
};

struct PlannedQuery {
  std::vector<SegmentPlan> plans;
  GlobalDimension currency;
  std::vector<GlobalDimension> dims;
  GroupKey key_space = 1;
  std::vector<int> metrics;                               //!< computed_sums(q) as sum_index() values
  std::vector<std::pair<std::size_t, std::size_t>> work;  //!< (plan, block), segment-major
};

void globalize(DimensionPlan& local, GlobalDimension& global) {
  if (global.names.empty()) {
    // The first segment's values become the global ids as they are: no hashing for the common
    // single-segment query.
    global.names = local.names;
    return;
  }
  if (!global.indexed) {
    for (std::uint32_t i = 0; i < global.names.size(); ++i) global.index.emplace(global.names[i], i);
    global.indexed = true;
  }
  std::vector<std::uint32_t> remap(local.names.size());
  for (std::size_t i = 0; i < local.names.size(); ++i) remap[i] = global.intern(local.names[i]);
  for (std::uint32_t& idx : local.code_to_index) idx = remap[idx];
}

Result<PlannedQuery> plan_all(const fs::path& org_dir, const Manifest& m, const Query& q, const SegmentLoader& load) {
  FG_TRY(validate_query(q));
  PlannedQuery pq;
  pq.dims.resize(q.group_by.size());
  for (std::size_t d = 0; d < q.group_by.size(); ++d) pq.dims[d].kind = q.group_by[d].kind;
  std::int64_t grain_lo[kMaxGroupBy], grain_hi[kMaxGroupBy];
  std::fill(grain_lo, grain_lo + kMaxGroupBy, INT64_MAX);
  std::fill(grain_hi, grain_hi + kMaxGroupBy, INT64_MIN);
  for (const Partition& p : m.partitions) {
    for (const std::string& rel : p.segments) {
      FG_ASSIGN_OR_RETURN(std::shared_ptr<const Segment> seg, load(org_dir / rel));
      SegmentPlan plan = plan_segment(std::move(seg), q);
      if (plan.skip) continue;
      globalize(plan.currency, pq.currency);
      for (std::size_t d = 0; d < plan.dims.size(); ++d) {
        DimensionPlan& dp = plan.dims[d];
        if (dp.kind == Dimension::Kind::kColumn || dp.kind == Dimension::Kind::kTag) {
          globalize(dp, pq.dims[d]);
        } else if (dp.cardinality > 1) {
          grain_lo[d] = std::min(grain_lo[d], dp.base);
          grain_hi[d] = std::max(grain_hi[d], dp.base + static_cast<std::int64_t>(dp.cardinality) - 2);
        }
      }
      const std::size_t idx = pq.plans.size();
      for (std::size_t b : plan.blocks) pq.work.emplace_back(idx, b);
      pq.plans.push_back(std::move(plan));
    }
  }
  for (Metric m : computed_sums(q)) pq.metrics.push_back(static_cast<int>(sum_index(m)));
  pq.currency.cardinality = std::max<std::size_t>(1, pq.currency.names.size());
  pq.key_space = pq.currency.cardinality;
  for (std::size_t d = 0; d < pq.dims.size(); ++d) {
    GlobalDimension& g = pq.dims[d];
    if (g.kind == Dimension::Kind::kColumn || g.kind == Dimension::Kind::kTag) {
      g.cardinality = std::max<std::size_t>(1, g.names.size());
    } else {
      g.base = grain_lo[d] == INT64_MAX ? 0 : grain_lo[d];
      g.cardinality = grain_lo[d] == INT64_MAX ? 1 : static_cast<std::uint64_t>(grain_hi[d] - grain_lo[d]) + 2;
      for (SegmentPlan& plan : pq.plans) plan.dims[d].base = g.base;
    }
    if (__builtin_mul_overflow(pq.key_space, static_cast<GroupKey>(g.cardinality), &pq.key_space) ||
        (pq.key_space >> 126) != 0) {
      return invalid_argument_error("group-by key space too large: use fewer dimensions", "group_by");
    }
  }
  return pq;
}

// A scan's decode buffers and aggregate table, several MB per thread. They are reused across
// queries: fresh ones cost page faults, zeroing and madvise, about a fifth of a query's CPU in perf.
struct ScanScratch {
  Segment::ReadBuffers io;
  std::vector<std::vector<std::uint32_t>> filter_codes, dim_codes;
  std::vector<std::uint32_t> currency;
  std::vector<std::int64_t> times;
  std::vector<Int128> metric;  // one metric column at a time
  std::vector<std::uint8_t> present;
  std::vector<std::uint32_t> selected;  // rows that pass the filters, when a filter applies
  std::vector<std::uint64_t> keys;      // group key per selected row, for key spaces up to 2^64
  std::vector<GroupKey> wide_keys;      // larger key spaces
  std::vector<std::uint32_t> groups;    // group index per selected row
  AggregateTable table;
};

class ScratchPool {
 public:
  static constexpr std::size_t kKeep = 4;  // bounds the memory kept between queries
  std::unique_ptr<ScanScratch> take() {
    std::lock_guard<std::mutex> g(mu_);
    if (free_.empty()) return std::make_unique<ScanScratch>();
    auto s = std::move(free_.back());
    free_.pop_back();
    return s;
  }
  void give(std::unique_ptr<ScanScratch> s) {
    std::lock_guard<std::mutex> g(mu_);
    if (free_.size() < kKeep) free_.push_back(std::move(s));
  }

 private:
  std::mutex mu_;
  std::vector<std::unique_ptr<ScanScratch>> free_;
};

ScratchPool& scratch_pool() {
  static ScratchPool pool;
  return pool;
}

// One thread's scan, a block at a time and a column at a time: the rows that pass the filters
// become a selection vector, each dimension then folds its index into one integer key per row,
// the keys become group indexes, and each metric the query sums is decoded and added in its own
// loop. Scratch columns are reused across blocks, with one table for the whole query.
class Scanner {
 public:
  Scanner(const PlannedQuery& pq, const Query& q) : pq_(pq), q_(q), s_(scratch_pool().take()), table_(s_->table) {
    table_.reset(pq.key_space);
  }
  ~Scanner() { scratch_pool().give(std::move(s_)); }
  Scanner(const Scanner&) = delete;
  Scanner& operator=(const Scanner&) = delete;

  Status run_block(std::size_t plan_idx, std::size_t b) {
    const SegmentPlan& plan = pq_.plans[plan_idx];
    const Segment& seg = *plan.segment;
    ScanScratch& s = *s_;
    s.filter_codes.resize(plan.filters.size());
    for (std::size_t f = 0; f < plan.filters.size(); ++f) {
      FG_TRY(seg.read_codes(b, plan.filters[f].column, s.filter_codes[f], s.io));
    }
    FG_TRY(seg.read_codes(b, Column::kBillingCurrency, s.currency, s.io));
    s.dim_codes.resize(plan.dims.size());
    for (std::size_t d = 0; d < plan.dims.size(); ++d) {
      const DimensionPlan& dp = plan.dims[d];
      if (dp.kind == Dimension::Kind::kColumn || dp.kind == Dimension::Kind::kTag) {
        FG_TRY(seg.read_codes(b, dp.column, s.dim_codes[d], s.io));
      }
    }
    if (plan.needs_time) FG_TRY(seg.read_ints(b, Column::kChargePeriodStart, s.times, s.io));

    const std::size_t n = seg.block_rows(b);
    rows_scanned_ += n;
    const bool selective = !plan.filters.empty() || q_.from || q_.to;
    std::size_t m = n;
    if (selective) {
      select_rows(plan, n);
      m = s.selected.size();
      if (m == 0) return ok_status();
    }
    const bool narrow = (pq_.key_space >> 64) == 0;
    if (selective && narrow) {
      group_rows<true>(plan, m, s.keys);
    } else if (narrow) {
      group_rows<false>(plan, m, s.keys);
    } else if (selective) {
      group_rows<true>(plan, m, s.wide_keys);
    } else {
      group_rows<false>(plan, m, s.wide_keys);
    }
    table_.count(s.groups.data(), m);
    for (int metric : pq_.metrics) {
      FG_TRY(seg.read_decimals(b, *kMetrics[metric].column, s.metric, s.present, s.io));
      if (selective) {
        table_.add_selected(metric, s.groups.data(), s.metric.data(), s.selected.data(), m);
      } else {
        table_.add(metric, s.groups.data(), s.metric.data(), m);
      }
    }
    return ok_status();
  }

  AggregateTable& table() { return table_; }
  std::uint64_t rows_scanned() const { return rows_scanned_; }

 private:
  // s.selected = the rows of the block that pass every filter and the time range.
  void select_rows(const SegmentPlan& plan, std::size_t n) {
    ScanScratch& s = *s_;
    const std::int64_t from = q_.from.value_or(INT64_MIN), to = q_.to.value_or(INT64_MAX);
    const bool ranged = q_.from || q_.to;
    s.selected.clear();
    for (std::size_t i = 0; i < n; ++i) {
      bool pass = true;
      for (std::size_t f = 0; f < plan.filters.size() && pass; ++f) {
        pass = plan.filters[f].allowed[s.filter_codes[f][i]];
      }
      if (pass && ranged) pass = s.times[i] != kNullTime && s.times[i] >= from && s.times[i] < to;
      if (pass) s.selected.push_back(static_cast<std::uint32_t>(i));
    }
  }

  // s.groups[j] = the group index of row j (of the selection, or of the block): the currency's
  // index, then each dimension's folded in as key = key * cardinality + index.
  template <bool kSelected, typename Key>
  void group_rows(const SegmentPlan& plan, std::size_t m, std::vector<Key>& keys) {
    ScanScratch& s = *s_;
    const std::uint32_t* sel = s.selected.data();
    auto row = [sel](std::size_t j) -> std::size_t {
      if constexpr (kSelected) {
        return sel[j];
      } else {
        return j;
      }
    };
    keys.resize(m);
    Key* k = keys.data();
    {
      const std::uint32_t* map = plan.currency.code_to_index.data();
      const std::uint32_t* codes = s.currency.data();
      for (std::size_t j = 0; j < m; ++j) k[j] = map[codes[row(j)]];
    }
    for (std::size_t d = 0; d < plan.dims.size(); ++d) {
      const DimensionPlan& dp = plan.dims[d];
      const auto card = static_cast<Key>(pq_.dims[d].cardinality);
      if (dp.kind == Dimension::Kind::kColumn || dp.kind == Dimension::Kind::kTag) {
        const std::uint32_t* map = dp.code_to_index.data();
        const std::uint32_t* codes = s.dim_codes[d].data();
        for (std::size_t j = 0; j < m; ++j) k[j] = k[j] * card + map[codes[row(j)]];
        continue;
      }
      // Time grains: index 0 is a null ChargePeriodStart. Hours and days divide by a constant.
      const std::int64_t* t = s.times.data();
      auto fold = [&](auto grain) {
        for (std::size_t j = 0; j < m; ++j) {
          const std::int64_t v = t[row(j)];
          const Key idx = v == kNullTime ? 0 : static_cast<Key>(grain(v) - dp.base) + 1;
          k[j] = k[j] * card + idx;
        }
      };
      switch (dp.kind) {
        case Dimension::Kind::kHour: fold([](std::int64_t v) { return floor_div(v, 3600); }); break;
        case Dimension::Kind::kDay: fold([](std::int64_t v) { return floor_div(v, 86400); }); break;
        default: fold([&](std::int64_t v) { return grain_number(dp.kind, v); }); break;
      }
    }
    s.groups.resize(m);
    for (std::size_t j = 0; j < m; ++j) s.groups[j] = table_.group(k[j]);
  }

  const PlannedQuery& pq_;
  const Query& q_;
  std::unique_ptr<ScanScratch> s_;
  AggregateTable& table_;
  std::uint64_t rows_scanned_ = 0;
};

Int128 metric_of(const GroupSums& g, Metric m) {
  return m == Metric::kCount ? static_cast<Int128>(g.count) : g.sum[sum_index(m)];
}

Aggregates to_aggregates(const GroupSums& g) {
  Aggregates a;
  for (std::size_t i = 0; i < kSummedMetricCount; ++i) a.*kMetrics[i].field = Money::from_scaled(g.sum[i]);
  a.count = g.count;
  return a;
}

// Splits a key into its currency id and one id per dimension.
std::uint64_t split_key(const PlannedQuery& pq, GroupKey key, std::vector<std::uint64_t>& ids) {
  ids.resize(pq.dims.size());
  for (std::size_t d = pq.dims.size(); d-- > 0;) {
    ids[d] = static_cast<std::uint64_t>(key % pq.dims[d].cardinality);
    key /= pq.dims[d].cardinality;
  }
  return static_cast<std::uint64_t>(key);
}

}  // namespace

Result<QueryResult> execute_query(const fs::path& org_dir, const Manifest& m, const Query& q, unsigned threads,
                                  const SegmentLoader& load) {
  FG_ASSIGN_OR_RETURN(PlannedQuery pq, plan_all(org_dir, m, q, load));
  const unsigned n_threads = std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(pq.work.size())));
  std::vector<std::unique_ptr<Scanner>> scanners;
  std::vector<Status> errors(n_threads);
  std::atomic<std::size_t> next{0};
  std::atomic<bool> stop{false};
  for (unsigned t = 0; t < n_threads; ++t) scanners.push_back(std::make_unique<Scanner>(pq, q));
  auto body = [&](unsigned t) {
    try {
      for (std::size_t w; !stop && (w = next.fetch_add(1)) < pq.work.size();) {
        Status s = scanners[t]->run_block(pq.work[w].first, pq.work[w].second);
        if (!s.ok()) {
          errors[t] = s;
          stop = true;
        }
      }
    } catch (const std::bad_alloc&) {
      errors[t] = resource_exhausted_error("costdb: query ran out of memory");
      stop = true;
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < n_threads; ++t) pool.emplace_back(body, t);
  body(0);
  for (std::thread& th : pool) th.join();
  for (const Status& s : errors) {
    if (!s.ok()) return s;
  }
  AggregateTable& all = scanners[0]->table();
  QueryResult result;
  for (unsigned t = 0; t < n_threads; ++t) {
    if (t) all.merge_from(scanners[t]->table());
    result.rows_scanned += scanners[t]->rows_scanned();
  }
  if (all.overflowed()) return invalid_argument_error("sum out of range");

  // Per currency: totals over every group, then the groups ordered by the metric (descending, ties
  // by key, i.e. first-seen dimension values), cut to top_n; only those are named.
  std::vector<std::vector<std::pair<GroupKey, const GroupSums*>>> by_currency(pq.currency.cardinality);
  std::vector<GroupSums> totals(pq.currency.cardinality);
  bool overflow = false;
  std::vector<std::uint64_t> ids;
  all.for_each([&](GroupKey key, const GroupSums& g) {
    const std::uint64_t cur = split_key(pq, key, ids);
    by_currency[cur].emplace_back(key, &g);
    GroupSums& t = totals[cur];
    for (int k = 0; k < kMetricCount; ++k) {
      if (__builtin_add_overflow(t.sum[k], g.sum[k], &t.sum[k])) overflow = true;
    }
    t.count += g.count;
  });
  if (overflow) return invalid_argument_error("sum out of range");
  std::vector<std::size_t> currency_order(pq.currency.names.size());
  for (std::size_t i = 0; i < currency_order.size(); ++i) currency_order[i] = i;
  std::sort(currency_order.begin(), currency_order.end(),
            [&](std::size_t a, std::size_t b) { return pq.currency.names[a] < pq.currency.names[b]; });
  auto before = [&](const std::pair<GroupKey, const GroupSums*>& a, const std::pair<GroupKey, const GroupSums*>& b) {
    const Int128 ma = metric_of(*a.second, q.order_by), mb = metric_of(*b.second, q.order_by);
    return ma != mb ? ma > mb : a.first < b.first;
  };
  for (std::size_t cur : currency_order) {
    auto& groups = by_currency[cur];
    if (groups.empty()) continue;
    result.totals.emplace(pq.currency.names[cur], to_aggregates(totals[cur]));
    const std::size_t keep = q.top_n ? std::min(q.top_n, groups.size()) : groups.size();
    std::partial_sort(groups.begin(), groups.begin() + static_cast<std::ptrdiff_t>(keep), groups.end(), before);
    for (std::size_t i = 0; i < keep; ++i) {
      split_key(pq, groups[i].first, ids);
      ResultRow row;
      row.currency = pq.currency.names[cur];
      for (std::size_t d = 0; d < pq.dims.size(); ++d) row.keys.push_back(pq.dims[d].label(ids[d]));
      row.sums = to_aggregates(*groups[i].second);
      result.rows.push_back(std::move(row));
    }
  }
  return result;
}

Result<std::vector<std::string>> execute_distinct(const fs::path& org_dir, const Manifest& m, const Dimension& dim,
                                                  const Query& q, unsigned threads, const SegmentLoader& load) {
  if (dim.kind != Dimension::Kind::kColumn && dim.kind != Dimension::Kind::kTag) {
    return invalid_argument_error("distinct values need a column or tag dimension", "dimension");
  }
  Query grouped = q;
  grouped.group_by = {dim};
  grouped.top_n = 0;
  FG_ASSIGN_OR_RETURN(QueryResult r, execute_query(org_dir, m, grouped, threads, load));
  std::set<std::string> values;
  for (const ResultRow& row : r.rows) {
    if (!row.keys[0].empty()) values.insert(row.keys[0]);
  }
  return std::vector<std::string>(values.begin(), values.end());
}

}  // namespace fg::costdb
