#include "costdb/schema.hpp"

#include <algorithm>

namespace fg::costdb {
namespace {

using K = ColumnKind;
using L = FocusLevel;
using C = Column;

// Levels and nullability from billing-formats.md §1 (FOCUS 1.0–1.2 column catalogue). Where the
// constraint table and the MUST text disagree (BillingAccountType, PricingCurrency) the text wins.
constexpr std::array<ColumnInfo, kColumnCount> kColumns = {{
    {C::kAvailabilityZone, "AvailabilityZone", K::kString, L::kRecommended, 0, true},
    {C::kBilledCost, "BilledCost", K::kDecimal, L::kMandatory, 0, false},
    {C::kBillingAccountId, "BillingAccountId", K::kString, L::kMandatory, 0, false},
    {C::kBillingAccountName, "BillingAccountName", K::kString, L::kMandatory, 0, true},
    {C::kBillingAccountType, "BillingAccountType", K::kString, L::kConditional, 2, false},
    {C::kBillingCurrency, "BillingCurrency", K::kString, L::kMandatory, 0, false},
    {C::kBillingPeriodEnd, "BillingPeriodEnd", K::kTime, L::kMandatory, 0, false},
    {C::kBillingPeriodStart, "BillingPeriodStart", K::kTime, L::kMandatory, 0, false},
    {C::kCapacityReservationId, "CapacityReservationId", K::kString, L::kConditional, 1, true},
    {C::kCapacityReservationStatus, "CapacityReservationStatus", K::kString, L::kConditional, 1, true},
    {C::kChargeCategory, "ChargeCategory", K::kString, L::kMandatory, 0, false},
    {C::kChargeClass, "ChargeClass", K::kString, L::kMandatory, 0, true},
    {C::kChargeDescription, "ChargeDescription", K::kString, L::kMandatory, 0, true},
    {C::kChargeFrequency, "ChargeFrequency", K::kString, L::kRecommended, 0, false},
    {C::kChargePeriodEnd, "ChargePeriodEnd", K::kTime, L::kMandatory, 0, false},
    {C::kChargePeriodStart, "ChargePeriodStart", K::kTime, L::kMandatory, 0, false},
    {C::kCommitmentDiscountCategory, "CommitmentDiscountCategory", K::kString, L::kConditional, 0, true},
    {C::kCommitmentDiscountId, "CommitmentDiscountId", K::kString, L::kConditional, 0, true},
    {C::kCommitmentDiscountName, "CommitmentDiscountName", K::kString, L::kConditional, 0, true},
    {C::kCommitmentDiscountQuantity, "CommitmentDiscountQuantity", K::kDecimal, L::kConditional, 1, true},
    {C::kCommitmentDiscountStatus, "CommitmentDiscountStatus", K::kString, L::kConditional, 0, true},
    {C::kCommitmentDiscountType, "CommitmentDiscountType", K::kString, L::kConditional, 0, true},
    {C::kCommitmentDiscountUnit, "CommitmentDiscountUnit", K::kString, L::kConditional, 1, true},
    {C::kConsumedQuantity, "ConsumedQuantity", K::kDecimal, L::kConditional, 0, true},
    {C::kConsumedUnit, "ConsumedUnit", K::kString, L::kConditional, 0, true},
    {C::kContractedCost, "ContractedCost", K::kDecimal, L::kMandatory, 0, false},
    {C::kContractedUnitPrice, "ContractedUnitPrice", K::kDecimal, L::kConditional, 0, true},
    {C::kEffectiveCost, "EffectiveCost", K::kDecimal, L::kMandatory, 0, false},
    {C::kInvoiceId, "InvoiceId", K::kString, L::kRecommended, 2, true},
    {C::kInvoiceIssuerName, "InvoiceIssuerName", K::kString, L::kMandatory, 0, false},
    {C::kListCost, "ListCost", K::kDecimal, L::kMandatory, 0, false},
    {C::kListUnitPrice, "ListUnitPrice", K::kDecimal, L::kConditional, 0, true},
    {C::kPricingCategory, "PricingCategory", K::kString, L::kConditional, 0, true},
    {C::kPricingCurrency, "PricingCurrency", K::kString, L::kConditional, 2, false},
    {C::kPricingCurrencyContractedUnitPrice, "PricingCurrencyContractedUnitPrice", K::kDecimal, L::kConditional, 2,
     true},
    {C::kPricingCurrencyEffectiveCost, "PricingCurrencyEffectiveCost", K::kDecimal, L::kConditional, 2, false},
    {C::kPricingCurrencyListUnitPrice, "PricingCurrencyListUnitPrice", K::kDecimal, L::kConditional, 2, true},
    {C::kPricingQuantity, "PricingQuantity", K::kDecimal, L::kMandatory, 0, true},
    {C::kPricingUnit, "PricingUnit", K::kString, L::kMandatory, 0, true},
    {C::kProviderName, "ProviderName", K::kString, L::kMandatory, 0, false},
    {C::kPublisherName, "PublisherName", K::kString, L::kMandatory, 0, false},
    {C::kRegionId, "RegionId", K::kString, L::kConditional, 0, true},
    {C::kRegionName, "RegionName", K::kString, L::kConditional, 0, true},
    {C::kResourceId, "ResourceId", K::kString, L::kConditional, 0, true},
    {C::kResourceName, "ResourceName", K::kString, L::kConditional, 0, true},
    {C::kResourceType, "ResourceType", K::kString, L::kConditional, 0, true},
    {C::kServiceCategory, "ServiceCategory", K::kString, L::kMandatory, 0, false},
    {C::kServiceName, "ServiceName", K::kString, L::kMandatory, 0, false},
    {C::kServiceSubcategory, "ServiceSubcategory", K::kString, L::kRecommended, 1, false},
    {C::kSkuId, "SkuId", K::kString, L::kConditional, 0, true},
    {C::kSkuMeter, "SkuMeter", K::kString, L::kConditional, 1, true},
    {C::kSkuPriceDetails, "SkuPriceDetails", K::kJson, L::kConditional, 1, true},
    {C::kSkuPriceId, "SkuPriceId", K::kString, L::kConditional, 0, true},
    {C::kSubAccountId, "SubAccountId", K::kString, L::kConditional, 0, true},
    {C::kSubAccountName, "SubAccountName", K::kString, L::kConditional, 0, true},
    {C::kSubAccountType, "SubAccountType", K::kString, L::kConditional, 2, true},
    {C::kTags, "Tags", K::kJson, L::kConditional, 0, true},
    {C::kXExtras, "XExtras", K::kJson, L::kNotFocus, 0, true},
    {C::kSourceObject, "SourceObject", K::kString, L::kNotFocus, 0, false},
    {C::kRowNumber, "RowNumber", K::kInt, L::kNotFocus, 0, false},
    {C::kChargeDay, "ChargeDay", K::kInt, L::kNotFocus, 0, false},
}};

constexpr bool table_in_order() {
  for (std::size_t i = 0; i < kColumns.size(); ++i) {
    if (static_cast<std::size_t>(kColumns[i].column) != i) return false;
  }
  return true;
}
static_assert(table_in_order(), "kColumns must list every Column in enum order");

}  // namespace

const ColumnInfo& column_info(Column c) {
  return kColumns[index_of(c)];
}

const std::array<ColumnInfo, kColumnCount>& all_columns() {
  return kColumns;
}

std::optional<Column> column_by_name(std::string_view name) {
  const auto it =
      std::find_if(kColumns.begin(), kColumns.end(), [name](const ColumnInfo& ci) { return ci.name == name; });
  if (it == kColumns.end()) return std::nullopt;
  return it->column;
}

}  // namespace fg::costdb
