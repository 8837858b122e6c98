#include "costdb/segment/segment_format.hpp"

#include <array>

namespace fg::costdb {
namespace {

// Copied from schema.cpp's table as of format version 1 (commit 041c3c9); kept apart from it on purpose.
constexpr std::array<StoredColumn, 61> kVersion1Columns = {{
    {"AvailabilityZone", ColumnKind::kString},
    {"BilledCost", ColumnKind::kDecimal},
    {"BillingAccountId", ColumnKind::kString},
    {"BillingAccountName", ColumnKind::kString},
    {"BillingAccountType", ColumnKind::kString},
    {"BillingCurrency", ColumnKind::kString},
    {"BillingPeriodEnd", ColumnKind::kTime},
    {"BillingPeriodStart", ColumnKind::kTime},
    {"CapacityReservationId", ColumnKind::kString},
    {"CapacityReservationStatus", ColumnKind::kString},
    {"ChargeCategory", ColumnKind::kString},
    {"ChargeClass", ColumnKind::kString},
    {"ChargeDescription", ColumnKind::kString},
    {"ChargeFrequency", ColumnKind::kString},
    {"ChargePeriodEnd", ColumnKind::kTime},
    {"ChargePeriodStart", ColumnKind::kTime},
    {"CommitmentDiscountCategory", ColumnKind::kString},
    {"CommitmentDiscountId", ColumnKind::kString},
    {"CommitmentDiscountName", ColumnKind::kString},
    {"CommitmentDiscountQuantity", ColumnKind::kDecimal},
    {"CommitmentDiscountStatus", ColumnKind::kString},
    {"CommitmentDiscountType", ColumnKind::kString},
    {"CommitmentDiscountUnit", ColumnKind::kString},
    {"ConsumedQuantity", ColumnKind::kDecimal},
    {"ConsumedUnit", ColumnKind::kString},
    {"ContractedCost", ColumnKind::kDecimal},
    {"ContractedUnitPrice", ColumnKind::kDecimal},
    {"EffectiveCost", ColumnKind::kDecimal},
    {"InvoiceId", ColumnKind::kString},
    {"InvoiceIssuerName", ColumnKind::kString},
    {"ListCost", ColumnKind::kDecimal},
    {"ListUnitPrice", ColumnKind::kDecimal},
    {"PricingCategory", ColumnKind::kString},
    {"PricingCurrency", ColumnKind::kString},
    {"PricingCurrencyContractedUnitPrice", ColumnKind::kDecimal},
    {"PricingCurrencyEffectiveCost", ColumnKind::kDecimal},
    {"PricingCurrencyListUnitPrice", ColumnKind::kDecimal},
    {"PricingQuantity", ColumnKind::kDecimal},
    {"PricingUnit", ColumnKind::kString},
    {"ProviderName", ColumnKind::kString},
    {"PublisherName", ColumnKind::kString},
    {"RegionId", ColumnKind::kString},
    {"RegionName", ColumnKind::kString},
    {"ResourceId", ColumnKind::kString},
    {"ResourceName", ColumnKind::kString},
    {"ResourceType", ColumnKind::kString},
    {"ServiceCategory", ColumnKind::kString},
    {"ServiceName", ColumnKind::kString},
    {"ServiceSubcategory", ColumnKind::kString},
    {"SkuId", ColumnKind::kString},
    {"SkuMeter", ColumnKind::kString},
    {"SkuPriceDetails", ColumnKind::kJson},
    {"SkuPriceId", ColumnKind::kString},
    {"SubAccountId", ColumnKind::kString},
    {"SubAccountName", ColumnKind::kString},
    {"SubAccountType", ColumnKind::kString},
    {"Tags", ColumnKind::kJson},
    {"XExtras", ColumnKind::kJson},
    {"SourceObject", ColumnKind::kString},
    {"RowNumber", ColumnKind::kInt},
    {"ChargeDay", ColumnKind::kInt},
}};

}  // namespace

std::span<const StoredColumn> version1_columns() {
  return kVersion1Columns;
}

}  // namespace fg::costdb
