#include "ingest/native/billing_format.hpp"

#include <array>
#include <utility>

#include "ingest/aws/cur_mapping.hpp"
#include "ingest/azure/cost_details_mapping.hpp"
#include "ingest/gcp/billing_export_mapping.hpp"
#include "ingest/native/source_columns.hpp"

namespace fg::ingest {

namespace {

constexpr auto kNames = std::to_array<std::pair<BillingFormat, std::string_view>>({
    {BillingFormat::kAuto, "auto"},
    {BillingFormat::kFocus, "focus"},
    {BillingFormat::kAwsCur, "aws-cur"},
    {BillingFormat::kAzureActual, "azure-actual"},
    {BillingFormat::kAzureAmortized, "azure-amortized"},
    {BillingFormat::kGcpBilling, "gcp-billing"},
});

BillingFormat detect(const CsvRecord& header) {
  if (aws::is_cur_header(native::SourceColumns(header, native::aws_fold))) return BillingFormat::kAwsCur;
  if (azure::is_cost_details_header(native::SourceColumns(header, native::azure_fold))) {
    return BillingFormat::kAzureActual;
  }
  if (gcp::is_billing_export_header(native::SourceColumns(header, native::gcp_fold))) {
    return BillingFormat::kGcpBilling;
  }
  return BillingFormat::kFocus;
}

}  // namespace

std::string_view format_name(BillingFormat f) {
  for (const auto& [format, name] : kNames) {
    if (format == f) return name;
  }
  return "auto";
}

std::optional<BillingFormat> parse_format(std::string_view name) {
  for (const auto& [format, n] : kNames) {
    if (n == name) return format;
  }
  return std::nullopt;
}

std::string_view format_names() {
  return "auto, focus, aws-cur, azure-actual, azure-amortized, gcp-billing";
}

InterpretationChooser choose_interpretation(BillingFormat requested) {
  return
      [requested](const CsvRecord& header, ConformanceReport& findings) -> Result<std::unique_ptr<FileInterpretation>> {
        const BillingFormat f = requested == BillingFormat::kAuto ? detect(header) : requested;
        switch (f) {
          case BillingFormat::kAuto:
          case BillingFormat::kFocus: return focus_interpretation(header, findings);
          case BillingFormat::kAwsCur: return aws::cur_interpretation(header, findings);
          case BillingFormat::kAzureActual:
            if (requested == BillingFormat::kAuto) {
              findings.add("mapping.azure_dataset", "", Severity::kWarning,
                           "actual and amortized cost files have the same columns: read as actual; choose the format "
                           "azure-amortized for an amortized export",
                           0);
            }
            return azure::cost_details_interpretation(header, azure::Dataset::kActual, findings);
          case BillingFormat::kAzureAmortized:
            return azure::cost_details_interpretation(header, azure::Dataset::kAmortized, findings);
          case BillingFormat::kGcpBilling: return gcp::billing_export_interpretation(header, findings);
        }
        return focus_interpretation(header, findings);
      };
}

}  // namespace fg::ingest
