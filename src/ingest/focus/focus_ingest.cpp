#include "ingest/focus/focus_ingest.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include <fmt/format.h>

#include "ingest/focus/focus_validator.hpp"
#include "ingest/focus/internal/parallel_reader.hpp"

namespace fg::ingest {

using costdb::Column;

namespace {

constexpr std::uint64_t kProgressEvery = 65536;
constexpr std::size_t kQuarantineSample = 100;

// Parse workers: one per core (at most 4); this thread encodes and writes meanwhile.
int parse_threads() {
  return static_cast<int>(std::clamp(std::thread::hardware_concurrency(), 1u, 4u));
}

std::string quarantine_reason(const ParsedRow& row) {
  if (!row.unmapped_reason.empty()) return row.unmapped_reason;
  if (row.field_count_mismatch) return "row.field_count";
  for (const costdb::ColumnInfo& ci : costdb::all_columns()) {
    if (ci.level == costdb::FocusLevel::kNotFocus) continue;
    const CellState s = row.cell(ci.column);
    if (s == CellState::kBadDecimal) return fmt::format("format.decimal:{}", ci.name);
    if (s == CellState::kBadTime) return fmt::format("format.datetime:{}", ci.name);
  }
  return "value.not_null:BillingPeriodStart";
}

// Lists quarantined rows as CSV (input,line,reason), created on the first one, up to the caps.
class QuarantineFile {
 public:
  QuarantineFile(std::filesystem::path path, std::uint64_t max_rows, std::uint64_t max_bytes)
      : path_(std::move(path)), max_rows_(max_rows), max_bytes_(max_bytes) {}
  //! Adds `q` unless a cap is reached (then full() is true and nothing more is written).
  Status add(const QuarantinedRow& q) {
    if (path_.empty() || full_) return ok_status();
    std::string line = "\"";
    for (char c : q.input) {
      if (c == '"') line += '"';  // CSV: a quote inside a quoted field is doubled
      line += c;
    }
    line += fmt::format("\",{},{}\n", q.line, q.reason);
    if ((max_rows_ != 0 && lines_ >= max_rows_) || (max_bytes_ != 0 && bytes_ + line.size() > max_bytes_)) {
      full_ = true;
      return ok_status();
    }
    if (!out_.is_open()) {
      out_.open(path_, std::ios::out | std::ios::trunc);
      if (!out_) return invalid_argument_error("cannot write the quarantine report");
      static constexpr std::string_view kHeader = "input,line,reason\n";
      out_ << kHeader;
      bytes_ += kHeader.size();
    }
    out_ << line;
    bytes_ += line.size();
    ++lines_;
    return out_ ? ok_status() : invalid_argument_error("cannot write the quarantine report");
  }
  bool full() const { return full_; }
  std::uint64_t lines() const { return lines_; }

 private:
  std::filesystem::path path_;
  std::uint64_t max_rows_;
  std::uint64_t max_bytes_;
  std::ofstream out_;
  std::uint64_t lines_ = 0;
  std::uint64_t bytes_ = 0;
  bool full_ = false;
};

}  // namespace

Result<IngestSummary> ingest_focus(const costdb::ICostStore& store, const OrgScope& scope,
                                   const std::vector<std::string>& paths, const IngestOptions& options) {
  if (paths.empty()) return invalid_argument_error("no input files");
  if (std::count(paths.begin(), paths.end(), std::string("-")) > 1) {
    return invalid_argument_error("stdin (-) can be read only once");
  }
  std::vector<std::unique_ptr<RawInput>> inputs;
  for (const std::string& path : paths) {
    auto opened = open_file_input(path);
    if (!opened.ok()) return opened.status().with_context(path == "-" ? "stdin" : path);
    inputs.push_back(std::move(*opened));
  }
  return ingest_focus(store, scope, std::move(inputs), options);
}

Result<IngestSummary> ingest_focus(const costdb::ICostStore& store, const OrgScope& scope,
                                   std::vector<std::unique_ptr<RawInput>> inputs, const IngestOptions& options) {
  if (inputs.empty() || std::count(inputs.begin(), inputs.end(), nullptr) > 0) {
    return invalid_argument_error("no input files");
  }
  const auto started = std::chrono::steady_clock::now();
  auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(); };

  IngestSummary sum;
  sum.source =
      options.source.empty() ? (inputs[0]->name() == "-" ? std::string("stdin") : inputs[0]->name()) : options.source;
  FG_ASSIGN_OR_RETURN(std::unique_ptr<costdb::IDelivery> delivery, store.begin_delivery(scope, sum.source));
  const bool strict = options.mode == IngestMode::kStrict;
  const IngestCaps& caps = options.caps;
  QuarantineFile quarantine(strict ? std::filesystem::path() : options.quarantine_path, caps.max_quarantine_rows,
                            caps.max_quarantine_bytes);
  std::uint64_t strict_error_rows = 0;
  std::map<std::string, MoneySum, std::less<>> billed;
  const InterpretationChooser chooser = choose_interpretation(options.format);

  for (std::unique_ptr<RawInput>& input : inputs) {
    ConformanceReport file_findings;
    const std::string label = input->label();
    auto opened = internal::ParallelFocusReader::open(std::move(input), options.limits, file_findings, parse_threads(),
                                                      caps.expansion, chooser);
    if (!opened.ok()) return opened.status().with_context(label);
    internal::ParallelFocusReader& reader = **opened;
    if (sum.format.empty()) {
      sum.format = reader.format();
    } else if (sum.format != reader.format()) {
      return invalid_argument_error(
          fmt::format("{} reads as {}, the delivery's earlier objects as {}: one delivery is "
                      "one format",
                      reader.info().name, reader.format(), sum.format));
    }
    const std::string& name = reader.info().name;
    // Errors so far in this file (header, then rows in order): strict mode stops writing at the first.
    std::uint64_t file_errors = file_findings.errors();
    std::string last_currency;
    MoneySum* last_sum = nullptr;
    for (;;) {
      auto batch = reader.next();
      if (!batch.ok()) return batch.status().with_context(name);
      if (!*batch) break;
      const internal::RowBatch& b = **batch;
      sum.lenient_timestamps += b.lenient_timestamps;  // counted by the parse workers
      sum.lenient_nulls += b.lenient_nulls;
      sum.lenient_utf8 += b.lenient_utf8;
      for (std::size_t i = 0; i < b.count; ++i) {
        const ParsedRow& row = b.rows[i];
        if (caps.max_rows != 0 && sum.rows_read >= caps.max_rows) {
          return invalid_argument_error(
              fmt::format("the delivery has more than {} rows (setting ingest_max_rows)", caps.max_rows));
        }
        ++sum.rows_read;
        if (strict) {
          file_errors += b.error_rows[i];
          strict_error_rows += b.error_rows[i];
          // After the first violation nothing will be committed: keep validating (up to the cap), stop writing.
          if (caps.max_strict_error_rows != 0 && strict_error_rows >= caps.max_strict_error_rows) {
            sum.validation_stopped = true;
            break;
          }
          if (file_errors != 0 || sum.findings.errors() != 0) continue;
        } else if (row.uninterpretable()) {
          ++sum.rows_quarantined;
          QuarantinedRow q{name, b.lines[i], quarantine_reason(row)};
          FG_TRY(quarantine.add(q));
          if (sum.quarantine_sample.size() < kQuarantineSample) sum.quarantine_sample.push_back(std::move(q));
          continue;
        }
        FG_TRY(delivery->append(row.item));
        ++sum.rows_ingested;
        if (row.rounded) {
          ++sum.rounded_rows;
          if (__builtin_add_overflow(sum.residue_e36, row.residue_e36, &sum.residue_e36)) {
            return invalid_argument_error("rounding residue out of range");
          }
        }
        const std::string_view currency = row.item.get_text(Column::kBillingCurrency);
        if (!last_sum || currency != last_currency) {
          last_currency = std::string(currency);
          last_sum = &billed[last_currency];
        }
        last_sum->add(row.item.money[costdb::index_of(Column::kBilledCost)]);
        if (options.progress && sum.rows_read % kProgressEvery == 0) {
          options.progress({name, reader.raw_bytes(), reader.info().size, sum.rows_read, elapsed()});
        }
      }
      file_findings.merge(b.findings);
      if (sum.validation_stopped) break;
    }
    if (sum.validation_stopped) {
      sum.findings.merge(file_findings);
      break;  // the delivery is rejected: the remaining rows and objects are not read
    }
    sum.objects.push_back({name, reader.sha256(), reader.raw_bytes(), reader.rows()});
    delivery->add_object(sum.objects.back());
    sum.findings.merge(file_findings);
    if (options.progress) options.progress({name, reader.raw_bytes(), reader.info().size, sum.rows_read, elapsed()});
  }

  for (const auto& [currency, s] : billed) {
    auto total = s.total();
    if (!total.ok()) return total.status().with_context("BilledCost total");
    sum.billed_by_currency.emplace(currency, *total);
  }
  sum.seconds = elapsed();
  sum.quarantine_lines = quarantine.lines();
  sum.quarantine_truncated = quarantine.full();
  if (strict && (sum.findings.errors() != 0 || sum.validation_stopped)) {
    sum.accepted = false;
    sum.rows_ingested = 0;
    sum.billed_by_currency.clear();
    return sum;  // the delivery is destroyed uncommitted: its files are removed
  }
  FG_ASSIGN_OR_RETURN(costdb::CommitSummary commit, delivery->commit());
  sum.commit = std::move(commit);
  sum.accepted = true;
  sum.seconds = elapsed();
  return sum;
}

Result<ValidationReport> validate_focus(const std::string& path, const CsvLimits& limits) {
  ValidationReport report;
  FG_ASSIGN_OR_RETURN(std::unique_ptr<RawInput> input, open_file_input(path));
  FG_ASSIGN_OR_RETURN(std::unique_ptr<internal::ParallelFocusReader> reader,
                      internal::ParallelFocusReader::open(std::move(input), limits, report.findings, parse_threads()));
  for (;;) {
    FG_ASSIGN_OR_RETURN(const internal::RowBatch* b, reader->next());
    if (!b) break;
    report.rows += b->count;
    report.findings.merge(b->findings);
  }
  return report;
}

}  // namespace fg::ingest
