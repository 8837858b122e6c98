// FOCUS ingest: one delivery of one or more CSV objects, FOCUS or a native export mapped to FOCUS
// (billing_format.hpp; src/ingest/aws, azure, gcp) (plain, .gz, .zst or stdin) into one source
// of one org, committed atomically (CORRECTIONS.md "Sources and re-ingest").
//
// Modes (CORRECTIONS.md "Lenient vs strict"):
//   strict   any conformance error (focus_validator.hpp) rejects the whole delivery; nothing is
//            written and the summary lists the findings;
//   lenient  known non-conformant layouts are read and counted as warnings ("YYYY-MM-DD HH:MM:SS"
//            as UTC, NULL/null as empty, invalid UTF-8 in text with U+FFFD replacements); rows that cannot be
//            interpreted (a cell that is not a number or a date, no BillingPeriodStart, a wrong field count) are
//            quarantined with their line numbers and reasons; the rest is ingested.
// Structural failures (unreadable, truncated or corrupt stream, unterminated quote, a record over
// the size limit, no header) fail the call with invalid_argument and also write nothing.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/money.hpp"
#include "core/org_scope.hpp"
#include "core/result.hpp"
#include "costdb/cost_store_interface.hpp"
#include "ingest/csv/csv_reader.hpp"
#include "ingest/focus/conformance_report.hpp"
#include "ingest/native/billing_format.hpp"
#include "ingest/source/expansion_limit.hpp"
#include "ingest/source/raw_input.hpp"

namespace fg::ingest {

enum class IngestMode { kStrict, kLenient };

struct IngestProgress {
  std::string input;            //!< object name
  std::uint64_t raw_bytes = 0;  //!< of the current object
  std::uint64_t raw_total = 0;  //!< its size, 0 if unknown (stdin)
  std::uint64_t rows = 0;       //!< rows read so far, all objects
  double elapsed_seconds = 0;
};

//! Caps on one delivery (issue 20; settings ingest_max_*, docs/SECURITY.md "Limits and abuse"). 0 = none.
//! Past max_rows or an expansion cap the call fails with invalid_argument naming the setting and
//! writes nothing. Past a quarantine cap a lenient ingest keeps counting without writing more lines;
//! past max_strict_error_rows a strict ingest stops reading and rejects the delivery.
struct IngestCaps {
  ExpansionLimits expansion;
  std::uint64_t max_rows = 0;
  std::uint64_t max_quarantine_rows = 0;
  std::uint64_t max_quarantine_bytes = 0;
  std::uint64_t max_strict_error_rows = 0;
};

struct IngestOptions {
  std::string source;  //!< empty: the first input's base name ("stdin" for "-")
  IngestMode mode = IngestMode::kStrict;
  //! FOCUS or a native export (billing_format.hpp); kAuto detects it from each object's header. One
  //! delivery is one format: objects detected as different formats fail the call.
  BillingFormat format = BillingFormat::kAuto;
  std::filesystem::path quarantine_path;  //!< lenient: where quarantined rows are listed (CSV); empty = none
  std::function<void(const IngestProgress&)> progress;  //!< every 65,536 rows and at each object's end
  CsvLimits limits;
  IngestCaps caps;
};

struct QuarantinedRow {
  std::string input;
  std::uint64_t line = 0;
  std::string reason;  //!< rule:column, never the cell's content
};

struct IngestSummary {
  std::string source;
  std::string format;     //!< the format the objects were read as ("focus", "aws-cur", ...)
  bool accepted = false;  //!< false: strict mode rejected the delivery (see findings)
  std::vector<costdb::SourceObject> objects;
  std::uint64_t rows_read = 0;
  std::uint64_t rows_ingested = 0;
  std::uint64_t rows_quarantined = 0;
  std::vector<QuarantinedRow> quarantine_sample;  //!< the first 100
  std::uint64_t quarantine_lines = 0;             //!< rows listed in the report (all, unless truncated)
  bool quarantine_truncated = false;              //!< a quarantine cap stopped the report
  bool validation_stopped = false;                //!< strict: max_strict_error_rows stopped the read
  std::uint64_t rounded_rows = 0;                 //!< rows with a decimal past 18 fractional digits
  Int128 residue_e36 = 0;                         //!< Σ (exact − stored) × 10^36 over those cells
  std::uint64_t lenient_timestamps = 0;           //!< cells read in the "YYYY-MM-DD HH:MM:SS" (or other ISO) form
  std::uint64_t lenient_nulls = 0;                //!< NULL/null cells read as empty
  std::uint64_t lenient_utf8 = 0;                 //!< text cells with invalid UTF-8, stored with U+FFFD
  ConformanceReport findings;
  std::map<std::string, Money> billed_by_currency;  //!< BilledCost of the ingested rows
  std::optional<costdb::CommitSummary> commit;      //!< set when the delivery was committed
  double seconds = 0;
};

//! Ingests `inputs` (files, streamed cloud objects, bytes in memory) as one delivery, read in order.
//! See the notes above for errors.
Result<IngestSummary> ingest_focus(const costdb::ICostStore& store, const OrgScope& scope,
                                   std::vector<std::unique_ptr<RawInput>> inputs, const IngestOptions& options);
//! ingest_focus() of the files at `paths` ("-" = stdin, at most once), each opened before the delivery
//! begins: a missing file is not_found and nothing is written.
Result<IngestSummary> ingest_focus(const costdb::ICostStore& store, const OrgScope& scope,
                                   const std::vector<std::string>& paths, const IngestOptions& options);

struct ValidationReport {
  std::uint64_t rows = 0;
  ConformanceReport findings;
};

//! Reads `path` and reports every rule it violates (`finguard ingest validate`). Structural
//! failures are errors, as for ingest.
Result<ValidationReport> validate_focus(const std::string& path, const CsvLimits& limits = {});

}  // namespace fg::ingest
