// DictionaryBuilder: interns the distinct values of one string column of one segment, giving dense
// codes in first-seen order. Code 0 is the empty string, which the schema uses for null.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace fg::costdb {

class DictionaryBuilder {
 public:
  DictionaryBuilder() {
    values_.emplace_back();
    index_.emplace(std::string_view(values_.front()), 0);
  }
  DictionaryBuilder(const DictionaryBuilder&) = delete;
  DictionaryBuilder& operator=(const DictionaryBuilder&) = delete;

  //! The code of `v`, adding it if new. `v` is copied.
  std::uint32_t intern(std::string_view v) {
    // Consecutive rows usually repeat a value (same account, same service): skip the hash.
    if (v == last_value_) return last_code_;
    auto it = index_.find(v);
    std::uint32_t code;
    if (it != index_.end()) {
      code = it->second;
    } else {
      code = static_cast<std::uint32_t>(values_.size());
      values_.emplace_back(v);  // deque: existing strings never move, so the views stay valid
      index_.emplace(std::string_view(values_.back()), code);
    }
    last_value_ = values_[code];
    last_code_ = code;
    return code;
  }
  std::size_t size() const { return values_.size(); }
  const std::deque<std::string>& values() const { return values_; }

 private:
  std::deque<std::string> values_;
  std::unordered_map<std::string_view, std::uint32_t> index_;
  std::string_view last_value_;
  std::uint32_t last_code_ = 0;
};

}  // namespace fg::costdb
