// Google Cloud billing export → FOCUS: the standard and detailed usage cost tables, as CSV with
// nested fields flattened to dotted names (`service.description`, or `service_description`), and
// the repeated `credits` and `labels` as JSON text. FLOAT64 amounts (`cost`, `credits[].amount`) are
// read as the shortest decimal that round-trips to the double. Column by column in docs/FORMATS.md
// "GCP billing export".
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>

#include "core/result.hpp"
#include "ingest/csv/csv_reader.hpp"
#include "ingest/focus/conformance_report.hpp"
#include "ingest/focus/record_interpreter.hpp"
#include "ingest/native/source_columns.hpp"

namespace fg::ingest::gcp {

//! True when the header (folded with gcp_fold) is a billing export's.
bool is_billing_export_header(const native::SourceColumns& gcp_folded);

//! The start of invoice month `yyyymm` ("202311"): its first day at midnight in America/Los_Angeles,
//! as UTC epoch seconds (07:00Z from April to November, 08:00Z from December to March).
std::optional<std::int64_t> invoice_month_start(std::string_view yyyymm);

//! The reading of a billing export file. invalid_argument when a needed column is absent.
Result<std::unique_ptr<FileInterpretation>> billing_export_interpretation(const CsvRecord& header,
                                                                          ConformanceReport& findings);

}  // namespace fg::ingest::gcp
