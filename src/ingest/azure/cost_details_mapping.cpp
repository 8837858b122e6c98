#include "ingest/azure/cost_details_mapping.hpp"

#include <algorithm>
#include <cctype>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "ingest/focus/flat_json.hpp"
#include "ingest/native/native_row.hpp"
#include "ingest/native/service_category.hpp"

namespace fg::ingest::azure {

using costdb::Column;
using native::NativeRow;
using native::SourceColumns;

namespace {

constexpr std::int64_t kDay = 86400;

struct AzureFields {
  int cost, currency, date, period_start, period_end, charge_type, frequency, pricing_model;
  int billing_account, billing_account_name, billing_profile, billing_profile_name;
  int subscription, subscription_name, meter_category, meter_name, meter_id, product_name, product_id;
  int resource_id, resource_name, location, availability_zone, quantity, unit, unit_price, payg_price;
  int payg_cost, benefit_id, benefit_name, reservation_id, reservation_name, invoice_id, partner_name;
  int publisher_name, tags, resource_group, consumed_service;
  bool mca = false;  // billing profile is the billing account (MCA), not the enrollment (EA)
};

AzureFields bind(const SourceColumns& c) {
  AzureFields f{};
  f.cost = c.find_any({"costinbillingcurrency", "cost", "pretaxcost"});
  f.currency = c.find_any({"billingcurrencycode", "billingcurrency", "currency"});
  f.date = c.find_any({"date", "usagedatetime"});
  f.period_start = c.find("billingperiodstartdate");
  f.period_end = c.find("billingperiodenddate");
  f.charge_type = c.find("chargetype");
  f.frequency = c.find("frequency");
  f.pricing_model = c.find("pricingmodel");
  f.billing_account = c.find("billingaccountid");
  f.billing_account_name = c.find("billingaccountname");
  f.billing_profile = c.find("billingprofileid");
  f.billing_profile_name = c.find("billingprofilename");
  f.subscription = c.find_any({"subscriptionid", "subscriptionguid"});
  f.subscription_name = c.find("subscriptionname");
  f.meter_category = c.find("metercategory");
  f.meter_name = c.find("metername");
  f.meter_id = c.find("meterid");
  f.product_name = c.find_any({"productname", "product"});
  f.product_id = c.find("productid");
  f.resource_id = c.find_any({"resourceid", "instanceid"});
  f.resource_name = c.find("resourcename");
  f.location = c.find_any({"resourcelocation", "location"});
  f.availability_zone = c.find("availabilityzone");
  f.quantity = c.find_any({"quantity", "usagequantity"});
  f.unit = c.find("unitofmeasure");
  f.unit_price = c.find("unitprice");
  f.payg_price = c.find("paygprice");
  f.payg_cost = c.find("paygcostinbillingcurrency");
  f.benefit_id = c.find("benefitid");
  f.benefit_name = c.find("benefitname");
  f.reservation_id = c.find("reservationid");
  f.reservation_name = c.find("reservationname");
  f.invoice_id = c.find("invoiceid");
  f.partner_name = c.find_any({"partnername", "resellername"});
  f.publisher_name = c.find("publishername");
  f.tags = c.find("tags");
  f.resource_group = c.find_any({"resourcegroup", "resourcegroupname"});
  f.consumed_service = c.find("consumedservice");
  // MCA files have ProductId and no EA PartNumber / AccountOwnerId.
  f.mca = c.has("productid") && !c.has("partnumber") && !c.has("accountownerid");
  return f;
}

bool commitment_model(std::string_view pricing_model) {
  return pricing_model == "Reservation" || pricing_model == "SavingsPlan";
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// "Usage" → "Usage"... per docs/FORMATS.md; unknown charge types are adjustments.
std::string_view charge_category(std::string_view t, bool& known) {
  known = true;
  if (t == "Usage" || t == "UnusedReservation" || t == "UnusedSavingsPlan") return "Usage";
  if (t == "Purchase" || t == "Refund") return "Purchase";
  if (t == "Tax") return "Tax";
  if (t == "Credit") return "Credit";
  known = t == "RoundingAdjustment";
  return "Adjustment";
}

std::string_view charge_frequency(std::string_view f) {
  if (f == "OneTime") return "One-Time";
  if (f == "Recurring") return "Recurring";
  if (f == "UsageBased") return "Usage-Based";
  return {};
}

// The ARM type of a resource id: "/subscriptions/s/resourceGroups/g/providers/Microsoft.Compute/
// virtualMachines/vm1" → "microsoft.compute/virtualmachines"; nested types keep every type segment.
std::string arm_type(std::string_view id) {
  const std::string l = lower(id);
  const std::size_t p = l.rfind("/providers/");
  if (p == std::string::npos) return {};
  std::vector<std::string_view> seg;
  std::string_view rest = std::string_view(l).substr(p + 11);
  while (!rest.empty()) {
    const std::size_t slash = rest.find('/');
    seg.push_back(rest.substr(0, slash));
    if (slash == std::string_view::npos) break;
    rest.remove_prefix(slash + 1);
  }
  if (seg.size() < 2) return {};
  std::string out(seg[0]);  // the namespace, then every other segment (types; names between them)
  for (std::size_t i = 1; i < seg.size(); i += 2) out += "/" + std::string(seg[i]);
  return out;
}

class AzureInterpreter final : public RecordInterpreter {
 public:
  AzureInterpreter(const SourceColumns& columns, const AzureFields& fields, Dataset dataset, std::string source_object)
      : columns_(columns), f_(fields), dataset_(dataset), source_object_(std::move(source_object)) {}

  void interpret(const CsvRecord& rec, std::uint64_t row_number, ParsedRow& out, ConformanceReport& findings) override {
    NativeRow row(columns_, rec, out, findings);
    map(row);
    row.finish(source_object_, row_number);
  }

 private:
  void map(NativeRow& row) {
    const std::string_view charge_type = row.get(f_.charge_type);
    const std::string_view model = row.get(f_.pricing_model);
    bool known = true;
    const std::string_view category = charge_type.empty() ? "Usage" : charge_category(charge_type, known);
    if (!known) {
      row.warn("mapping.charge_type", columns_.name(static_cast<std::size_t>(f_.charge_type)),
               "an unknown charge type is read as an Adjustment");
    }
    row.set_text(Column::kChargeCategory, category);
    if (charge_type == "Refund") row.set_text(Column::kChargeClass, "Correction");
    const std::string_view frequency = charge_frequency(row.get(f_.frequency));
    row.set_text(Column::kChargeFrequency, frequency.empty() && category == "Usage" ? "Usage-Based" : frequency);

    // Periods: Azure's ends are the last day, inclusive; FOCUS's are exclusive.
    if (auto t = row.time(f_.period_start)) row.set_time(Column::kBillingPeriodStart, *t);
    if (auto t = row.time(f_.period_end)) row.set_time(Column::kBillingPeriodEnd, *t + kDay);
    if (auto t = row.time(f_.date)) {
      row.set_time(Column::kChargePeriodStart, *t);
      row.set_time(Column::kChargePeriodEnd, *t + kDay);
    }

    // Costs: one dataset gives one of the two amounts; the other follows Microsoft's rules.
    const Money cost = row.decimal(f_.cost).value_or(Money());
    const bool commitment = commitment_model(model);
    const bool unused = charge_type == "UnusedReservation" || charge_type == "UnusedSavingsPlan";
    // The actual dataset has no amortization: both amounts are the cost. In the amortized one, covered
    // usage and unused commitment carry the purchase spread over time, so they were not billed
    // themselves, and the purchase row is not effective cost again.
    Money billed = cost, effective = cost;
    if (dataset_ == Dataset::kAmortized) {
      if ((category == "Usage" && commitment) || unused) billed = Money();
      if ((charge_type == "Purchase" || charge_type == "Refund") && commitment) effective = Money();
    }
    row.set_money(Column::kBilledCost, billed);
    row.set_money(Column::kEffectiveCost, effective);
    row.copy_text(Column::kBillingCurrency, f_.currency);
    const std::optional<Money> quantity = row.decimal(f_.quantity);
    if (quantity) {
      row.set_money(Column::kPricingQuantity, *quantity);
      row.copy_text(Column::kPricingUnit, f_.unit);
      if (charge_type == "Usage" || charge_type.empty()) {
        row.set_money(Column::kConsumedQuantity, *quantity);
        row.copy_text(Column::kConsumedUnit, f_.unit);
      }
    }
    if (auto p = row.decimal(f_.unit_price)) row.set_money(Column::kContractedUnitPrice, *p);
    if (auto p = row.decimal(f_.payg_price)) row.set_money(Column::kListUnitPrice, *p);
    if (auto c = row.decimal(f_.payg_cost)) row.set_money(Column::kListCost, *c);
    row.set_money(Column::kContractedCost, cost);

    // Pricing and commitments.
    if (model == "OnDemand") row.set_text(Column::kPricingCategory, "Standard");
    if (model == "Spot") row.set_text(Column::kPricingCategory, "Dynamic");
    if (commitment) row.set_text(Column::kPricingCategory, "Committed");
    const int id_field = row.get(f_.benefit_id).empty() ? f_.reservation_id : f_.benefit_id;
    const std::string_view id = row.get(id_field);
    if (!id.empty()) {
      row.copy_text(Column::kCommitmentDiscountId, id_field);
      row.copy_text(Column::kCommitmentDiscountName,
                    row.get(f_.benefit_name).empty() ? f_.reservation_name : f_.benefit_name);
      const std::string l = lower(id);
      const bool savings_plan = l.find("/microsoft.billingbenefits/") != std::string::npos || model == "SavingsPlan";
      row.set_text(Column::kCommitmentDiscountCategory, savings_plan ? "Spend" : "Usage");
      row.set_text(Column::kCommitmentDiscountType, savings_plan ? "Savings Plan" : "Reservation");
      if (category == "Usage") row.set_text(Column::kCommitmentDiscountStatus, unused ? "Unused" : "Used");
    }

    // Who and what.
    row.set_text(Column::kProviderName, "Microsoft");
    row.set_text(Column::kPublisherName, row.get(f_.publisher_name).empty() ? "Microsoft" : row.get(f_.publisher_name));
    row.set_text(Column::kInvoiceIssuerName, row.get(f_.partner_name).empty() ? "Microsoft" : row.get(f_.partner_name));
    row.copy_text(Column::kInvoiceId, f_.invoice_id);
    if (f_.mca) {
      row.copy_text(Column::kBillingAccountId, f_.billing_profile);
      row.copy_text(Column::kBillingAccountName, f_.billing_profile_name);
      if (!row.get(f_.billing_profile).empty()) row.set_text(Column::kBillingAccountType, "Billing Profile");
    } else {
      row.copy_text(Column::kBillingAccountId, f_.billing_account);
      row.copy_text(Column::kBillingAccountName, f_.billing_account_name);
      if (!row.get(f_.billing_account).empty()) row.set_text(Column::kBillingAccountType, "Billing Account");
    }
    row.copy_text(Column::kSubAccountId, f_.subscription);
    row.copy_text(Column::kSubAccountName, f_.subscription_name);
    if (!row.get(f_.subscription).empty()) row.set_text(Column::kSubAccountType, "Subscription");
    const std::string_view meter_category = row.get(f_.meter_category);
    row.copy_text(Column::kServiceName, f_.meter_category);
    if (!meter_category.empty()) {
      row.set_text(Column::kServiceCategory, native::azure_service_category(meter_category));
    }
    row.copy_text(Column::kChargeDescription, f_.product_name);
    row.copy_text(Column::kSkuId, row.get(f_.product_id).empty() ? f_.meter_id : f_.product_id);
    row.copy_text(Column::kSkuMeter, f_.meter_name);
    const std::string_view location = row.get(f_.location);
    if (!location.empty()) {
      row.copy_text(Column::kRegionName, f_.location);
      std::string region_id;
      for (char c : lower(location)) {
        if (c != ' ') region_id += c;
      }
      row.set_derived(Column::kRegionId, region_id);
    }
    row.copy_text(Column::kAvailabilityZone, f_.availability_zone);
    const std::string_view resource = row.get(f_.resource_id);
    if (!resource.empty()) {
      row.copy_text(Column::kResourceId, f_.resource_id);
      if (!row.get(f_.resource_name).empty()) {
        row.copy_text(Column::kResourceName, f_.resource_name);
      } else {
        row.set_derived(Column::kResourceName, resource.substr(resource.rfind('/') + 1));
      }
      row.set_derived(Column::kResourceType, arm_type(resource));
    }
    tags(row);
    pairs_.clear();
    if (auto g = row.get(f_.resource_group); !g.empty()) pairs_.emplace_back("x_ResourceGroup", std::string(g));
    if (!charge_type.empty()) pairs_.emplace_back("x_ChargeType", std::string(charge_type));
    if (!model.empty()) pairs_.emplace_back("x_PricingModel", std::string(model));
    if (auto s = row.get(f_.consumed_service); !s.empty()) pairs_.emplace_back("x_ConsumedService", std::string(s));
    row.set_derived(Column::kXExtras, native::tags_json(pairs_));
  }

  // Tags: a JSON object of strings, in EA files often without the outer braces.
  void tags(NativeRow& row) {
    std::string_view raw = row.get(f_.tags);
    while (!raw.empty() && (raw.front() == ' ')) raw.remove_prefix(1);
    if (raw.empty()) return;
    text_.clear();
    if (raw.front() != '{') {
      text_ = "{";
      text_ += raw;
      text_ += '}';
      raw = text_;
    }
    std::string canonical;
    if (canonical_flat_object(raw, canonical)) {
      row.set_derived(Column::kTags, canonical);
      return;
    }
    const nlohmann::json j = nlohmann::json::parse(raw, nullptr, false);
    if (!j.is_object()) {
      row.warn("mapping.tags", columns_.name(static_cast<std::size_t>(f_.tags)),
               "Tags is not a JSON object: the row has no tags");
      return;
    }
    pairs_.clear();
    for (const auto& [k, v] : j.items()) {
      pairs_.emplace_back(k, v.is_string() ? v.get<std::string>() : v.dump());
    }
    row.set_derived(Column::kTags, native::tags_json(pairs_));
  }

  const SourceColumns& columns_;
  const AzureFields& f_;
  Dataset dataset_;
  std::string source_object_;
  std::string text_;
  std::vector<std::pair<std::string, std::string>> pairs_;
};

class AzureInterpretation final : public FileInterpretation {
 public:
  AzureInterpretation(const CsvRecord& header, Dataset dataset)
      : columns_(header, native::azure_fold), fields_(bind(columns_)), dataset_(dataset) {}
  std::unique_ptr<RecordInterpreter> make_interpreter(const std::string& source_object) const override {
    return std::make_unique<AzureInterpreter>(columns_, fields_, dataset_, source_object);
  }
  std::string format() const override { return dataset_ == Dataset::kActual ? "azure-actual" : "azure-amortized"; }
  const AzureFields& fields() const { return fields_; }

 private:
  SourceColumns columns_;
  AzureFields fields_;
  Dataset dataset_;
};

}  // namespace

bool is_cost_details_header(const SourceColumns& c) {
  return c.has("metercategory") && c.find_any({"costinbillingcurrency", "cost", "pretaxcost"}) >= 0 &&
         c.find_any({"date", "usagedatetime"}) >= 0;
}

Result<std::unique_ptr<FileInterpretation>> cost_details_interpretation(const CsvRecord& header, Dataset dataset,
                                                                        ConformanceReport& /*findings*/) {
  auto interpretation = std::make_unique<AzureInterpretation>(header, dataset);
  const AzureFields& f = interpretation->fields();
  FG_TRY(native::require_columns("azure", {{f.cost, "CostInBillingCurrency (or Cost)"},
                                           {f.currency, "BillingCurrencyCode (or BillingCurrency)"},
                                           {f.date, "Date"},
                                           {f.period_start, "BillingPeriodStartDate"}}));
  return std::unique_ptr<FileInterpretation>(std::move(interpretation));
}

}  // namespace fg::ingest::azure
