#include "ingest/gcp/billing_export_mapping.hpp"

#include <charconv>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/time.hpp"
#include "ingest/native/native_row.hpp"
#include "ingest/native/service_category.hpp"
#include "ingest/parquet/value_convert.hpp"

namespace fg::ingest::gcp {

using costdb::Column;
using native::NativeRow;
using native::SourceColumns;

namespace {

struct GcpFields {
  int billing_account, service_id, service, sku_id, sku, usage_start, usage_end, project_id, project_name;
  int labels, region, location, zone, resource_name, resource_global_name, cost, currency, cost_at_list;
  int usage_amount, usage_unit, pricing_amount, pricing_unit, credits, credits_amount, invoice_month, cost_type;
  int adjustment_id, adjustment_info, transaction_type, seller_name, subscription, effective_price;
};

GcpFields bind(const SourceColumns& c) {
  GcpFields f{};
  f.billing_account = c.find("billing_account_id");
  f.service_id = c.find("service_id");
  f.service = c.find("service_description");
  f.sku_id = c.find("sku_id");
  f.sku = c.find("sku_description");
  f.usage_start = c.find("usage_start_time");
  f.usage_end = c.find("usage_end_time");
  f.project_id = c.find("project_id");
  f.project_name = c.find("project_name");
  f.labels = c.find("labels");
  f.region = c.find("location_region");
  f.location = c.find("location_location");
  f.zone = c.find("location_zone");
  f.resource_name = c.find("resource_name");
  f.resource_global_name = c.find("resource_global_name");
  f.cost = c.find("cost");
  f.currency = c.find("currency");
  f.cost_at_list = c.find("cost_at_list");
  f.usage_amount = c.find("usage_amount");
  f.usage_unit = c.find("usage_unit");
  f.pricing_amount = c.find("usage_amount_in_pricing_units");
  f.pricing_unit = c.find("usage_pricing_unit");
  f.credits = c.find("credits");
  f.credits_amount = c.find_any({"credits_amount", "credits_total"});
  f.invoice_month = c.find("invoice_month");
  f.cost_type = c.find("cost_type");
  f.adjustment_id = c.find("adjustment_info_id");
  f.adjustment_info = c.find("adjustment_info");
  f.transaction_type = c.find("transaction_type");
  f.seller_name = c.find("seller_name");
  f.subscription = c.find("subscription_instance_id");
  f.effective_price = c.find("price_effective_price");
  return f;
}

// A FLOAT64 cell as the shortest decimal that round-trips to its double (BigQuery's FLOAT64;
// CORRECTIONS.md), by the same conversion as a Parquet DOUBLE.
std::optional<Money> shortest_decimal(std::string_view text) {
  double d = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), d);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  auto m = parquet::decimal_from_double(d);
  if (!m.ok()) return std::nullopt;
  return m->value;
}

class GcpInterpreter final : public RecordInterpreter {
 public:
  GcpInterpreter(const SourceColumns& columns, const GcpFields& fields, std::string source_object)
      : columns_(columns), f_(fields), source_object_(std::move(source_object)) {}

  void interpret(const CsvRecord& rec, std::uint64_t row_number, ParsedRow& out, ConformanceReport& findings) override {
    NativeRow row(columns_, rec, out, findings);
    map(row);
    row.finish(source_object_, row_number);
  }

 private:
  std::optional<Money> float64(NativeRow& row, int field) {
    const std::string_view v = row.get(field);
    if (v.empty()) return std::nullopt;
    auto m = shortest_decimal(v);
    if (!m) row.unmappable("format.decimal", field);
    return m;
  }

  void map(NativeRow& row) {
    const std::string_view cost_type = row.get(f_.cost_type);
    std::string_view category = "Usage", frequency = "Usage-Based";
    if (cost_type == "tax") {
      category = "Tax";
      frequency = "Recurring";
    } else if (cost_type == "adjustment" || cost_type == "rounding_error") {
      category = "Adjustment";
      frequency = "One-Time";
    } else if (!cost_type.empty() && cost_type != "regular") {
      row.warn("mapping.cost_type", columns_.name(static_cast<std::size_t>(f_.cost_type)),
               "an unknown cost type is read as an Adjustment");
      category = "Adjustment";
      frequency = "One-Time";
    }
    row.set_text(Column::kChargeCategory, category);
    row.set_text(Column::kChargeFrequency, frequency);
    if (!row.get(f_.adjustment_id).empty() || !row.get(f_.adjustment_info).empty()) {
      row.set_text(Column::kChargeClass, "Correction");
    }

    const std::string_view month = row.get(f_.invoice_month);
    if (!month.empty()) {
      const auto start = invoice_month_start(month);
      if (!start) {
        row.unmappable("format.datetime", f_.invoice_month);
      } else {
        row.set_time(Column::kBillingPeriodStart, *start);
        const CivilDate d = civil_from_days(Timestamp::from_seconds(*start).day_number());
        const unsigned next_month = d.month == 12 ? 1 : d.month + 1;
        const std::int64_t next_year = d.month == 12 ? d.year + 1 : d.year;
        if (auto end = invoice_month_start(fmt::format("{:04}{:02}", next_year, next_month))) {
          row.set_time(Column::kBillingPeriodEnd, *end);
        }
      }
    }
    if (auto t = row.time(f_.usage_start)) row.set_time(Column::kChargePeriodStart, *t);
    if (auto t = row.time(f_.usage_end)) row.set_time(Column::kChargePeriodEnd, *t);

    // Costs: `cost` is before credits; the billed amount is cost + Σ credits (negative amounts).
    const Money cost = float64(row, f_.cost).value_or(Money());
    Money credits;
    bool committed = false;
    credit_sum(row, credits, committed);
    Money billed;
    if (!Money::checked_add(cost, credits, billed)) {
      row.unmappable("format.decimal", f_.credits);
      billed = Money();
    }
    row.set_money(Column::kBilledCost, billed);
    row.set_money(Column::kEffectiveCost, billed);  // CUD fees are already spread over time
    row.set_money(Column::kContractedCost, cost);
    if (auto list = float64(row, f_.cost_at_list)) row.set_money(Column::kListCost, *list);
    if (auto p = float64(row, f_.effective_price)) row.set_money(Column::kContractedUnitPrice, *p);
    row.copy_text(Column::kBillingCurrency, f_.currency);
    if (category == "Usage") {
      if (auto q = float64(row, f_.usage_amount)) {
        row.set_money(Column::kConsumedQuantity, *q);
        row.copy_text(Column::kConsumedUnit, f_.usage_unit);
      }
      if (auto q = float64(row, f_.pricing_amount)) {
        row.set_money(Column::kPricingQuantity, *q);
        row.copy_text(Column::kPricingUnit, f_.pricing_unit);
      }
      const std::string_view sku = row.get(f_.sku);
      row.set_text(Column::kPricingCategory, committed || sku.starts_with("Commitment") ? "Committed" : "Standard");
    }
    if (!row.get(f_.subscription).empty()) row.copy_text(Column::kCommitmentDiscountId, f_.subscription);

    // Who and what.
    row.set_text(Column::kProviderName, "Google Cloud");
    const std::string_view transaction = row.get(f_.transaction_type);
    if (transaction.empty() || transaction == "GOOGLE") {
      row.set_text(Column::kPublisherName, "Google Cloud");
    } else {
      row.copy_text(Column::kPublisherName, f_.seller_name);
    }
    row.set_text(Column::kInvoiceIssuerName, "Google");
    row.copy_text(Column::kBillingAccountId, f_.billing_account);
    row.copy_text(Column::kSubAccountId, f_.project_id);
    row.copy_text(Column::kSubAccountName, f_.project_name);
    if (!row.get(f_.project_id).empty()) row.set_text(Column::kSubAccountType, "Project");
    const std::string_view service = row.get(f_.service);
    row.copy_text(Column::kServiceName, f_.service);
    if (!service.empty()) row.set_text(Column::kServiceCategory, native::gcp_service_category(service));
    row.copy_text(Column::kChargeDescription, f_.sku);
    row.copy_text(Column::kSkuId, f_.sku_id);
    row.copy_text(Column::kRegionId, row.get(f_.region).empty() ? f_.location : f_.region);
    row.copy_text(Column::kRegionName, row.get(f_.region).empty() ? f_.location : f_.region);
    row.copy_text(Column::kAvailabilityZone, f_.zone);
    if (!row.get(f_.resource_global_name).empty()) {
      row.copy_text(Column::kResourceId, f_.resource_global_name);
      row.copy_text(Column::kResourceName, f_.resource_name);
    }
    labels(row);
    pairs_.clear();
    if (!cost_type.empty()) pairs_.emplace_back("x_CostType", std::string(cost_type));
    if (auto s = row.get(f_.service_id); !s.empty()) pairs_.emplace_back("x_ServiceId", std::string(s));
    if (auto c = row.get(f_.credits); !c.empty() && c != "[]") pairs_.emplace_back("x_Credits", std::string(c));
    row.set_derived(Column::kXExtras, native::tags_json(pairs_));
  }

  void credit_sum(NativeRow& row, Money& sum, bool& committed) {
    if (f_.credits_amount >= 0) {
      if (auto m = float64(row, f_.credits_amount)) sum = *m;
      return;
    }
    const std::string_view raw = row.get(f_.credits);
    if (raw.empty() || raw == "[]") return;
    const nlohmann::json j = nlohmann::json::parse(raw, nullptr, false);
    if (!j.is_array()) {
      row.unmappable("format.decimal", f_.credits);
      return;
    }
    for (const nlohmann::json& c : j) {
      const auto amount = c.is_object() ? c.find("amount") : c.end();
      if (!c.is_object() || amount == c.end() || !(amount->is_number() || amount->is_string())) {
        row.unmappable("format.decimal", f_.credits);
        return;
      }
      // nlohmann prints a double as its shortest round-trip form; a string amount is read the same way.
      const std::string text = amount->is_string() ? amount->get<std::string>() : amount->dump();
      const auto m = shortest_decimal(text);
      if (!m || !Money::checked_add(sum, *m, sum)) {
        row.unmappable("format.decimal", f_.credits);
        return;
      }
      const auto type = c.find("type");
      if (type != c.end() && type->is_string() && type->get<std::string>().starts_with("COMMITTED_USAGE_DISCOUNT")) {
        committed = true;
      }
    }
  }

  // labels: [{"key": k, "value": v}, ...] as BigQuery exports them, or a {k: v} object.
  void labels(NativeRow& row) {
    const std::string_view raw = row.get(f_.labels);
    if (raw.empty() || raw == "[]") return;
    const nlohmann::json j = nlohmann::json::parse(raw, nullptr, false);
    pairs_.clear();
    if (j.is_array()) {
      for (const nlohmann::json& l : j) {
        if (l.is_object() && l.contains("key") && l["key"].is_string()) {
          const auto& v = l.contains("value") ? l["value"] : nlohmann::json();
          pairs_.emplace_back(l["key"].get<std::string>(), v.is_string() ? v.get<std::string>() : std::string());
        }
      }
    } else if (j.is_object()) {
      for (const auto& [k, v] : j.items()) pairs_.emplace_back(k, v.is_string() ? v.get<std::string>() : v.dump());
    } else {
      row.warn("mapping.tags", columns_.name(static_cast<std::size_t>(f_.labels)),
               "labels is not a JSON array or object: the row has no tags");
      return;
    }
    row.set_derived(Column::kTags, native::tags_json(pairs_));
  }

  const SourceColumns& columns_;
  const GcpFields& f_;
  std::string source_object_;
  std::vector<std::pair<std::string, std::string>> pairs_;
};

class GcpInterpretation final : public FileInterpretation {
 public:
  explicit GcpInterpretation(const CsvRecord& header) : columns_(header, native::gcp_fold), fields_(bind(columns_)) {}
  std::unique_ptr<RecordInterpreter> make_interpreter(const std::string& source_object) const override {
    return std::make_unique<GcpInterpreter>(columns_, fields_, source_object);
  }
  std::string format() const override { return "gcp-billing"; }
  const GcpFields& fields() const { return fields_; }

 private:
  SourceColumns columns_;
  GcpFields fields_;
};

}  // namespace

bool is_billing_export_header(const SourceColumns& c) {
  return c.has("billing_account_id") && c.has("cost") && (c.has("service_description") || c.has("sku_description"));
}

std::optional<std::int64_t> invoice_month_start(std::string_view yyyymm) {
  if (yyyymm.size() != 6) return std::nullopt;
  for (char ch : yyyymm) {
    if (ch < '0' || ch > '9') return std::nullopt;
  }
  const int year = std::stoi(std::string(yyyymm.substr(0, 4)));
  const unsigned month = static_cast<unsigned>(std::stoi(std::string(yyyymm.substr(4, 2))));
  if (month < 1 || month > 12 || year < 1970) return std::nullopt;
  // US daylight time (since 2007) runs from the second Sunday of March to the first Sunday of
  // November, so the 1st of April..November is PDT (UTC−7) and of December..March PST (UTC−8).
  const std::int64_t offset_hours = month >= 4 && month <= 11 ? 7 : 8;
  return days_from_civil(year, month, 1) * 86400 + offset_hours * 3600;
}

Result<std::unique_ptr<FileInterpretation>> billing_export_interpretation(const CsvRecord& header,
                                                                          ConformanceReport& /*findings*/) {
  auto interpretation = std::make_unique<GcpInterpretation>(header);
  const GcpFields& f = interpretation->fields();
  FG_TRY(native::require_columns("gcp-billing", {{f.cost, "cost"},
                                                 {f.currency, "currency"},
                                                 {f.usage_start, "usage_start_time"},
                                                 {f.invoice_month, "invoice.month"}}));
  return std::unique_ptr<FileInterpretation>(std::move(interpretation));
}

}  // namespace fg::ingest::gcp
