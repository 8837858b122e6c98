// AggregateTable: sums per integer group key for one query on one thread. A key becomes a group
// index once per row (group()), and the sums are then added a column at a time (add()), so the
// scan reads only the metrics a query asks for. Keys below the dense limit index an array of
// 4-byte slots pointing into a compact list of the groups seen (a 96-byte entry per possible key
// made every query zero and page-fault megabytes for a few thousand groups, e.g. 2 currencies ×
// 50k resources); larger key spaces use a hash table. Money sums are overflow-checked and the
// overflow is sticky.
#pragma once

#include <cstdint>
#include <unordered_map>
#include <vector>

#include "core/money.hpp"
#include "costdb/query/metric.hpp"

namespace fg::costdb {

inline constexpr int kMetricCount = static_cast<int>(kSummedMetricCount);

struct GroupSums {
  Int128 sum[kMetricCount] = {};
  std::uint64_t count = 0;
};

using GroupKey = unsigned __int128;

struct GroupKeyHash {
  std::size_t operator()(GroupKey k) const {
    const auto lo = static_cast<std::uint64_t>(k), hi = static_cast<std::uint64_t>(k >> 64);
    return static_cast<std::size_t>((lo ^ (hi * 0x9E3779B97F4A7C15ULL)) * 0xBF58476D1CE4E5B9ULL);
  }
};

class AggregateTable {
 public:
  static constexpr GroupKey kDenseLimit = GroupKey{1} << 18;

  explicit AggregateTable(GroupKey key_space = 1) { reset(key_space); }

  //! Empties the table for a new key space, keeping its memory (tables are reused across queries).
  void reset(GroupKey key_space) {
    dense_ = key_space <= kDenseLimit;
    overflow_ = false;
    slot_.clear();
    sums_.clear();
    keys_.clear();
    map_.clear();
    if (dense_) slot_.assign(static_cast<std::size_t>(key_space), kNoSlot);
  }

  //! The index of group `k`'s sums, created empty on first use. Indexes stay valid until reset().
  std::uint32_t group(GroupKey k) {
    std::uint32_t* s;
    if (dense_) {
      s = &slot_[static_cast<std::size_t>(k)];
    } else {
      s = &map_.try_emplace(k, kNoSlot).first->second;
    }
    if (*s == kNoSlot) {
      *s = static_cast<std::uint32_t>(sums_.size());
      sums_.emplace_back();
      keys_.push_back(k);
    }
    return *s;
  }

  //! Adds `v` to metric `m` of each group `groups[i]` (values[i]); the overflow is sticky.
  void add(int m, const std::uint32_t* groups, const Int128* values, std::size_t n) {
    bool overflow = false;
    for (std::size_t i = 0; i < n; ++i) {
      Int128& sum = sums_[groups[i]].sum[m];
      overflow |= __builtin_add_overflow(sum, values[i], &sum);
    }
    overflow_ = overflow_ || overflow;
  }
  //! As add(), with values[rows[i]] for group groups[i].
  void add_selected(int m, const std::uint32_t* groups, const Int128* values, const std::uint32_t* rows,
                    std::size_t n) {
    bool overflow = false;
    for (std::size_t i = 0; i < n; ++i) {
      Int128& sum = sums_[groups[i]].sum[m];
      overflow |= __builtin_add_overflow(sum, values[rows[i]], &sum);
    }
    overflow_ = overflow_ || overflow;
  }
  void count(const std::uint32_t* groups, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) ++sums_[groups[i]].count;
  }

  //! Calls f(key, sums) for every non-empty group.
  template <typename F>
  void for_each(F&& f) const {
    for (std::size_t i = 0; i < sums_.size(); ++i) {
      if (sums_[i].count) f(keys_[i], sums_[i]);
    }
  }
  bool overflowed() const { return overflow_; }

  //! Adds every group of `other` (same key space) into this table.
  void merge_from(const AggregateTable& other) {
    if (other.overflow_) overflow_ = true;
    other.for_each([this](GroupKey k, const GroupSums& g) {
      GroupSums& into = sums_[group(k)];
      for (int m = 0; m < kMetricCount; ++m) {
        if (__builtin_add_overflow(into.sum[m], g.sum[m], &into.sum[m])) overflow_ = true;
      }
      into.count += g.count;
    });
  }

 private:
  static constexpr std::uint32_t kNoSlot = UINT32_MAX;
  bool dense_ = true;
  bool overflow_ = false;
  std::vector<std::uint32_t> slot_;  //!< dense: key -> index into sums_/keys_
  std::vector<GroupSums> sums_;      //!< groups in first-seen order
  std::vector<GroupKey> keys_;
  std::unordered_map<GroupKey, std::uint32_t, GroupKeyHash> map_;  //!< sparse: key -> index
};

}  // namespace fg::costdb
