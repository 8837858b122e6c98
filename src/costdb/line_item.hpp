// LineItem: one cost line item on its way into the store, as fixed arrays indexed by Column.
//
// Text cells are views into the caller's buffers and must stay valid until the row is appended;
// the store copies what it keeps. A LineItem is reused across rows: clear() resets it cheaply.
#pragma once

#include <array>
#include <bitset>
#include <cstdint>
#include <string_view>

#include "core/money.hpp"
#include "costdb/schema.hpp"

namespace fg::costdb {

struct LineItem {
  std::array<std::string_view, kColumnCount> text{};  //!< string and JSON columns; empty is null
  std::array<Money, kColumnCount> money{};            //!< decimal columns
  std::bitset<kColumnCount> money_present;            //!< decimal column is non-null
  std::array<std::int64_t, kColumnCount> seconds{};   //!< time columns (kNullTime) and int columns

  //! Every cell null, ints zero.
  void clear() {
    text.fill({});
    money_present.reset();
    seconds.fill(kNullTime);
    seconds[index_of(Column::kRowNumber)] = 0;
    seconds[index_of(Column::kChargeDay)] = 0;
  }

  void set_money(Column c, Money m) {
    money[index_of(c)] = m;
    money_present.set(index_of(c));
  }
  bool has_money(Column c) const { return money_present.test(index_of(c)); }
  std::string_view get_text(Column c) const { return text[index_of(c)]; }
  std::int64_t get_seconds(Column c) const { return seconds[index_of(c)]; }
};

}  // namespace fg::costdb
