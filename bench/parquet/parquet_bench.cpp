// parquet_bench FILE RUNS: decodes the cost columns of FILE with finguard's Parquet reader (one row
// group at a time, only the selected columns) and sums the cost exactly per currency-free column.
// Prints one JSON line per run: {"rows", "seconds", "rows_per_s", "sum"}. bench/parquet/run.sh runs it
// beside DuckDB's read_parquet on the same file.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <string>

#include "ingest/parquet/parquet_file.hpp"

using namespace fg::ingest::parquet;

// User + system CPU seconds of this process so far.
static double cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: parquet_bench FILE [RUNS]\n");
    return 2;
  }
  const int runs = argc > 2 ? std::stoi(argv[2]) : 1;
  for (int run = 0; run < runs; ++run) {
    const auto t0 = std::chrono::steady_clock::now();
    const double c0 = cpu_seconds();
    auto src = open_file_source(argv[1]);
    if (!src.ok()) return std::fprintf(stderr, "%s\n", src.status().to_string().c_str()), 1;
    auto file = ParquetFile::open(**src);
    if (!file.ok()) return std::fprintf(stderr, "%s\n", file.status().to_string().c_str()), 1;
    auto sel = (*file)->select({"line_item_unblended_cost", "line_item_usage_amount", "line_item_usage_start_date"});
    if (!sel.ok()) return std::fprintf(stderr, "%s\n", sel.status().to_string().c_str()), 1;
    fg::MoneySum cost, usage;
    std::int64_t latest = 0;
    std::uint64_t rows = 0;
    for (std::size_t g = 0; g < (*file)->num_row_groups(); ++g) {
      auto rg = (*file)->read_row_group(g, *sel);
      if (!rg.ok()) return std::fprintf(stderr, "%s\n", rg.status().to_string().c_str()), 1;
      const ColumnBatch& c = *rg->column("line_item_unblended_cost");
      const ColumnBatch& u = *rg->column("line_item_usage_amount");
      const ColumnBatch& t = *rg->column("line_item_usage_start_date");
      for (std::size_t r = 0; r < c.num_rows(); ++r) {
        if (!c.is_null(r)) cost.add(c.decimal(r));
        if (!u.is_null(r)) usage.add(u.decimal(r));
        if (!t.is_null(r) && t.timestamp(r).micros > latest) latest = t.timestamp(r).micros;
      }
      rows += rg->num_rows();
    }
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf(
        "{\"rows\":%llu,\"seconds\":%.4f,\"cpu_seconds\":%.4f,\"rows_per_s\":%.0f,\"sum\":\"%s\",\"usage\":\"%s\"}\n",
        static_cast<unsigned long long>(rows), s, cpu_seconds() - c0, rows / s, cost.total()->to_string().c_str(),
        usage.total()->to_string().c_str());
  }
  return 0;
}
