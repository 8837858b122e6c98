// `finguard ingest`: FOCUS files into the cost store, and `finguard ingest validate`.
//
//   finguard ingest validate FILE
//   finguard ingest --org ORG [--source NAME] [--lenient] [--quarantine FILE] FILE...|-
//
// Progress goes to stderr: a bar on a terminal, a plain line every few seconds otherwise.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "app/commands/commands.hpp"
#include "app/database_setup.hpp"
#include "app/ingest_caps.hpp"
#include "app/operator_scope_factory.hpp"
#include "audit/audit_log.hpp"
#include "costdb/cost_store.hpp"
#include "ingest/aws/cur_manifest.hpp"
#include "ingest/focus/focus_ingest.hpp"
#include "uploads/upload_service.hpp"

namespace fg::app {
namespace {

// The org → OrgScope step of `ingest --org`: resolves ORG by slug, exact name or id through the
// metadata store and audits the OS user (CORRECTIONS.md "Tenancy"). Only app::OperatorScopeFactory
// may mint the scope.
Result<OrgScope> resolve_operator_scope(store::Database& db, const std::string& org) {
  audit::AuditLog log;
  OperatorScopeFactory factory(db, log);
  return factory.for_org(org, "ingest");
}

// Records the committed delivery in the org's audit chain (UploadService::record_delivery: the one
// writer of ingest.completed, once per delivery id).
Status audit_ingest(store::Database& db, const OrgScope& scope, const Config& config, const ingest::IngestSummary& s) {
  if (!s.commit) return ok_status();
  audit::AuditLog log;
  const uploads::UploadService service(db, log, config.data_dir);
  return service.record_delivery(scope,
                                 {.delivery_id = s.commit->delivery_id,
                                  .source = s.source,
                                  .rows = s.commit->rows,
                                  .periods = s.commit->periods.size(),
                                  .rows_quarantined = s.rows_quarantined},
                                 audit::Origin{});
}

std::string human_bytes(double b) {
  const char* units[] = {"B", "KB", "MB", "GB", "TB"};
  int u = 0;
  while (b >= 1000 && u < 4) b /= 1000, ++u;
  return fmt::format("{:.1f} {}", b, units[u]);
}

class ProgressPrinter {
 public:
  ProgressPrinter() : tty_(::isatty(STDERR_FILENO) == 1) {}
  void operator()(const ingest::IngestProgress& p) {
    const double rate = p.elapsed_seconds > 0 ? static_cast<double>(p.rows) / p.elapsed_seconds : 0;
    if (tty_) {
      std::string bar;
      std::string eta = "?";
      if (p.raw_total) {
        const double frac = std::min(1.0, static_cast<double>(p.raw_bytes) / static_cast<double>(p.raw_total));
        const int filled = static_cast<int>(frac * 30);
        bar = fmt::format("[{}{}] {:3.0f}% ", std::string(filled, '#'), std::string(30 - filled, '.'), frac * 100);
        if (frac > 0) eta = fmt::format("{:.0f}s", p.elapsed_seconds / frac - p.elapsed_seconds);
      }
      std::fprintf(stderr, "\r%s%s %s, %llu rows, %.0f rows/s, ETA %s   ", p.input.c_str(), bar.c_str(),
                   human_bytes(static_cast<double>(p.raw_bytes)).c_str(), static_cast<unsigned long long>(p.rows), rate,
                   eta.c_str());
      return;
    }
    if (p.elapsed_seconds - last_ < 2.0) return;
    last_ = p.elapsed_seconds;
    std::fprintf(stderr, "ingest: %s: %s read, %llu rows, %.0f rows/s\n", p.input.c_str(),
                 human_bytes(static_cast<double>(p.raw_bytes)).c_str(), static_cast<unsigned long long>(p.rows), rate);
  }
  void done() {
    if (tty_) std::fprintf(stderr, "\n");
  }

 private:
  bool tty_;
  double last_ = -10;
};

void print_findings(const ingest::ConformanceReport& findings) {
  for (const ingest::ConformanceIssue& f : findings.list()) {
    std::string lines;
    for (std::uint64_t l : f.lines) lines += (lines.empty() ? "" : ",") + std::to_string(l);
    std::printf("  %-7s %-28s %-34s %8llu  %s%s%s\n", f.severity == ingest::Severity::kError ? "error" : "warning",
                f.rule.c_str(), f.column.c_str(), static_cast<unsigned long long>(f.count), f.message.c_str(),
                lines.empty() ? "" : "; lines ", lines.c_str());
  }
}

int run_validate(const std::string& file) {
  auto report = ingest::validate_focus(file);
  if (!report.ok()) {
    std::fprintf(stderr, "finguard ingest validate: %s\n", report.status().message().c_str());
    return kExitFailure;
  }
  std::printf("%s: %llu rows, %llu errors, %llu warnings\n", file.c_str(),
              static_cast<unsigned long long>(report->rows), static_cast<unsigned long long>(report->findings.errors()),
              static_cast<unsigned long long>(report->findings.warnings()));
  print_findings(report->findings);
  return report->findings.errors() == 0 ? kExitOk : kExitFailure;
}

void print_summary(const ingest::IngestSummary& s) {
  std::printf("source %s: %s\n", s.source.c_str(),
              s.accepted ? "committed" : "REJECTED (strict mode; nothing written)");
  std::printf("  format: %s\n", s.format.c_str());
  std::printf("  rows: %llu read, %llu ingested, %llu quarantined\n", static_cast<unsigned long long>(s.rows_read),
              static_cast<unsigned long long>(s.rows_ingested), static_cast<unsigned long long>(s.rows_quarantined));
  if (s.quarantine_truncated) {
    std::printf("  the quarantine report stopped at %llu lines (settings ingest_max_quarantine_rows/_bytes)\n",
                static_cast<unsigned long long>(s.quarantine_lines));
  }
  if (s.validation_stopped) {
    std::printf("  validation stopped early: too many rows with errors (setting ingest_max_strict_error_rows)\n");
  }
  if (s.lenient_timestamps || s.lenient_nulls || s.lenient_utf8) {
    std::printf(
        "  lenient warnings: %llu non-FOCUS timestamps read as UTC, %llu NULL/null read as empty, %llu text cells "
        "with invalid UTF-8 stored with U+FFFD\n",
        static_cast<unsigned long long>(s.lenient_timestamps), static_cast<unsigned long long>(s.lenient_nulls),
        static_cast<unsigned long long>(s.lenient_utf8));
  }
  if (s.rounded_rows) {
    std::printf("  rounded: %llu rows past 18 fractional digits, residue %s e-36\n",
                static_cast<unsigned long long>(s.rounded_rows), int128_to_string(s.residue_e36).c_str());
  }
  for (const auto& [currency, total] : s.billed_by_currency) {
    std::printf("  BilledCost %s %s\n", currency.empty() ? "(no currency)" : currency.c_str(),
                total.to_string().c_str());
  }
  if (s.commit) {
    std::printf("  delivery %s: %zu billing period(s), %llu replaced, manifest generation %llu\n",
                s.commit->delivery_id.c_str(), s.commit->periods.size(),
                static_cast<unsigned long long>(s.commit->replaced_partitions),
                static_cast<unsigned long long>(s.commit->generation));
  }
  for (const ingest::QuarantinedRow& q : s.quarantine_sample) {
    std::printf("  quarantined %s line %llu: %s\n", q.input.c_str(), static_cast<unsigned long long>(q.line),
                q.reason.c_str());
  }
  if (!s.findings.empty()) print_findings(s.findings);
  std::printf("  %.2f s\n", s.seconds);
}

Result<ingest::aws::CurManifest> read_cur_manifest(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return not_found_error("cannot read the CUR manifest " + path);
  std::string text;
  // A manifest lists keys and columns: a few hundred KB at most.
  constexpr std::size_t kMaxManifestBytes = 16 << 20;
  text.resize(kMaxManifestBytes + 1);
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  if (text.size() > kMaxManifestBytes) return invalid_argument_error("the CUR manifest is larger than 16 MiB");
  return ingest::aws::parse_cur_manifest(text);
}

struct IngestArgs {
  std::string org;
  std::string source;
  bool lenient = false;
  std::string format = "auto";
  std::string cur_manifest;
  std::string quarantine;
  std::vector<std::string> files;
  std::string validate_file;
};

int run_ingest(CliContext& ctx, const IngestArgs& a) {
  const std::optional<ingest::BillingFormat> format = ingest::parse_format(a.format);
  if (!format) {
    std::fprintf(stderr, "finguard ingest: --format must be one of %s\n", std::string(ingest::format_names()).c_str());
    return kExitFailure;
  }
  auto config = ctx.load();
  if (!config.ok()) return kExitBadConfig;
  auto db = open_database(*config);
  if (!db.ok()) {
    std::fprintf(stderr, "finguard ingest: %s\n", db.status().message().c_str());
    return kExitFailure;
  }
  auto scope = resolve_operator_scope(**db, a.org);
  if (!scope.ok()) {
    std::fprintf(stderr, "finguard ingest: %s\n", scope.status().message().c_str());
    return kExitFailure;
  }
  auto store = costdb::CostStore::open(config->data_dir);
  if (!store.ok()) {
    std::fprintf(stderr, "finguard ingest: %s\n", store.status().message().c_str());
    return kExitFailure;
  }
  std::vector<std::string> files = a.files;
  std::string source = a.source;
  ingest::BillingFormat chosen = *format;
  if (!a.cur_manifest.empty()) {
    // A legacy CUR delivery: its manifest lists the period's files; the report's name is the source,
    // so the delivery replaces that period's earlier one.
    auto manifest = read_cur_manifest(a.cur_manifest);
    if (!manifest.ok()) {
      std::fprintf(stderr, "finguard ingest: %s (nothing was written)\n", manifest.status().message().c_str());
      return kExitFailure;
    }
    auto listed = ingest::aws::local_report_files(*manifest, a.cur_manifest);
    if (!listed.ok()) {
      std::fprintf(stderr, "finguard ingest: %s (nothing was written)\n", listed.status().message().c_str());
      return kExitFailure;
    }
    std::printf("CUR manifest: report %s, billing period %s, assembly %s, %zu file(s)\n", manifest->report_name.c_str(),
                manifest->period.c_str(), manifest->assembly_id.c_str(), listed->size());
    files = std::move(*listed);
    if (source.empty()) source = manifest->report_name;
    chosen = ingest::BillingFormat::kAwsCur;
  }
  ingest::IngestOptions opts;
  opts.source = source;
  opts.mode = a.lenient ? ingest::IngestMode::kLenient : ingest::IngestMode::kStrict;
  opts.format = chosen;
  opts.quarantine_path = a.quarantine;
  opts.caps = ingest_caps(*config);
  ProgressPrinter progress;
  opts.progress = [&progress](const ingest::IngestProgress& p) { progress(p); };
  auto summary = ingest::ingest_focus(**store, *scope, files, opts);
  progress.done();
  if (!summary.ok()) {
    std::fprintf(stderr, "finguard ingest: %s (nothing was written)\n", summary.status().message().c_str());
    return kExitFailure;
  }
  print_summary(*summary);
  if (Status s = audit_ingest(**db, *scope, *config, *summary); !s.ok()) {
    // The data is committed; say so plainly, and the next ingest of the same delivery records it.
    std::fprintf(stderr, "finguard ingest: committed, but the audit entry failed: %s\n", s.message().c_str());
    return kExitFailure;
  }
  return summary->accepted ? kExitOk : kExitFailure;
}

}  // namespace

void add_ingest_command(CLI::App& app, CliContext& ctx) {
  auto args = std::make_shared<IngestArgs>();
  CLI::App* cmd = app.add_subcommand(
      "ingest", "ingest cost exports: FOCUS, AWS CUR, Azure cost details, GCP billing (.csv, .gz, .zst, - for stdin)");
  cmd->add_option("--org", args->org, "organization: slug, exact name or id");
  cmd->add_option("--source", args->source, "source name (default: the first file's base name)");
  cmd->add_flag("--lenient", args->lenient, "accept known non-conformant layouts; quarantine uninterpretable rows");
  cmd->add_option("--format", args->format,
                  "auto (detected from the header), focus, aws-cur, azure-actual, azure-amortized or gcp-billing");
  cmd->add_option("--cur-manifest", args->cur_manifest,
                  "a legacy CUR delivery: its <report>-Manifest.json; its files are read from the folders beside it");
  cmd->add_option("--quarantine", args->quarantine, "lenient: write quarantined rows (input,line,reason) to this CSV");
  cmd->add_option("files", args->files, "cost export files, or - for stdin");
  CLI::App* validate = cmd->add_subcommand("validate", "check a FOCUS file against the conformance rules");
  validate->add_option("file", args->validate_file, "FOCUS CSV file (.csv, .gz, .zst) or -")->required();
  validate->callback([&ctx, args] { ctx.exit_code = run_validate(args->validate_file); });
  cmd->callback([&ctx, args, validate] {
    if (validate->parsed()) return;
    if (args->org.empty() || (args->files.empty() == args->cur_manifest.empty())) {
      std::fprintf(stderr,
                   "finguard ingest: --org ORG and at least one FILE (or -), or --cur-manifest, are required\n");
      ctx.exit_code = kExitFailure;
      return;
    }
    ctx.exit_code = run_ingest(ctx, *args);
  });
}

}  // namespace fg::app
