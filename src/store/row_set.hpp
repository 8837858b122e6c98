// RowSet: the rows a query returned, read by column index.
//
//   Result<RowSet> rs = tx.query("SELECT id, name FROM orgs WHERE slug = $1", {slug});
//   for (std::size_t r = 0; r < rs->size(); ++r) use(rs->text(r, 0), rs->text(r, 1));
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace fg::store {

class RowSet {
 public:
  using Cell = std::optional<std::string>;  //!< nullopt = NULL; bytes for BLOB/BYTEA columns

  RowSet() = default;
  explicit RowSet(std::vector<std::string> columns) : columns_(std::move(columns)) {}

  std::size_t size() const { return rows_.size(); }
  bool empty() const { return rows_.empty(); }
  const std::vector<std::string>& columns() const { return columns_; }

  bool is_null(std::size_t row, std::size_t col) const { return !rows_.at(row).at(col).has_value(); }
  //! Text of a cell; "" for NULL.
  const std::string& text(std::size_t row, std::size_t col) const;
  //! Integer of a cell; 0 for NULL. Aborts on a non-integer (a schema bug, not input).
  std::int64_t int64(std::size_t row, std::size_t col) const;
  //! The optional form of text().
  std::optional<std::string> opt_text(std::size_t row, std::size_t col) const { return rows_.at(row).at(col); }
  std::optional<std::int64_t> opt_int64(std::size_t row, std::size_t col) const;

  //! For backends filling the set.
  void add_row(std::vector<Cell> row) { rows_.push_back(std::move(row)); }

 private:
  std::vector<std::string> columns_;
  std::vector<std::vector<Cell>> rows_;
};

}  // namespace fg::store
