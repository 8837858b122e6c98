// FocusValidator: the row-level FOCUS 1.0–1.2 conformance rules (billing-formats.md §3), applied to
// rows already parsed by RowParser. Rules (severity: error = a MUST, warning = a SHOULD):
//   row.field_count            the record's field count differs from the header's
//   format.decimal             a Decimal cell is not a FOCUS number (incl. a '+' sign)
//   format.datetime            a Date/Time cell is not YYYY-MM-DDTHH:MM:SSZ
//   format.json                Tags/SkuPriceDetails is not a JSON object of scalar values
//   null.placeholder           NULL/null written instead of an empty cell
//   value.not_null             a non-nullable column is null
//   value.allowed              a value outside the allowed list (ChargeCategory, ChargeClass,
//                              ChargeFrequency, PricingCategory, CommitmentDiscountCategory/Status,
//                              CapacityReservationStatus, ServiceCategory)
//   value.currency_code        BillingCurrency is not a three-letter upper-case code
//   period.order               a period's start is not before its end
//   period.charge_within_billing (warning) the charge period leaves the billing period
//   gate.tax_nulls             a Tax row has pricing/SKU columns set
//   gate.usage_purchase_fields a non-correction Usage/Purchase row lacks pricing/SKU columns
//   gate.consumed_quantity     ConsumedQuantity set on a non-Usage row
//   gate.purchase_frequency    a Purchase row is Usage-Based
//   pair.commitment_discount   CommitmentDiscountCategory/Type/Status set without an Id, or
//                              Category/Type missing with one
//   pair.resource              ResourceType/ResourceName set without a ResourceId
// Not evaluated (need invoices or price lists, or 256-bit products): unit price × quantity = cost,
// invoice totals, price-list matches, dataset-level consistency. Thread-compatible.
#pragma once

#include <cstdint>

#include "ingest/focus/conformance_report.hpp"
#include "ingest/focus/focus_header.hpp"
#include "ingest/focus/row_parser.hpp"

namespace fg::ingest {

class FocusValidator {
 public:
  explicit FocusValidator(const FocusHeader& header) : header_(header) {}

  //! Adds every rule `row` (at physical line `line`) violates to `findings`.
  void check_row(const ParsedRow& row, std::uint64_t line, ConformanceReport& findings) const;

 private:
  const FocusHeader& header_;
};

}  // namespace fg::ingest
