// DictionaryBuilder: interns the distinct values of one string column of one segment, giving dense
// codes in first-seen order. Code 0 is the empty string, which the schema uses for null.
//
// Interning is the main cost of ingest (COSTDB-NOTES "Where the time goes"), so this is an
// open-addressing table of (hash, code) pairs over the bytes, compared only on equal hashes, with a
// one-entry cache for the common run of equal values. Not thread-safe.
#pragma once

#include <cstdint>
#include <cstring>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "costdb/text_hash.hpp"

namespace fg::costdb {

//! a[0, n) == b[0, n), without a library call for the short strings most cells are: the equality
//! checks behind every interned cell were the largest single cost of ingest in perf.
inline bool same_bytes(const char* a, const char* b, std::size_t n) {
  if (n >= 8) {
    std::uint64_t x, y;
    std::memcpy(&x, a, 8);
    std::memcpy(&y, b, 8);
    if (x != y) return false;
    std::memcpy(&x, a + n - 8, 8);
    std::memcpy(&y, b + n - 8, 8);
    if (x != y) return false;
    return n <= 16 || std::memcmp(a + 8, b + 8, n - 16) == 0;
  }
  if (n >= 4) {
    std::uint32_t x, y;
    std::memcpy(&x, a, 4);
    std::memcpy(&y, b, 4);
    if (x != y) return false;
    std::memcpy(&x, a + n - 4, 4);
    std::memcpy(&y, b + n - 4, 4);
    return x == y;
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

class DictionaryBuilder {
 public:
  DictionaryBuilder() : slots_(kInitialSlots) {
    values_.emplace_back();
    views_.emplace_back();
    insert_slot(text_hash({}), 0);
  }
  DictionaryBuilder(const DictionaryBuilder&) = delete;
  DictionaryBuilder& operator=(const DictionaryBuilder&) = delete;

  //! The code of `v`, adding it if new. `v` is copied.
  std::uint32_t intern(std::string_view v) {
    if (is_last(v)) return last_code_;
    return intern(v, text_hash(v));
  }

  // The split form lets a caller hash every column of a row and prefetch their slots first, so
  // the cache misses of large dictionaries overlap instead of queueing (the profile's top cost).
  //! True if `v` is the value interned last (its code is last_code()).
  bool is_last(std::string_view v) const {
    return v.size() == last_value_.size() && same_bytes(v.data(), last_value_.data(), v.size());
  }
  //! As is_last(v), with h == text_hash(v): a different hash answers without reading bytes.
  bool is_last(std::string_view v, std::uint64_t h) const { return h == last_hash_ && is_last(v); }
  std::uint32_t last_code() const { return last_code_; }
  void prefetch(std::uint64_t h) const { __builtin_prefetch(&slots_[h & (slots_.size() - 1)]); }
  //! After prefetch(h): prefetches the bytes of the value in h's first slot, the likely match.
  void prefetch_value(std::uint64_t h) const {
    const Slot& s = slots_[h & (slots_.size() - 1)];
    if (s.code != kEmpty && s.hash == h) __builtin_prefetch(s.data);
  }
  //! As intern(v), with h == text_hash(v).
  std::uint32_t intern(std::string_view v, std::uint64_t h) {
    std::size_t i = h & (slots_.size() - 1);
    for (;; i = (i + 1) & (slots_.size() - 1)) {
      const Slot& s = slots_[i];
      if (s.code == kEmpty) break;
      if (s.hash == h && s.size == v.size() && same_bytes(s.data, v.data(), v.size())) {
        return remember(s.code, h);
      }
    }
    const auto code = static_cast<std::uint32_t>(values_.size());
    values_.emplace_back(v);  // deque: existing strings never move, so views_ stay valid
    views_.push_back(values_.back());
    slots_[i] = {h, views_.back().data(), static_cast<std::uint32_t>(v.size()), code};
    if (values_.size() * 2 > slots_.size()) grow();
    return remember(code, h);
  }
  std::size_t size() const { return values_.size(); }
  const std::deque<std::string>& values() const { return values_; }

 private:
  static constexpr std::uint32_t kEmpty = UINT32_MAX;
  static constexpr std::size_t kInitialSlots = 64;
  // The value's bytes are reachable from the slot, so a probe touches the slot and the bytes only.
  struct Slot {
    std::uint64_t hash = 0;
    const char* data = nullptr;
    std::uint32_t size = 0;
    std::uint32_t code = kEmpty;
  };

  std::uint32_t remember(std::uint32_t code, std::uint64_t h) {
    last_value_ = views_[code];
    last_code_ = code;
    last_hash_ = h;
    return code;
  }
  void insert_slot(std::uint64_t h, std::uint32_t code) { insert_slot(Slot{h, views_[code].data(), 0, code}); }
  void insert_slot(const Slot& s) {
    std::size_t i = s.hash & (slots_.size() - 1);
    while (slots_[i].code != kEmpty) i = (i + 1) & (slots_.size() - 1);
    slots_[i] = s;
  }
  void grow() {
    std::vector<Slot> old(slots_.size() * 2);
    old.swap(slots_);
    for (const Slot& s : old) {
      if (s.code != kEmpty) insert_slot(s);
    }
  }

  std::deque<std::string> values_;
  std::vector<std::string_view> views_;  //!< values_ as one contiguous array: one cache line per compare
  std::vector<Slot> slots_;
  std::string_view last_value_;
  std::uint32_t last_code_ = 0;
  std::uint64_t last_hash_ = text_hash({});
};

}  // namespace fg::costdb
