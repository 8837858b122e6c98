// AggregateTable: sums per integer group key for one segment on one thread. Keys below the dense
// limit index an array of 4-byte slots pointing into a compact list of the groups seen (a 96-byte
// entry per possible key made every query zero and page-fault megabytes for a few thousand
// groups, e.g. 2 currencies × 50k resources); larger key spaces use a hash table. Money sums are
// overflow-checked and the overflow is sticky.
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

  //! The sums of group `k`, created empty on first use. Valid until the next at() call.
  GroupSums& at(GroupKey k) {
    if (!dense_) return map_[k];
    std::uint32_t& s = slot_[static_cast<std::size_t>(k)];
    if (s == kNoSlot) {
      s = static_cast<std::uint32_t>(sums_.size());
      sums_.emplace_back();
      keys_.push_back(static_cast<std::uint32_t>(k));
    }
    return sums_[s];
  }

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
      for (std::size_t i = 0; i < sums_.size(); ++i) {
        if (sums_[i].count) f(static_cast<GroupKey>(keys_[i]), sums_[i]);
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
  static constexpr std::uint32_t kNoSlot = UINT32_MAX;
  bool dense_ = true;
  bool overflow_ = false;
  std::vector<std::uint32_t> slot_;  //!< dense: key -> index into sums_/keys_
  std::vector<GroupSums> sums_;      //!< dense: groups in first-seen order
  std::vector<std::uint32_t> keys_;
  std::unordered_map<GroupKey, GroupSums, GroupKeyHash> map_;
};

}  // namespace fg::costdb
