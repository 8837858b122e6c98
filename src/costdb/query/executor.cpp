#include "costdb/query/executor.hpp"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <map>
#include <mutex>
#include <set>
#include <thread>
#include <unordered_map>

#include "costdb/query/aggregate_table.hpp"
#include "costdb/query/segment_plan.hpp"

namespace fg::costdb {

namespace fs = std::filesystem;

namespace {

constexpr Column kMetricColumns[kMetricCount] = {Column::kBilledCost, Column::kEffectiveCost, Column::kListCost,
                                                 Column::kContractedCost, Column::kConsumedQuantity};

// A group's name, encoded as one string: currency first, then one value per dimension, each as a
// 4-byte length and its bytes. Encoded names hash and compare without building vectors.
using NamedGroups = std::unordered_map<std::string, GroupSums>;

void append_part(std::string& name, std::string_view part) {
  const auto n = static_cast<std::uint32_t>(part.size());
  name.append(reinterpret_cast<const char*>(&n), 4);
  name.append(part);
}

std::vector<std::string> decode_name(const std::string& name) {
  std::vector<std::string> parts;
  for (std::size_t p = 0; p + 4 <= name.size();) {
    std::uint32_t n;
    std::memcpy(&n, name.data() + p, 4);
    parts.emplace_back(name.substr(p + 4, n));
    p += 4 + n;
  }
  return parts;
}

bool merge_sums(GroupSums& into, const GroupSums& from) {
  bool ok = true;
  for (int m = 0; m < kMetricCount; ++m) {
    if (__builtin_add_overflow(into.sum[m], from.sum[m], &into.sum[m])) ok = false;
  }
  into.count += from.count;
  return ok;
}

struct PlannedQuery {
  std::vector<SegmentPlan> plans;
  std::vector<GroupKey> key_space;                        //!< per plan
  std::vector<std::pair<std::size_t, std::size_t>> work;  //!< (plan, block), segment-major
};

Result<PlannedQuery> plan_all(const fs::path& org_dir, const Manifest& m, const Query& q) {
  FG_TRY(validate_query(q));
  PlannedQuery pq;
  for (const Partition& p : m.partitions) {
    for (const std::string& rel : p.segments) {
      FG_ASSIGN_OR_RETURN(std::shared_ptr<const Segment> seg, Segment::open(org_dir / rel));
      SegmentPlan plan = plan_segment(std::move(seg), q);
      if (plan.skip) continue;
      GroupKey space = plan.currency.cardinality;
      for (const DimensionPlan& d : plan.dims) {
        if (__builtin_mul_overflow(space, static_cast<GroupKey>(d.cardinality), &space) || (space >> 126) != 0) {
          return invalid_argument_error("group-by key space too large: use fewer dimensions", "group_by");
        }
      }
      const std::size_t idx = pq.plans.size();
      for (std::size_t b : plan.blocks) pq.work.emplace_back(idx, b);
      pq.key_space.push_back(space);
      pq.plans.push_back(std::move(plan));
    }
  }
  return pq;
}

// One thread's scan state: scratch columns reused across blocks.
class Scanner {
 public:
  Scanner(const PlannedQuery& pq, const Query& q) : pq_(pq), q_(q) {}

  Status run_block(std::size_t plan_idx, std::size_t b) {
    const SegmentPlan& plan = pq_.plans[plan_idx];
    if (plan_idx != current_ || !table_) {
      fold();
      current_ = plan_idx;
      table_ = std::make_unique<AggregateTable>(pq_.key_space[plan_idx]);
    }
    const Segment& seg = *plan.segment;
    filter_codes_.resize(plan.filters.size());
    for (std::size_t f = 0; f < plan.filters.size(); ++f) {
      FG_TRY(seg.read_codes(b, plan.filters[f].column, filter_codes_[f]));
    }
    FG_TRY(seg.read_codes(b, Column::kBillingCurrency, currency_));
    dim_codes_.resize(plan.dims.size());
    for (std::size_t d = 0; d < plan.dims.size(); ++d) {
      const DimensionPlan& dp = plan.dims[d];
      if (dp.kind == Dimension::Kind::kColumn || dp.kind == Dimension::Kind::kTag) {
        FG_TRY(seg.read_codes(b, dp.column, dim_codes_[d]));
      }
    }
    if (plan.needs_time) FG_TRY(seg.read_ints(b, Column::kChargePeriodStart, times_));
    for (int m = 0; m < kMetricCount; ++m) FG_TRY(seg.read_decimals(b, kMetricColumns[m], metrics_[m], present_));

    const std::size_t n = seg.block_rows(b);
    rows_scanned_ += n;
    const std::int64_t from = q_.from.value_or(INT64_MIN), to = q_.to.value_or(INT64_MAX);
    const bool ranged = q_.from || q_.to;
    Int128 values[kMetricCount];
    for (std::size_t i = 0; i < n; ++i) {
      bool pass = true;
      for (std::size_t f = 0; f < plan.filters.size() && pass; ++f) pass = plan.filters[f].allowed[filter_codes_[f][i]];
      if (!pass) continue;
      if (ranged && (times_[i] == kNullTime || times_[i] < from || times_[i] >= to)) continue;
      GroupKey key = plan.currency.code_to_index[currency_[i]];
      for (std::size_t d = 0; d < plan.dims.size(); ++d) {
        const DimensionPlan& dp = plan.dims[d];
        std::uint64_t idx;
        if (dp.kind == Dimension::Kind::kColumn || dp.kind == Dimension::Kind::kTag) {
          idx = dp.code_to_index[dim_codes_[d][i]];
        } else {
          idx = times_[i] == kNullTime ? 0 : static_cast<std::uint64_t>(grain_number(dp.kind, times_[i]) - dp.base) + 1;
        }
        key = key * dp.cardinality + idx;
      }
      for (int m = 0; m < kMetricCount; ++m) values[m] = metrics_[m][i];
      table_->add(table_->at(key), values);
    }
    return ok_status();
  }

  //! Moves the current segment's groups into the named map.
  void fold() {
    if (!table_) return;
    if (table_->overflowed()) overflow_ = true;
    const SegmentPlan& plan = pq_.plans[current_];
    std::vector<std::uint64_t> idx(plan.dims.size());
    std::string name;
    table_->for_each([&](GroupKey key, const GroupSums& g) {
      // Most key spaces fit 64 bits, where division is a single instruction.
      if ((key >> 64) == 0) {
        auto k = static_cast<std::uint64_t>(key);
        for (std::size_t d = plan.dims.size(); d-- > 0;)
          idx[d] = k % plan.dims[d].cardinality, k /= plan.dims[d].cardinality;
        key = k;
      } else {
        for (std::size_t d = plan.dims.size(); d-- > 0;) {
          idx[d] = static_cast<std::uint64_t>(key % plan.dims[d].cardinality);
          key /= plan.dims[d].cardinality;
        }
      }
      name.clear();
      append_part(name, plan.currency.names[static_cast<std::size_t>(key)]);
      for (std::size_t d = 0; d < plan.dims.size(); ++d) {
        const DimensionPlan& dp = plan.dims[d];
        if (dp.kind == Dimension::Kind::kColumn || dp.kind == Dimension::Kind::kTag) {
          append_part(name, dp.names[idx[d]]);
        } else {
          append_part(name, idx[d] ? grain_label(dp.kind, dp.base + static_cast<std::int64_t>(idx[d]) - 1) : "");
        }
      }
      if (!merge_sums(groups_[name], g)) overflow_ = true;
    });
    table_.reset();
  }

  NamedGroups& groups() { return groups_; }
  bool overflowed() const { return overflow_; }
  std::uint64_t rows_scanned() const { return rows_scanned_; }

 private:
  const PlannedQuery& pq_;
  const Query& q_;
  std::size_t current_ = 0;
  std::unique_ptr<AggregateTable> table_;
  NamedGroups groups_;
  bool overflow_ = false;
  std::uint64_t rows_scanned_ = 0;
  std::vector<std::vector<std::uint32_t>> filter_codes_, dim_codes_;
  std::vector<std::uint32_t> currency_;
  std::vector<std::int64_t> times_;
  std::vector<Int128> metrics_[kMetricCount];
  std::vector<std::uint8_t> present_;
};

Money money_of(Int128 v) {
  return Money::from_scaled(v);
}

Int128 metric_of(const GroupSums& g, Metric m) {
  switch (m) {
    case Metric::kBilledCost: return g.sum[0];
    case Metric::kEffectiveCost: return g.sum[1];
    case Metric::kListCost: return g.sum[2];
    case Metric::kContractedCost: return g.sum[3];
    case Metric::kConsumedQuantity: return g.sum[4];
    case Metric::kCount: return static_cast<Int128>(g.count);
  }
  return 0;
}

Aggregates to_aggregates(const GroupSums& g) {
  return {money_of(g.sum[0]), money_of(g.sum[1]), money_of(g.sum[2]), money_of(g.sum[3]), money_of(g.sum[4]), g.count};
}

}  // namespace

Result<QueryResult> execute_query(const fs::path& org_dir, const Manifest& m, const Query& q, unsigned threads) {
  FG_ASSIGN_OR_RETURN(PlannedQuery pq, plan_all(org_dir, m, q));
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
      scanners[t]->fold();
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

  QueryResult result;
  NamedGroups& all = scanners[0]->groups();
  bool overflow = scanners[0]->overflowed();
  result.rows_scanned = scanners[0]->rows_scanned();
  for (unsigned t = 1; t < n_threads; ++t) {
    overflow = overflow || scanners[t]->overflowed();
    result.rows_scanned += scanners[t]->rows_scanned();
    for (auto& [name, g] : scanners[t]->groups()) {
      if (!merge_sums(all[name], g)) overflow = true;
    }
  }
  // Per currency: totals over every group, then the groups ordered by the metric (descending, ties
  // by encoded name so the order is deterministic), cut to top_n.
  std::map<std::string, std::vector<const NamedGroups::value_type*>> by_currency;
  std::map<std::string, GroupSums> totals;
  for (const auto& e : all) {
    std::uint32_t n;
    std::memcpy(&n, e.first.data(), 4);
    std::string currency = e.first.substr(4, n);
    if (!merge_sums(totals[currency], e.second)) overflow = true;
    by_currency[std::move(currency)].push_back(&e);
  }
  if (overflow) return invalid_argument_error("sum out of range");
  for (const auto& [cur, g] : totals) result.totals.emplace(cur, to_aggregates(g));
  auto before = [&](const NamedGroups::value_type* a, const NamedGroups::value_type* b) {
    const Int128 ma = metric_of(a->second, q.order_by), mb = metric_of(b->second, q.order_by);
    return ma != mb ? ma > mb : a->first < b->first;
  };
  for (auto& [cur, groups] : by_currency) {
    const std::size_t keep = q.top_n ? std::min(q.top_n, groups.size()) : groups.size();
    std::partial_sort(groups.begin(), groups.begin() + static_cast<std::ptrdiff_t>(keep), groups.end(), before);
    for (std::size_t i = 0; i < keep; ++i) {
      std::vector<std::string> parts = decode_name(groups[i]->first);
      ResultRow row;
      row.currency = cur;
      row.keys.assign(std::make_move_iterator(parts.begin() + 1), std::make_move_iterator(parts.end()));
      row.sums = to_aggregates(groups[i]->second);
      result.rows.push_back(std::move(row));
    }
  }
  return result;
}

Result<std::vector<std::string>> execute_distinct(const fs::path& org_dir, const Manifest& m, const Dimension& dim,
                                                  const Query& q, unsigned threads) {
  if (dim.kind != Dimension::Kind::kColumn && dim.kind != Dimension::Kind::kTag) {
    return invalid_argument_error("distinct values need a column or tag dimension", "dimension");
  }
  Query grouped = q;
  grouped.group_by = {dim};
  grouped.top_n = 0;
  FG_ASSIGN_OR_RETURN(QueryResult r, execute_query(org_dir, m, grouped, threads));
  std::set<std::string> values;
  for (const ResultRow& row : r.rows) {
    if (!row.keys[0].empty()) values.insert(row.keys[0]);
  }
  return std::vector<std::string>(values.begin(), values.end());
}

}  // namespace fg::costdb
