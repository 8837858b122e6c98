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

namespace fg::costdb {

//! A fast non-cryptographic hash of `s` (multiply-xorshift over 8-byte words).
inline std::uint64_t dictionary_hash(std::string_view s) {
  constexpr std::uint64_t kMul = 0x9E3779B97F4A7C15ULL;
  std::uint64_t h = 0x243F6A8885A308D3ULL ^ (s.size() * kMul);
  const char* p = s.data();
  std::size_t n = s.size();
  while (n >= 8) {
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    h = (h ^ w) * kMul;
    h ^= h >> 29;
    p += 8;
    n -= 8;
  }
  if (n) {
    std::uint64_t w = 0;
    std::memcpy(&w, p, n);
    h = (h ^ w) * kMul;
    h ^= h >> 29;
  }
  h *= 0xBF58476D1CE4E5B9ULL;
  return h ^ (h >> 31);
}

class DictionaryBuilder {
 public:
  DictionaryBuilder() : slots_(kInitialSlots) {
    values_.emplace_back();
    insert_slot(dictionary_hash({}), 0);
  }
  DictionaryBuilder(const DictionaryBuilder&) = delete;
  DictionaryBuilder& operator=(const DictionaryBuilder&) = delete;

  //! The code of `v`, adding it if new. `v` is copied.
  std::uint32_t intern(std::string_view v) {
    if (v.size() == last_value_.size() && (v.empty() || std::memcmp(v.data(), last_value_.data(), v.size()) == 0)) {
      return last_code_;
    }
    const std::uint64_t h = dictionary_hash(v);
    std::size_t i = h & (slots_.size() - 1);
    for (;; i = (i + 1) & (slots_.size() - 1)) {
      const Slot& s = slots_[i];
      if (s.code == kEmpty) break;
      if (s.hash == h && values_[s.code] == v) return remember(s.code);
    }
    const auto code = static_cast<std::uint32_t>(values_.size());
    values_.emplace_back(v);  // deque: existing strings never move
    slots_[i] = {h, code};
    if (values_.size() * 2 > slots_.size()) grow();
    return remember(code);
  }
  std::size_t size() const { return values_.size(); }
  const std::deque<std::string>& values() const { return values_; }

 private:
  static constexpr std::uint32_t kEmpty = UINT32_MAX;
  static constexpr std::size_t kInitialSlots = 64;
  struct Slot {
    std::uint64_t hash = 0;
    std::uint32_t code = kEmpty;
  };

  std::uint32_t remember(std::uint32_t code) {
    last_value_ = values_[code];
    last_code_ = code;
    return code;
  }
  void insert_slot(std::uint64_t h, std::uint32_t code) {
    std::size_t i = h & (slots_.size() - 1);
    while (slots_[i].code != kEmpty) i = (i + 1) & (slots_.size() - 1);
    slots_[i] = {h, code};
  }
  void grow() {
    std::vector<Slot> old(slots_.size() * 2);
    old.swap(slots_);
    for (const Slot& s : old) {
      if (s.code != kEmpty) insert_slot(s.hash, s.code);
    }
  }

  std::deque<std::string> values_;
  std::vector<Slot> slots_;
  std::string_view last_value_;
  std::uint32_t last_code_ = 0;
};

}  // namespace fg::costdb
