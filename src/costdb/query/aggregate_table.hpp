// AggregateTable: sums per integer group key for one segment on one thread. Keys below the dense
// limit index an array; larger key spaces use a hash table. Money sums are overflow-checked and the
// overflow is sticky.
#pragma once

#include <cstdint>
#include <unordered_map>
#include <vector>

#include "core/money.hpp"

namespace fg::costdb {

inline constexpr int kMetricCount = 5;  //!< billed, effective, list, contracted, consumed quantity

struct GroupSums {
  Int128 sum[kMetricCount] = {0, 0, 0, 0, 0};
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

  explicit AggregateTable(GroupKey key_space) : dense_(key_space <= kDenseLimit) {
    if (dense_) array_.resize(static_cast<std::size_t>(key_space));
  }

  GroupSums& at(GroupKey k) { return dense_ ? array_[static_cast<std::size_t>(k)] : map_[k]; }

  void add(GroupSums& g, const Int128* values) {
    for (int m = 0; m < kMetricCount; ++m) {
      if (__builtin_add_overflow(g.sum[m], values[m], &g.sum[m])) overflow_ = true;
    }
    ++g.count;
  }

  //! Calls f(key, sums) for every non-empty group.
  template <typename F>
  void for_each(F&& f) const {
    if (dense_) {
      for (std::size_t i = 0; i < array_.size(); ++i) {
        if (array_[i].count) f(static_cast<GroupKey>(i), array_[i]);
      }
    } else {
      for (const auto& [k, g] : map_) f(k, g);
    }
  }
  bool overflowed() const { return overflow_; }

  //! Adds every group of `other` (same key space) into this table.
  void merge_from(const AggregateTable& other) {
    if (other.overflow_) overflow_ = true;
    other.for_each([this](GroupKey k, const GroupSums& g) {
      GroupSums& into = at(k);
      for (int m = 0; m < kMetricCount; ++m) {
        if (__builtin_add_overflow(into.sum[m], g.sum[m], &into.sum[m])) overflow_ = true;
      }
      into.count += g.count;
    });
  }

 private:
  bool dense_;
  bool overflow_ = false;
  std::vector<GroupSums> array_;
  std::unordered_map<GroupKey, GroupSums, GroupKeyHash> map_;
};

}  // namespace fg::costdb
