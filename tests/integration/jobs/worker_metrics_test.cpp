// The standalone `finguard worker`'s own /metrics listener (--metrics-listen): scraped over HTTP after
// it ran jobs and reaped a killed worker's job, it shows claims, outcomes, the duration histogram,
// lease expiries and the queue depth by status and kind. A bare port listens on 127.0.0.1 only.
#include <signal.h>

#include <fstream>
#include <map>

#include "integration/jobs/worker_fixture.hpp"
#include "raw_client.hpp"
#include "support/test_env.hpp"

namespace fg::jobs {
namespace {

std::string scrape(std::uint16_t port) {
  std::optional<api::test::RawResponse> r = api::test::http_get(port, "/metrics");
  return r && r->status == 200 ? r->body : "";
}

class WorkerMetricsTest : public WorkerProcessTest {};

TEST_P(WorkerMetricsTest, WorkerServesItsJobMetrics) {
  const OrgId a = new_org("alpha");
  // A worker dies holding a job: the metrics worker reaps it (a lease expiry) and runs it again.
  const Uuid long_job = enqueue(a, kTestSleepKind, "300");
  auto doomed = start_worker({"--lease-ms", "500"});
  ASSERT_TRUE(eventually([&] { return count_status("running") == 1; }, std::chrono::seconds(20))) << doomed->output();
  doomed->signal(SIGKILL);
  doomed->wait();
  for (int i = 0; i < 5; ++i) enqueue(a, kTestCountKind, "m" + std::to_string(i));
  // No worker handles this kind: it stays queued, for the depth gauge.
  enqueue(a, JobKind{"report.someday", true, 5}, "r");

  const std::uint16_t port = testing::free_loopback_port();
  auto w = start_worker({"--lease-ms", "500", "--metrics-listen", std::to_string(port)});
  ASSERT_TRUE(eventually([&] { return count_status("succeeded") == 6; }, std::chrono::seconds(30))) << w->output();
  EXPECT_EQ(job(a, long_job).attempts, 2);
  std::string text;
  ASSERT_TRUE(eventually(
      [&] {
        text = scrape(port);
        return text.find("fg_job_lease_expiries_total{status=\"failed\"} 1") != std::string::npos;
      },
      std::chrono::seconds(10)))
      << text << w->output();
  EXPECT_NE(text.find("# TYPE fg_job_claims_total counter"), std::string::npos) << text;
  EXPECT_NE(text.find("fg_job_claims_total 6"), std::string::npos) << text;
  EXPECT_NE(text.find("fg_job_outcomes_total{kind=\"test.count\",status=\"succeeded\"} 5"), std::string::npos) << text;
  EXPECT_NE(text.find("fg_job_outcomes_total{kind=\"test.sleep\",status=\"succeeded\"} 1"), std::string::npos) << text;
  EXPECT_NE(text.find("fg_job_duration_seconds_count{kind=\"test.count\"} 5"), std::string::npos) << text;
  EXPECT_NE(text.find("fg_job_duration_seconds_bucket{kind=\"test.sleep\",le=\"+Inf\"} 1"), std::string::npos) << text;
  EXPECT_NE(text.find("fg_job_queue_jobs{status=\"queued\",kind=\"report.someday\"} 1"), std::string::npos) << text;
  // Only /metrics is served there: no API route.
  std::optional<api::test::RawResponse> other = api::test::http_get(port, "/api/v1/jobs");
  ASSERT_TRUE(other.has_value());
  EXPECT_EQ(other->status, 404);
  w->signal(SIGTERM);
  testing::ProcessResult r = w->wait();
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("metrics on http://127.0.0.1:" + std::to_string(port) + "/metrics"), std::string::npos)
      << r.output;
}

TEST_P(WorkerMetricsTest, NoListenerUnlessAsked) {
  const std::uint16_t port = testing::free_loopback_port();
  auto w = start_worker();
  ASSERT_TRUE(eventually([&] { return w->output().find("running") != std::string::npos; }, std::chrono::seconds(10)));
  EXPECT_FALSE(api::test::http_get(port, "/metrics").has_value());
  EXPECT_EQ(w->output().find("metrics on"), std::string::npos);
  w->signal(SIGTERM);
  EXPECT_EQ(w->wait().exit_code, 0);
}

// Issue 21: FINGUARD_METRICS_LISTEN was silently ignored by `finguard worker`, and a global option
// (--config) after the subcommand was refused. The setting now opens the worker's listener, from the
// environment or from a config file named after `worker`.
TEST_P(WorkerMetricsTest, TheMetricsListenSettingAppliesFromTheEnvironmentOrAConfigAfterTheSubcommand) {
  const std::uint16_t env_port = testing::free_loopback_port();
  std::map<std::string, std::string> env = worker_env();
  env["FINGUARD_METRICS_LISTEN"] = "127.0.0.1:" + std::to_string(env_port);
  testing::BackgroundProcess by_env({testing::finguard_binary(), "worker", "--poll-ms", "20", "--no-scheduler"}, env);
  ASSERT_TRUE(eventually([&] { return !scrape(env_port).empty(); }, std::chrono::seconds(10))) << by_env.output();
  by_env.signal(SIGTERM);
  EXPECT_EQ(by_env.wait().exit_code, 0);

  const std::uint16_t file_port = testing::free_loopback_port();
  const std::string config = data_dir_ + "/worker.yaml";
  {
    std::ofstream f(config);
    f << "metrics_listen: \"127.0.0.1:" << file_port << "\"\n";
  }
  testing::BackgroundProcess by_file(
      {testing::finguard_binary(), "worker", "--poll-ms", "20", "--no-scheduler", "--config", config}, worker_env());
  ASSERT_TRUE(eventually([&] { return !scrape(file_port).empty(); }, std::chrono::seconds(10))) << by_file.output();
  by_file.signal(SIGTERM);
  EXPECT_EQ(by_file.wait().exit_code, 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, WorkerMetricsTest,
                         ::testing::Values(store::Dialect::kSqlite, store::Dialect::kPostgres), store::backend_name);

}  // namespace
}  // namespace fg::jobs
