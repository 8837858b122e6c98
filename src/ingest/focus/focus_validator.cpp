#include "ingest/focus/focus_validator.hpp"

#include <algorithm>
#include <array>
#include <initializer_list>
#include <string_view>

namespace fg::ingest {

using costdb::Column;
using costdb::ColumnKind;

namespace {

struct AllowedValues {
  Column column;
  std::initializer_list<std::string_view> values;
};

// Exact-case value lists of FOCUS 1.0–1.2 (billing-formats.md §1).
const std::array<AllowedValues, 8> kAllowed = {{
    {Column::kChargeCategory, {"Usage", "Purchase", "Tax", "Credit", "Adjustment"}},
    {Column::kChargeClass, {"Correction"}},
    {Column::kChargeFrequency, {"One-Time", "Recurring", "Usage-Based"}},
    {Column::kPricingCategory, {"Standard", "Dynamic", "Committed", "Other"}},
    {Column::kCommitmentDiscountCategory, {"Spend", "Usage"}},
    {Column::kCommitmentDiscountStatus, {"Used", "Unused"}},
    {Column::kCapacityReservationStatus, {"Used", "Unused"}},
    {Column::kServiceCategory,
     {"AI and Machine Learning", "Analytics", "Business Applications", "Compute", "Databases", "Developer Tools",
      "Multicloud", "Identity", "Integration", "Internet of Things", "Management and Governance", "Media", "Migration",
      "Mobile", "Networking", "Security", "Storage", "Web", "Other"}},
}};

// Columns FOCUS requires null on Tax rows and non-null on non-correction Usage/Purchase rows.
constexpr std::array<Column, 7> kPricingColumns = {
    Column::kPricingQuantity, Column::kPricingUnit, Column::kListUnitPrice, Column::kContractedUnitPrice,
    Column::kPricingCategory, Column::kSkuId,       Column::kSkuPriceId};

bool is_null(CellState s) {
  return s == CellState::kNull || s == CellState::kNullToken || s == CellState::kBadJson;
}

}  // namespace

void FocusValidator::check_row(const ParsedRow& row, std::uint64_t line, ConformanceReport& out) const {
  if (row.field_count_mismatch) {
    out.add("row.field_count", "", Severity::kError, "the record has a different number of fields than the header",
            line);
  }
  const costdb::LineItem& item = row.item;
  for (const costdb::ColumnInfo& ci : costdb::all_columns()) {
    if (ci.level == costdb::FocusLevel::kNotFocus) continue;
    const CellState s = row.cell(ci.column);
    const std::string_view name = ci.name;
    switch (s) {
      case CellState::kAbsent:
      case CellState::kValue: break;
      case CellState::kNullToken:
        out.add("null.placeholder", name, Severity::kError, "null must be an empty cell, not NULL/null", line);
        break;
      case CellState::kLenientTime:
      case CellState::kBadTime:
        out.add("format.datetime", name, Severity::kError, "date/time must be YYYY-MM-DDTHH:MM:SSZ (UTC)", line);
        break;
      case CellState::kPlusSign:
      case CellState::kBadDecimal:
        out.add("format.decimal", name, Severity::kError, "a FOCUS number: [-]digits[.digits][E[-]digits]", line);
        break;
      case CellState::kBadJson:
        out.add("format.json", name, Severity::kError, "a JSON object with scalar values", line);
        break;
      case CellState::kBadUtf8:
        out.add("format.utf8", name, Severity::kError, "text must be UTF-8 (read with U+FFFD replacements)", line);
        break;
      case CellState::kNull: break;
    }
    if (s != CellState::kAbsent && !ci.nullable && is_null(s)) {
      out.add("value.not_null", name, Severity::kError, "the column must not be null", line);
    }
  }
  for (const AllowedValues& a : kAllowed) {
    const std::string_view v = item.get_text(a.column);
    if (v.empty()) continue;
    if (std::find(a.values.begin(), a.values.end(), v) == a.values.end()) {
      out.add("value.allowed", std::string(costdb::column_info(a.column).name), Severity::kError,
              "the value is not one of the allowed values (exact case)", line);
    }
  }
  const std::string_view currency = item.get_text(Column::kBillingCurrency);
  if (!currency.empty() && (currency.size() != 3 || !std::all_of(currency.begin(), currency.end(),
                                                                 [](char c) { return c >= 'A' && c <= 'Z'; }))) {
    out.add("value.currency_code", "BillingCurrency", Severity::kError, "an ISO 4217 three-letter code", line);
  }

  auto period_check = [&](Column start, Column end, const char* name) {
    const std::int64_t s = item.get_seconds(start), e = item.get_seconds(end);
    if (s != costdb::kNullTime && e != costdb::kNullTime && s >= e) {
      out.add("period.order", name, Severity::kError, "the start must be before the (exclusive) end", line);
    }
  };
  period_check(Column::kChargePeriodStart, Column::kChargePeriodEnd, "ChargePeriod");
  period_check(Column::kBillingPeriodStart, Column::kBillingPeriodEnd, "BillingPeriod");
  const std::int64_t cs = item.get_seconds(Column::kChargePeriodStart),
                     bs = item.get_seconds(Column::kBillingPeriodStart),
                     be = item.get_seconds(Column::kBillingPeriodEnd);
  if (cs != costdb::kNullTime && bs != costdb::kNullTime && be != costdb::kNullTime && (cs < bs || cs >= be)) {
    out.add("period.charge_within_billing", "ChargePeriodStart", Severity::kWarning,
            "the charge period should lie within the billing period", line);
  }

  const std::string_view category = item.get_text(Column::kChargeCategory);
  const bool correction = !item.get_text(Column::kChargeClass).empty();
  for (Column c : kPricingColumns) {
    if (!header_.has(c)) continue;
    const bool null = is_null(row.cell(c));
    if (category == "Tax" && !null) {
      out.add("gate.tax_nulls", std::string(costdb::column_info(c).name), Severity::kError, "must be null on Tax rows",
              line);
    }
    if ((category == "Usage" || category == "Purchase") && !correction && null) {
      out.add("gate.usage_purchase_fields", std::string(costdb::column_info(c).name), Severity::kError,
              "must be set on non-correction Usage and Purchase rows", line);
    }
  }
  if (header_.has(Column::kConsumedQuantity) && !is_null(row.cell(Column::kConsumedQuantity)) && !category.empty() &&
      category != "Usage") {
    out.add("gate.consumed_quantity", "ConsumedQuantity", Severity::kError,
            "must be null unless ChargeCategory is Usage", line);
  }
  if (category == "Purchase" && item.get_text(Column::kChargeFrequency) == "Usage-Based") {
    out.add("gate.purchase_frequency", "ChargeFrequency", Severity::kError, "a Purchase is never Usage-Based", line);
  }

  const bool has_cd = !item.get_text(Column::kCommitmentDiscountId).empty();
  for (Column c :
       {Column::kCommitmentDiscountCategory, Column::kCommitmentDiscountType, Column::kCommitmentDiscountStatus}) {
    if (!header_.has(c) || !header_.has(Column::kCommitmentDiscountId)) continue;
    const bool set = !item.get_text(c).empty();
    const bool required = c != Column::kCommitmentDiscountStatus || category == "Usage";
    if ((set && !has_cd) || (!set && has_cd && required)) {
      out.add("pair.commitment_discount", std::string(costdb::column_info(c).name), Severity::kError,
              "must be set exactly when CommitmentDiscountId is set", line);
    }
  }
  if (header_.has(Column::kResourceId) && item.get_text(Column::kResourceId).empty()) {
    for (Column c : {Column::kResourceType, Column::kResourceName}) {
      if (!item.get_text(c).empty()) {
        out.add("pair.resource", std::string(costdb::column_info(c).name), Severity::kError,
                "must be null when ResourceId is null", line);
      }
    }
  }
}

}  // namespace fg::ingest
