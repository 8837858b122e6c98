// Helpers for cost store tests: LineItems with owned text.
#pragma once

#include <deque>
#include <string>

#include "core/time.hpp"
#include "costdb/cost_store.hpp"

namespace fg::costdb::test {

inline std::int64_t at(const char* iso) {
  return parse_timestamp(iso, TimeSyntax::kFocus)->seconds();
}
inline Money money(const char* text) {
  return Money::parse(text)->value;
}

//! Builds rows whose strings live as long as the builder.
class RowBuilder {
 public:
  LineItem& row(const char* period, const char* charge_start, const char* service, const char* billed,
                const char* currency = "USD") {
    item_.clear();
    text(Column::kBillingCurrency, currency);
    text(Column::kServiceName, service);
    item_.seconds[index_of(Column::kBillingPeriodStart)] = at(period);
    item_.seconds[index_of(Column::kChargePeriodStart)] = at(charge_start);
    item_.seconds[index_of(Column::kChargeDay)] = Timestamp::from_seconds(at(charge_start)).day_number();
    item_.set_money(Column::kBilledCost, money(billed));
    item_.set_money(Column::kEffectiveCost, money(billed));
    return item_;
  }
  LineItem& text(Column c, const std::string& v) {
    store_.push_back(v);
    item_.text[index_of(c)] = store_.back();
    return item_;
  }

 private:
  LineItem item_;
  std::deque<std::string> store_;
};

}  // namespace fg::costdb::test
