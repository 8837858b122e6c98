// jobs_bench: claim-run-complete throughput of no-op jobs through the real Worker (claim, handler,
// complete, heartbeats), with 1, 2 and 4 runner threads, on SQLite and on PostgreSQL.
//
//   jobs_bench [--jobs N] [--workers 1,2,4] [--backend sqlite|postgres|both]
//
// PostgreSQL needs FG_TEST_PG_URL (scripts/with-postgres.sh sets it); each run gets a fresh database,
// connected as the application role, like production. Prints one line per run and a markdown table.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "audit/audit_log.hpp"
#include "core/config.hpp"
#include "core/log.hpp"
#include "jobs/job_queue.hpp"
#include "store/migrator.hpp"
#include "support/pg_test_db.hpp"
#include "support/scope_for_test.hpp"
#include "support/test_env.hpp"
#include "worker/worker.hpp"

namespace {

using namespace fg;

constexpr jobs::JobKind kNoop{"bench.noop", true, 5};

struct Run {
  std::string backend;
  int workers;
  int jobs;
  double seconds;
};

std::string fresh_url(const std::string& backend) {
  if (backend == "postgres") {
    std::optional<testing::PgTestDb> db = testing::create_pg_test_db();
    if (!db) {
      std::fprintf(stderr, "jobs_bench: FG_TEST_PG_URL is not set\n");
      std::exit(2);
    }
    return db->app_url;
  }
  const std::string url = "sqlite:" + testing::make_temp_dir("fg-jobs-bench-") + "/finguard.db";
  if (!store::migrate(url).ok()) std::exit(2);
  return url;
}

Run run_once(const std::string& backend, int workers, int n) {
  const std::string url = fresh_url(backend);
  Result<std::unique_ptr<store::Database>> db = store::Database::open({.url = url, .pool_size = workers + 4});
  if (!db.ok()) std::exit(2);
  const OrgId org = OrgId::random();
  const OrgScope scope = testing::ScopeForTest::org(org);
  {
    Result<store::OrgTransaction> tx = (*db)->begin(scope);
    if (!tx->exec("INSERT INTO orgs (id, slug, name, created_at) VALUES ($1, 'bench', 'Bench', 1)", {org}).ok()) {
      std::exit(2);
    }
    jobs::JobQueue queue(**db);
    for (int i = 0; i < n; ++i) {
      if (!queue.enqueue(*tx, {kNoop, std::to_string(i), {}, {}}).ok()) std::exit(2);
    }
    if (!tx->commit().ok()) std::exit(2);
  }
  worker::HandlerTable handlers;
  if (!handlers.add(kNoop, [](worker::JobContext&) { return ok_status(); }).ok()) std::exit(2);
  jobs::JobMetrics metrics;
  audit::AuditLog audit;
  worker::WorkerOptions options;
  options.concurrency = workers;
  options.poll = std::chrono::milliseconds(1);
  options.run_scheduler = false;
  worker::Worker w(**db, std::move(handlers), options, metrics, audit);
  const auto t0 = std::chrono::steady_clock::now();
  w.start();
  while (w.finished_count() < static_cast<std::uint64_t>(n)) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  w.stop();
  w.wait();
  return {backend, workers, n, secs};
}

}  // namespace

int main(int argc, char** argv) {
  int n = 5000;
  std::vector<int> worker_counts = {1, 2, 4};
  std::string backends = "both";
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--jobs") n = std::atoi(argv[i + 1]);
    if (flag == "--backend") backends = argv[i + 1];
    if (flag == "--workers") {
      worker_counts.clear();
      for (const char* p = argv[i + 1]; *p != '\0';) {
        worker_counts.push_back(std::atoi(p));
        while (*p != '\0' && *p != ',') ++p;
        if (*p == ',') ++p;
      }
    }
  }
  fg::Config log_cfg;
  log_cfg.log_level = "warn";
  fg::log::init(log_cfg);
  std::vector<Run> runs;
  for (const char* backend : {"sqlite", "postgres"}) {
    if (backends != "both" && backends != backend) continue;
    for (int w : worker_counts) {
      Run r = run_once(backend, w, n);
      std::printf("%s workers=%d jobs=%d seconds=%.3f jobs/s=%.0f\n", r.backend.c_str(), r.workers, r.jobs, r.seconds,
                  r.jobs / r.seconds);
      std::fflush(stdout);
      runs.push_back(r);
    }
  }
  std::printf("\n| backend | workers | jobs | seconds | jobs/s |\n|---|---|---|---|---|\n");
  for (const Run& r : runs) {
    std::printf("| %s | %d | %d | %.2f | %.0f |\n", r.backend.c_str(), r.workers, r.jobs, r.seconds,
                r.jobs / r.seconds);
  }
  return 0;
}
