// LineItem: one cost line item on its way into the store, as fixed arrays indexed by Column.
//
// Text cells are views into the caller's buffers and must stay valid until the row is appended;
// the store copies what it keeps. A LineItem is reused across rows: clear() resets it cheaply.
#pragma once

#include <array>
#include <bitset>
#include <cstdint>
#include <string_view>
#include <vector>

#include "core/money.hpp"
#include "costdb/schema.hpp"
#include "costdb/text_hash.hpp"

namespace fg::costdb {

struct LineItem {
  std::array<std::string_view, kColumnCount> text{};  //!< string and JSON columns; empty is null
  std::array<Money, kColumnCount> money{};            //!< decimal columns
  std::bitset<kColumnCount> money_present;            //!< decimal column is non-null
  std::array<std::int64_t, kColumnCount> seconds{};   //!< time columns (kNullTime) and int columns
  //! text_hash() of each text cell, valid when `hashed`: a parse worker fills it (hash_text()) so
  //! the one thread that interns strings into the store's dictionaries does not also hash them.
  std::array<std::uint64_t, kColumnCount> text_hashes{};
  bool hashed = false;

  //! Every cell null, ints zero.
  void clear() {
    hashed = false;
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
  //! Fills text_hashes; call after the last change to `text`.
  void hash_text() {
    static const std::vector<std::size_t> text_columns = [] {
      std::vector<std::size_t> out;
      for (std::size_t i = 0; i < kColumnCount; ++i) {
        if (is_dictionary(static_cast<Column>(i))) out.push_back(i);
      }
      return out;
    }();
    for (const std::size_t i : text_columns) text_hashes[i] = text_hash(text[i]);
    hashed = true;
  }
  std::int64_t get_seconds(Column c) const { return seconds[index_of(c)]; }
};

}  // namespace fg::costdb
