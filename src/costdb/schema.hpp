// The cost store's schema: every FOCUS 1.0–1.2 column, plus the columns the store adds itself.
//
// Columns are identified by `Column`, a dense enum, so a row is a set of fixed arrays indexed by it.
// Kinds decide the physical encoding: strings and JSON objects (Tags, SkuPriceDetails, x_ extras) are
// dictionary-encoded per segment, decimals are fg::Money, date/times are UTC epoch seconds.
// Added columns: `XExtras` (every `x_` or otherwise non-FOCUS column as a canonical JSON object),
// `SourceObject` and `RowNumber` (provenance: which file and which data row of it), and `ChargeDay`
// (ChargePeriodStart's day number, so day-grain grouping never touches calendars).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace fg::costdb {

enum class ColumnKind : std::uint8_t {
  kString,   //!< dictionary-encoded text; the empty string is null
  kJson,     //!< a JSON object kept as canonical text, dictionary-encoded; empty is null
  kDecimal,  //!< fg::Money with a null flag
  kTime,     //!< UTC epoch seconds; kNullTime is null
  kInt,      //!< int64 (provenance and derived columns), never null
};

// Alphabetical FOCUS 1.2 columns first (the validator walks them in order), then the added ones.
enum class Column : std::uint8_t {
  kAvailabilityZone,
  kBilledCost,
  kBillingAccountId,
  kBillingAccountName,
  kBillingAccountType,
  kBillingCurrency,
  kBillingPeriodEnd,
  kBillingPeriodStart,
  kCapacityReservationId,
  kCapacityReservationStatus,
  kChargeCategory,
  kChargeClass,
  kChargeDescription,
  kChargeFrequency,
  kChargePeriodEnd,
  kChargePeriodStart,
  kCommitmentDiscountCategory,
  kCommitmentDiscountId,
  kCommitmentDiscountName,
  kCommitmentDiscountQuantity,
  kCommitmentDiscountStatus,
  kCommitmentDiscountType,
  kCommitmentDiscountUnit,
  kConsumedQuantity,
  kConsumedUnit,
  kContractedCost,
  kContractedUnitPrice,
  kEffectiveCost,
  kInvoiceId,
  kInvoiceIssuerName,
  kListCost,
  kListUnitPrice,
  kPricingCategory,
  kPricingCurrency,
  kPricingCurrencyContractedUnitPrice,
  kPricingCurrencyEffectiveCost,
  kPricingCurrencyListUnitPrice,
  kPricingQuantity,
  kPricingUnit,
  kProviderName,
  kPublisherName,
  kRegionId,
  kRegionName,
  kResourceId,
  kResourceName,
  kResourceType,
  kServiceCategory,
  kServiceName,
  kServiceSubcategory,
  kSkuId,
  kSkuMeter,
  kSkuPriceDetails,
  kSkuPriceId,
  kSubAccountId,
  kSubAccountName,
  kSubAccountType,
  kTags,
  kXExtras,
  kSourceObject,
  kRowNumber,
  kChargeDay,
};

inline constexpr std::size_t kColumnCount = static_cast<std::size_t>(Column::kChargeDay) + 1;
inline constexpr std::size_t kFocusColumnCount = static_cast<std::size_t>(Column::kTags) + 1;
inline constexpr std::int64_t kNullTime = INT64_MIN;

//! Since which FOCUS version a column exists, and whether it is Mandatory there.
enum class FocusLevel : std::uint8_t { kMandatory, kConditional, kRecommended, kNotFocus };

struct ColumnInfo {
  Column column;
  std::string_view name;  //!< exact FOCUS column id, or the store's own name
  ColumnKind kind;
  FocusLevel level;
  std::uint8_t since_minor;  //!< FOCUS 1.<since_minor> introduced it
  bool nullable;             //!< "Allows nulls" per the MUST text (billing-formats.md §1)
};

//! The static description of `c`. Thread-safe.
const ColumnInfo& column_info(Column c);
//! The whole table, in Column order.
const std::array<ColumnInfo, kColumnCount>& all_columns();
//! The column named exactly `name` (FOCUS columns and XExtras/SourceObject/RowNumber/ChargeDay).
std::optional<Column> column_by_name(std::string_view name);

inline constexpr std::size_t index_of(Column c) {
  return static_cast<std::size_t>(c);
}
inline ColumnKind kind_of(Column c) {
  return column_info(c).kind;
}
//! True for kinds stored as dictionary codes (strings and JSON).
constexpr bool is_dictionary_kind(ColumnKind k) {
  return k == ColumnKind::kString || k == ColumnKind::kJson;
}
inline bool is_dictionary(Column c) {
  return is_dictionary_kind(kind_of(c));
}

}  // namespace fg::costdb
