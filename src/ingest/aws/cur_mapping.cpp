#include "ingest/aws/cur_mapping.hpp"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "ingest/native/native_row.hpp"
#include "ingest/native/service_category.hpp"

namespace fg::ingest::aws {

using costdb::Column;
using native::NativeRow;
using native::SourceColumns;

namespace {

// The fields a row reads, found once per file (-1: the file has no such column).
struct CurFields {
  int line_item_type, unblended_cost, net_unblended_cost, currency, usage_start, usage_end, time_interval;
  int period_start, period_end, invoice_id, invoicing_entity, bill_type, payer_account, payer_account_name;
  int usage_account, usage_account_name, product_code, usage_type, operation, availability_zone, usage_amount;
  int unblended_rate, net_unblended_rate, description, legal_entity, resource_id, product_name, region_code, region;
  int location, sku, rate_code, rate_id, public_cost, public_rate, pricing_term, pricing_unit;
  int ri_arn, ri_effective_cost, ri_unused_upfront, ri_unused_recurring;
  int sp_arn, sp_effective_cost, sp_total_commitment, sp_used_commitment;
  int tags_map;  // CUR 2.0 `resource_tags`
  struct TagColumn {
    int field;
    std::string key;
  };
  std::vector<TagColumn> tag_columns;  // legacy `resourceTags/user:<key>`, Athena `resource_tags_user_<key>`
};

CurFields bind(const SourceColumns& c, const CsvRecord& header) {
  CurFields f{};
  f.line_item_type = c.find("line_item_line_item_type");
  f.unblended_cost = c.find("line_item_unblended_cost");
  f.net_unblended_cost = c.find("line_item_net_unblended_cost");
  f.currency = c.find("line_item_currency_code");
  f.usage_start = c.find("line_item_usage_start_date");
  f.usage_end = c.find("line_item_usage_end_date");
  f.time_interval = c.find("identity_time_interval");
  f.period_start = c.find("bill_billing_period_start_date");
  f.period_end = c.find("bill_billing_period_end_date");
  f.invoice_id = c.find("bill_invoice_id");
  f.invoicing_entity = c.find("bill_invoicing_entity");
  f.bill_type = c.find("bill_bill_type");
  f.payer_account = c.find("bill_payer_account_id");
  f.payer_account_name = c.find("bill_payer_account_name");
  f.usage_account = c.find("line_item_usage_account_id");
  f.usage_account_name = c.find("line_item_usage_account_name");
  f.product_code = c.find("line_item_product_code");
  f.usage_type = c.find("line_item_usage_type");
  f.operation = c.find("line_item_operation");
  f.availability_zone = c.find("line_item_availability_zone");
  f.usage_amount = c.find("line_item_usage_amount");
  f.unblended_rate = c.find("line_item_unblended_rate");
  f.net_unblended_rate = c.find("line_item_net_unblended_rate");
  f.description = c.find("line_item_line_item_description");
  f.legal_entity = c.find("line_item_legal_entity");
  f.resource_id = c.find("line_item_resource_id");
  f.product_name = c.find_any({"product_product_name", "product_name"});
  f.region_code = c.find_any({"product_region_code", "product_regioncode"});
  f.region = c.find("product_region");
  f.location = c.find("product_location");
  f.sku = c.find("product_sku");
  f.rate_code = c.find("pricing_rate_code");
  f.rate_id = c.find("pricing_rate_id");
  f.public_cost = c.find("pricing_public_on_demand_cost");
  f.public_rate = c.find("pricing_public_on_demand_rate");
  f.pricing_term = c.find("pricing_term");
  f.pricing_unit = c.find("pricing_unit");
  f.ri_arn = c.find("reservation_reservation_a_r_n");
  f.ri_effective_cost = c.find("reservation_effective_cost");
  f.ri_unused_upfront = c.find("reservation_unused_amortized_upfront_fee_for_billing_period");
  f.ri_unused_recurring = c.find("reservation_unused_recurring_fee");
  f.sp_arn = c.find("savings_plan_savings_plan_a_r_n");
  f.sp_effective_cost = c.find("savings_plan_savings_plan_effective_cost");
  f.sp_total_commitment = c.find("savings_plan_total_commitment_to_date");
  f.sp_used_commitment = c.find("savings_plan_used_commitment");
  f.tags_map = c.find("resource_tags");
  for (std::size_t i = 0; i < header.fields.size(); ++i) {
    const std::string_view name = header.fields[i];
    for (std::string_view prefix : {"resourceTags/user:", "resource_tags_user_"}) {
      if (name.starts_with(prefix) && name.size() > prefix.size()) {
        f.tag_columns.push_back({static_cast<int>(i), std::string(name.substr(prefix.size()))});
      }
    }
    if (name.starts_with("resourceTags/aws:")) {  // AWS-generated tags keep their prefix
      f.tag_columns.push_back(
          {static_cast<int>(i), std::string(name.substr(std::string_view("resourceTags/").size()))});
    }
  }
  return f;
}

enum class LineType {
  kUsage,
  kDiscountedUsage,
  kSavingsPlanCoveredUsage,
  kSavingsPlanNegation,
  kSavingsPlanUpfrontFee,
  kSavingsPlanRecurringFee,
  kRiFee,
  kFee,
  kTax,
  kCredit,
  kRefund,
  kDiscount,
  kUnknown,
};

LineType line_type(std::string_view t) {
  if (t == "Usage") return LineType::kUsage;
  if (t == "DiscountedUsage") return LineType::kDiscountedUsage;
  if (t == "SavingsPlanCoveredUsage") return LineType::kSavingsPlanCoveredUsage;
  if (t == "SavingsPlanNegation") return LineType::kSavingsPlanNegation;
  if (t == "SavingsPlanUpfrontFee") return LineType::kSavingsPlanUpfrontFee;
  if (t == "SavingsPlanRecurringFee") return LineType::kSavingsPlanRecurringFee;
  if (t == "RIFee") return LineType::kRiFee;
  if (t == "Fee") return LineType::kFee;
  if (t == "Tax") return LineType::kTax;
  if (t == "Credit") return LineType::kCredit;
  if (t == "Refund") return LineType::kRefund;
  if (t == "Discount" || t == "BundledDiscount" || t == "EdpDiscount" || t == "PrivateRateDiscount" ||
      t == "DistributorDiscount") {
    return LineType::kDiscount;
  }
  return LineType::kUnknown;
}

bool is_usage(LineType t) {
  return t == LineType::kUsage || t == LineType::kDiscountedUsage || t == LineType::kSavingsPlanCoveredUsage ||
         t == LineType::kSavingsPlanNegation;
}

// ChargeCategory and ChargeFrequency of a line type (docs/FORMATS.md "AWS CUR").
std::pair<std::string_view, std::string_view> category_and_frequency(LineType t, std::string_view bill_type) {
  switch (t) {
    case LineType::kUsage:
    case LineType::kDiscountedUsage:
    case LineType::kSavingsPlanCoveredUsage:
    case LineType::kSavingsPlanNegation: return {"Usage", "Usage-Based"};
    case LineType::kRiFee:
    case LineType::kSavingsPlanRecurringFee: return {"Purchase", "Recurring"};
    case LineType::kSavingsPlanUpfrontFee: return {"Purchase", "One-Time"};
    case LineType::kFee: return {"Purchase", bill_type == "Anniversary" ? "Recurring" : "One-Time"};
    case LineType::kTax: return {"Tax", "Recurring"};
    case LineType::kCredit:
    case LineType::kRefund: return {"Credit", "One-Time"};  // a refund is also a Correction (the caller)
    case LineType::kDiscount: return {"Credit", "Usage-Based"};
    case LineType::kUnknown: return {"Adjustment", "One-Time"};
  }
  return {"Adjustment", "One-Time"};
}

// "arn:aws:ec2:us-east-1:123456789012:instance/i-0abc" → "ec2 instance"; "" for a bare id.
std::string resource_type_of(std::string_view id) {
  if (!id.starts_with("arn:")) return {};
  std::size_t pos = 0;
  std::vector<std::string_view> parts;
  for (int i = 0; i < 5; ++i) {
    const std::size_t colon = id.find(':', pos);
    if (colon == std::string_view::npos) return {};
    parts.push_back(id.substr(pos, colon - pos));
    pos = colon + 1;
  }
  std::string_view rest = id.substr(pos);
  const std::size_t end = rest.find_first_of("/:");
  if (end == std::string_view::npos) return std::string(parts[2]);
  return fmt::format("{} {}", parts[2], rest.substr(0, end));
}

class CurInterpreter final : public RecordInterpreter {
 public:
  CurInterpreter(const SourceColumns& columns, const CurFields& fields, std::string source_object)
      : columns_(columns), f_(fields), source_object_(std::move(source_object)) {}

  void interpret(const CsvRecord& rec, std::uint64_t row_number, ParsedRow& out, ConformanceReport& findings) override {
    NativeRow row(columns_, rec, out, findings);
    map(row);
    row.finish(source_object_, row_number);
  }

 private:
  void map(NativeRow& row) {
    const std::string_view type_text = row.get(f_.line_item_type);
    const LineType type = line_type(type_text);
    if (type == LineType::kUnknown) {
      row.warn("mapping.line_item_type", columns_.name(static_cast<std::size_t>(f_.line_item_type)),
               "an unknown line-item type is read as an Adjustment");
    }
    const auto [category, frequency] = category_and_frequency(type, row.get(f_.bill_type));
    row.set_text(Column::kChargeCategory, category);
    row.set_text(Column::kChargeFrequency, frequency);
    if (type == LineType::kRefund) row.set_text(Column::kChargeClass, "Correction");

    // Periods. Ends are exclusive in CUR already.
    if (auto t = row.time(f_.period_start)) row.set_time(Column::kBillingPeriodStart, *t);
    if (auto t = row.time(f_.period_end)) row.set_time(Column::kBillingPeriodEnd, *t);
    std::optional<std::int64_t> start = row.time(f_.usage_start), end = row.time(f_.usage_end);
    if (!start && f_.time_interval >= 0) {  // identity/TimeInterval: "start/end"
      const std::string_view iv = row.get(f_.time_interval);
      const std::size_t slash = iv.find('/');
      if (slash != std::string_view::npos) {
        start = native::parse_native_time(iv.substr(0, slash));
        end = native::parse_native_time(iv.substr(slash + 1));
      }
    }
    if (start) row.set_time(Column::kChargePeriodStart, *start);
    if (end) row.set_time(Column::kChargePeriodEnd, *end);

    // Costs.
    const std::optional<Money> unblended = row.decimal(f_.unblended_cost);
    const std::optional<Money> net = row.decimal(f_.net_unblended_cost);
    const Money billed = net ? *net : unblended.value_or(Money());
    row.set_money(Column::kBilledCost, billed);
    row.set_money(Column::kEffectiveCost, effective_cost(row, type, billed));
    if (unblended) row.set_money(Column::kContractedCost, net ? *net : *unblended);
    const std::optional<Money> public_cost = row.decimal(f_.public_cost);
    row.set_money(Column::kListCost, public_cost ? *public_cost : billed);
    if (auto rate =
            row.decimal(f_.net_unblended_rate >= 0 && !row.get(f_.net_unblended_rate).empty() ? f_.net_unblended_rate
                                                                                              : f_.unblended_rate)) {
      row.set_money(Column::kContractedUnitPrice, *rate);
    }
    if (auto rate = row.decimal(f_.public_rate)) row.set_money(Column::kListUnitPrice, *rate);
    row.copy_text(Column::kBillingCurrency, f_.currency);

    // Quantities: consumption only on usage rows.
    const std::optional<Money> amount = row.decimal(f_.usage_amount);
    if (amount && type != LineType::kTax && type != LineType::kCredit && type != LineType::kDiscount) {
      row.set_money(Column::kPricingQuantity, *amount);
      row.copy_text(Column::kPricingUnit, f_.pricing_unit);
      if (is_usage(type) && type != LineType::kSavingsPlanNegation) {
        row.set_money(Column::kConsumedQuantity, *amount);
        row.copy_text(Column::kConsumedUnit, f_.pricing_unit);
      }
    }

    // Pricing category and commitments.
    const std::string_view usage_type = row.get(f_.usage_type);
    if (type == LineType::kDiscountedUsage || type == LineType::kSavingsPlanCoveredUsage ||
        type == LineType::kSavingsPlanNegation) {
      row.set_text(Column::kPricingCategory, "Committed");
    } else if (type == LineType::kUsage) {
      const bool spot = usage_type.find("SpotUsage") != std::string_view::npos || row.get(f_.pricing_term) == "Spot";
      row.set_text(Column::kPricingCategory, spot ? "Dynamic" : "Standard");
    } else if (category == "Purchase") {
      row.set_text(Column::kPricingCategory, "Standard");
    }
    const std::string_view sp = row.get(f_.sp_arn), ri = row.get(f_.ri_arn);
    if (!sp.empty() && type != LineType::kUsage) {
      row.copy_text(Column::kCommitmentDiscountId, f_.sp_arn);
      row.set_text(Column::kCommitmentDiscountCategory, "Spend");
      row.set_text(Column::kCommitmentDiscountType, "Savings Plan");
    } else if (!ri.empty() && type != LineType::kUsage) {
      row.copy_text(Column::kCommitmentDiscountId, f_.ri_arn);
      row.set_text(Column::kCommitmentDiscountCategory, "Usage");
      row.set_text(Column::kCommitmentDiscountType, "Reserved Instance");
    }
    if (type == LineType::kDiscountedUsage || type == LineType::kSavingsPlanCoveredUsage) {
      row.set_text(Column::kCommitmentDiscountStatus, "Used");
    }

    // Who and what.
    row.set_text(Column::kProviderName, "AWS");
    row.copy_text(Column::kPublisherName, f_.legal_entity);
    row.copy_text(Column::kInvoiceIssuerName, f_.invoicing_entity);
    row.copy_text(Column::kInvoiceId, f_.invoice_id);
    row.copy_text(Column::kBillingAccountId, f_.payer_account);
    row.copy_text(Column::kBillingAccountName, f_.payer_account_name);
    row.copy_text(Column::kSubAccountId, f_.usage_account);
    row.copy_text(Column::kSubAccountName, f_.usage_account_name);
    if (!row.get(f_.usage_account).empty()) row.set_text(Column::kSubAccountType, "Account");
    const std::string_view product_code = row.get(f_.product_code);
    row.copy_text(Column::kServiceName, row.get(f_.product_name).empty() ? f_.product_code : f_.product_name);
    if (!product_code.empty()) row.set_text(Column::kServiceCategory, native::aws_service_category(product_code));
    row.copy_text(Column::kChargeDescription, f_.description);
    row.copy_text(Column::kRegionId, row.get(f_.region_code).empty() ? f_.region : f_.region_code);
    row.copy_text(Column::kRegionName, f_.location);
    row.copy_text(Column::kAvailabilityZone, f_.availability_zone);
    row.copy_text(Column::kResourceId, f_.resource_id);
    row.set_derived(Column::kResourceType, resource_type_of(row.get(f_.resource_id)));
    row.copy_text(Column::kSkuId, f_.sku);
    row.copy_text(Column::kSkuPriceId, row.get(f_.rate_code).empty() ? f_.rate_id : f_.rate_code);
    row.copy_text(Column::kSkuMeter, f_.usage_type);

    tags(row);
    extras(row, type_text, usage_type, product_code);
  }

  Money effective_cost(NativeRow& row, LineType type, Money billed) {
    auto from = [&](int field, std::string_view what) -> Money {
      if (field < 0) {
        row.warn("mapping.effective_cost", what, "the column is absent: EffectiveCost is the billed cost");
        return billed;
      }
      return row.decimal(field).value_or(Money());
    };
    switch (type) {
      case LineType::kSavingsPlanCoveredUsage:
        return from(f_.sp_effective_cost, "savingsPlan/SavingsPlanEffectiveCost");
      case LineType::kDiscountedUsage: return from(f_.ri_effective_cost, "reservation/EffectiveCost");
      case LineType::kSavingsPlanNegation:
      case LineType::kSavingsPlanUpfrontFee: return Money();  // counted in the covered usage
      case LineType::kFee:
        // An RI's upfront fee is amortized into its DiscountedUsage rows.
        return row.get(f_.ri_arn).empty() ? billed : Money();
      case LineType::kRiFee: {
        // Only the unused part: the used part is in the DiscountedUsage rows' effective cost.
        if (f_.ri_unused_upfront < 0 && f_.ri_unused_recurring < 0) {
          row.warn("mapping.effective_cost", "reservation/UnusedRecurringFee",
                   "the column is absent: EffectiveCost is the billed cost");
          return billed;
        }
        Money sum = row.decimal(f_.ri_unused_upfront).value_or(Money());
        if (!Money::checked_add(sum, row.decimal(f_.ri_unused_recurring).value_or(Money()), sum)) {
          row.unmappable("format.decimal", f_.ri_unused_recurring);
          return Money();
        }
        return sum;
      }
      case LineType::kSavingsPlanRecurringFee: {
        if (f_.sp_total_commitment < 0 || f_.sp_used_commitment < 0) {
          row.warn("mapping.effective_cost", "savingsPlan/UsedCommitment",
                   "the column is absent: EffectiveCost is the billed cost");
          return billed;
        }
        Money unused;
        if (!Money::checked_sub(row.decimal(f_.sp_total_commitment).value_or(Money()),
                                row.decimal(f_.sp_used_commitment).value_or(Money()), unused)) {
          row.unmappable("format.decimal", f_.sp_used_commitment);
          return Money();
        }
        return unused;
      }
      default: return billed;
    }
  }

  void tags(NativeRow& row) {
    pairs_.clear();
    if (f_.tags_map >= 0) {
      const std::string_view raw = row.get(f_.tags_map);
      if (!raw.empty()) {
        const nlohmann::json j = nlohmann::json::parse(raw, nullptr, false);
        if (!j.is_object()) {
          row.warn("mapping.tags", columns_.name(static_cast<std::size_t>(f_.tags_map)),
                   "resource_tags is not a JSON object: the row has no tags");
        } else {
          for (const auto& [k, v] : j.items()) {
            if (!v.is_string()) continue;
            // CUR 2.0 prefixes user tags with `user_`; AWS-generated ones keep their `aws_` prefix.
            std::string key = k.starts_with("user_") ? k.substr(5) : k;
            pairs_.emplace_back(std::move(key), v.get<std::string>());
          }
        }
      }
    }
    for (const CurFields::TagColumn& t : f_.tag_columns) {
      const std::string_view v = row.get(t.field);
      if (!v.empty()) pairs_.emplace_back(t.key, std::string(v));
    }
    if (pairs_.empty()) return;
    const std::string json = native::tags_json(pairs_);
    row.set_derived(Column::kTags, json);
    // FOCUS has no ResourceName in CUR: the Name tag is what people call a resource.
    for (const auto& [k, v] : pairs_) {
      if (k == "Name" && !row.get(f_.resource_id).empty()) row.set_derived(Column::kResourceName, v);
    }
  }

  void extras(NativeRow& row, std::string_view type, std::string_view usage_type, std::string_view product_code) {
    pairs_.clear();
    auto add = [&](std::string_view key, std::string_view v) {
      if (!v.empty()) pairs_.emplace_back(std::string(key), std::string(v));
    };
    add("x_BillType", row.get(f_.bill_type));
    add("x_LineItemType", type);
    add("x_Operation", row.get(f_.operation));
    add("x_ProductCode", product_code);
    add("x_UsageType", usage_type);
    row.set_derived(Column::kXExtras, native::tags_json(pairs_));
  }

  const SourceColumns& columns_;
  const CurFields& f_;
  std::string source_object_;
  std::vector<std::pair<std::string, std::string>> pairs_;
};

class CurInterpretation final : public FileInterpretation {
 public:
  explicit CurInterpretation(const CsvRecord& header)
      : columns_(header, native::aws_fold), fields_(bind(columns_, header)) {}
  std::unique_ptr<RecordInterpreter> make_interpreter(const std::string& source_object) const override {
    return std::make_unique<CurInterpreter>(columns_, fields_, source_object);
  }
  std::string format() const override { return "aws-cur"; }
  const SourceColumns& columns() const { return columns_; }
  const CurFields& fields() const { return fields_; }

 private:
  SourceColumns columns_;
  CurFields fields_;
};

}  // namespace

bool is_cur_header(const SourceColumns& c) {
  return c.has("line_item_line_item_type") && c.has("line_item_unblended_cost");
}

Result<std::unique_ptr<FileInterpretation>> cur_interpretation(const CsvRecord& header,
                                                               ConformanceReport& /*findings*/) {
  auto interpretation = std::make_unique<CurInterpretation>(header);
  const CurFields& f = interpretation->fields();
  FG_TRY(native::require_columns("aws-cur",
                                 {{f.line_item_type, "lineItem/LineItemType (line_item_line_item_type)"},
                                  {f.unblended_cost, "lineItem/UnblendedCost (line_item_unblended_cost)"},
                                  {f.currency, "lineItem/CurrencyCode (line_item_currency_code)"},
                                  {f.period_start, "bill/BillingPeriodStartDate (bill_billing_period_start_date)"},
                                  {std::max(f.usage_start, f.time_interval),
                                   "lineItem/UsageStartDate (line_item_usage_start_date) or identity/TimeInterval"}}));
  return std::unique_ptr<FileInterpretation>(std::move(interpretation));
}

}  // namespace fg::ingest::aws
