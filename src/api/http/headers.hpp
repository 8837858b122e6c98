// Headers: the header fields of one HTTP message, looked up case-insensitively (RFC 9110 §5.1).
//
// A small ordered vector: requests carry a few dozen fields at most (the server refuses more), so a
// linear scan beats a map and keeps the order the client sent.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace fg::api {

//! True when `a` and `b` are equal ignoring ASCII case.
bool iequals(std::string_view a, std::string_view b);

class Headers {
 public:
  using Entry = std::pair<std::string, std::string>;

  //! Appends a field (a repeated name keeps both values, in order).
  void add(std::string name, std::string value);
  //! Replaces every field named `name` with one field.
  void set(std::string name, std::string value);
  //! Removes every field named `name`.
  void remove(std::string_view name);
  //! The first value of `name`, if present.
  std::optional<std::string_view> get(std::string_view name) const;
  bool has(std::string_view name) const { return get(name).has_value(); }
  //! How many fields named `name` there are (duplicate Content-Length, Host, ... are refused).
  std::size_t count(std::string_view name) const;

  std::size_t size() const { return entries_.size(); }
  const std::vector<Entry>& entries() const { return entries_; }

 private:
  std::vector<Entry> entries_;
};

}  // namespace fg::api
