// costdb_bench: times finguard's cost store on a FOCUS file, for bench/run.sh.
//
//   costdb_bench ingest DATA_DIR FILE|-     one strict ingest; prints rows, seconds, rows/s, MB/s, peak RSS
//   costdb_bench query DATA_DIR RUNS        group-by ServiceName × day and top-20 ResourceId, each RUNS
//                                           times; prints every time and the per-currency totals
// Output is one JSON object per line, so the runner can parse it.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "costdb/cost_store.hpp"
#include "ingest/focus/focus_ingest.hpp"
#include "support/scope_for_test.hpp"

using namespace fg;

namespace {

OrgScope bench_scope() {
  return testing::ScopeForTest::org(*OrgId::parse("00000000-0000-4000-8000-00000000be7c"));
}

double peak_rss_mb() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<double>(ru.ru_maxrss) / 1024.0;
}

// CPU seconds of the calling thread, or of the whole process: on a shared machine these are
// steadier than wall time, and the ingest thread's share shows whether it is the bottleneck.
double cpu_seconds(int who) {
  rusage ru{};
  getrusage(who, &ru);
  return static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
         static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

int run_ingest(const std::string& dir, const std::string& file) {
  auto store = costdb::CostStore::open(dir);
  if (!store.ok()) return std::fprintf(stderr, "%s\n", store.status().message().c_str()), 1;
  ingest::IngestOptions opts;
  opts.source = "bench";
  auto sum = ingest::ingest_focus(**store, bench_scope(), {file}, opts);
  if (!sum.ok()) return std::fprintf(stderr, "%s\n", sum.status().message().c_str()), 1;
  if (!sum->accepted)
    return std::fprintf(stderr, "rejected: %llu errors\n", (unsigned long long)sum->findings.errors()), 1;
  const double bytes = static_cast<double>(sum->objects.at(0).bytes);
  std::printf(
      "{\"rows\":%llu,\"seconds\":%.3f,\"rows_per_s\":%.0f,\"mb_per_s\":%.1f,\"peak_rss_mb\":%.0f,"
      "\"cpu_s\":%.2f,\"ingest_thread_cpu_s\":%.2f}\n",
      static_cast<unsigned long long>(sum->rows_ingested), sum->seconds,
      static_cast<double>(sum->rows_ingested) / sum->seconds, bytes / 1e6 / sum->seconds, peak_rss_mb(),
      cpu_seconds(RUSAGE_SELF), cpu_seconds(RUSAGE_THREAD));
  return 0;
}

template <typename F>
std::vector<double> time_runs(int runs, F&& f) {
  std::vector<double> out;
  for (int i = 0; i < runs; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    if (!f()) return {};
    out.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
  }
  return out;
}

std::string json_times(const std::vector<double>& v) {
  std::string s = "[";
  for (double d : v) s += (s.size() > 1 ? "," : "") + std::to_string(d);
  return s + "]";
}

int run_query(const std::string& dir, int runs) {
  auto store = costdb::CostStore::open(dir);
  if (!store.ok()) return 1;
  const OrgScope scope = bench_scope();
  // The peers' queries sum BilledCost only, so the compared queries ask for that one sum; the same
  // group-by with all five sums and the count (what the cost API returns) is timed beside them.
  costdb::Query by_day;
  by_day.group_by = {costdb::Dimension::of(costdb::Column::kServiceName), costdb::Dimension::day()};
  by_day.sums = {costdb::Metric::kBilledCost};
  costdb::Query by_day_all = by_day;
  by_day_all.sums.clear();
  costdb::Query top;
  top.group_by = {costdb::Dimension::of(costdb::Column::kResourceId)};
  top.top_n = 20;
  top.sums = {costdb::Metric::kBilledCost};
  costdb::QueryResult r1, r2, r3;
  auto timed = [&](const costdb::Query& q, costdb::QueryResult& out) {
    return time_runs(runs, [&] {
      auto r = (*store)->query(scope, q);
      if (!r.ok()) std::fprintf(stderr, "%s\n", r.status().message().c_str());
      return r.ok() ? (out = std::move(r).value(), true) : false;
    });
  };
  auto t1 = timed(by_day, r1);
  auto t2 = timed(top, r2);
  auto t3 = timed(by_day_all, r3);
  if (t1.empty() || t2.empty() || t3.empty()) return 1;
  std::string totals;
  for (const auto& [cur, a] : r1.totals) {
    totals += (totals.empty() ? "" : ",") + ("\"" + cur + "\":\"" + a.billed_cost.to_string() + "\"");
  }
  std::printf(
      "{\"groupby_service_day_ms\":%s,\"groups\":%zu,\"top20_resources_ms\":%s,\"groupby_all_sums_ms\":%s,"
      "\"billed_by_currency\":{%s}}\n",
      json_times(t1).c_str(), r1.rows.size(), json_times(t2).c_str(), json_times(t3).c_str(), totals.c_str());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 4 && std::string(argv[1]) == "ingest") return run_ingest(argv[2], argv[3]);
  if (argc == 4 && std::string(argv[1]) == "query") return run_query(argv[2], std::max(1, std::atoi(argv[3])));
  std::fprintf(stderr, "usage: costdb_bench ingest DATA_DIR FILE|- | query DATA_DIR RUNS\n");
  return 2;
}
