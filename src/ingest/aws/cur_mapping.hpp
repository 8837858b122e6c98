// AWS Cost and Usage Report → FOCUS: legacy CUR CSV (`lineItem/UnblendedCost`, one
// `resourceTags/user:<key>` column per tag) and CUR 2.0 from Data Exports (`line_item_unblended_cost`,
// `resource_tags` as a JSON map, keys `user_<key>`). Column by column in docs/FORMATS.md "AWS CUR".
// Effective (amortized) cost comes from the reservation and Savings Plans columns by line-item type,
// so covered usage is not counted twice with its RI/SP fees.
#pragma once

#include <memory>

#include "core/result.hpp"
#include "ingest/csv/csv_reader.hpp"
#include "ingest/focus/conformance_report.hpp"
#include "ingest/focus/record_interpreter.hpp"
#include "ingest/native/source_columns.hpp"

namespace fg::ingest::aws {

//! True when the header is a CUR's: it has a line-item type and an unblended cost, in either naming.
bool is_cur_header(const native::SourceColumns& aws_folded);

//! The CUR reading of a file with `header`. invalid_argument when a column the mapping needs is absent.
Result<std::unique_ptr<FileInterpretation>> cur_interpretation(const CsvRecord& header, ConformanceReport& findings);

}  // namespace fg::ingest::aws
