#include "store/row_set.hpp"

#include <charconv>

namespace fg::store {

const std::string& RowSet::text(std::size_t row, std::size_t col) const {
  static const std::string kEmpty;
  const Cell& c = rows_.at(row).at(col);
  return c ? *c : kEmpty;
}

std::int64_t RowSet::int64(std::size_t row, std::size_t col) const {
  return opt_int64(row, col).value_or(0);
}

std::optional<std::int64_t> RowSet::opt_int64(std::size_t row, std::size_t col) const {
  const Cell& c = rows_.at(row).at(col);
  if (!c) return std::nullopt;
  std::int64_t v = 0;
  auto [p, ec] = std::from_chars(c->data(), c->data() + c->size(), v);
  // A column read as an integer that is not one means the query and the schema disagree.
  FG_CHECK(ec == std::errc() && p == c->data() + c->size());
  return v;
}

}  // namespace fg::store
