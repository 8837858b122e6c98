// Azure Cost Management cost details → FOCUS: EA and MCA column sets, actual and amortized datasets.
// Header names are matched without case or separators (`CostInBillingCurrency`,
// `costInBillingCurrency`), and the older EA names (`Cost`, `BillingCurrency`, `Product`) are read
// like the newer ones. Column by column in docs/FORMATS.md "Azure cost details".
#pragma once

#include <memory>

#include "core/result.hpp"
#include "ingest/csv/csv_reader.hpp"
#include "ingest/focus/conformance_report.hpp"
#include "ingest/focus/record_interpreter.hpp"
#include "ingest/native/source_columns.hpp"

namespace fg::ingest::azure {

//! Which dataset a cost details file is: the columns are the same, the amounts differ.
enum class Dataset { kActual, kAmortized };

//! True when the header (folded with azure_fold) is a cost details file's.
bool is_cost_details_header(const native::SourceColumns& azure_folded);

//! The reading of a cost details file of `dataset`. invalid_argument when a needed column is absent.
Result<std::unique_ptr<FileInterpretation>> cost_details_interpretation(const CsvRecord& header, Dataset dataset,
                                                                        ConformanceReport& findings);

}  // namespace fg::ingest::azure
