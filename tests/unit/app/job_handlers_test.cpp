// The worker_* settings become the worker's options, for `finguard worker` and serve --with-worker.
#include "app/job_handlers.hpp"

#include <gtest/gtest.h>

namespace fg::app {
namespace {

TEST(JobHandlersTest, WorkerOptionsComeFromTheWorkerSettings) {
  ConfigSources src;
  src.env = {"FINGUARD_WORKER_CONCURRENCY=3",
             "FINGUARD_WORKER_LEASE_MS=1000",
             "FINGUARD_WORKER_POLL_MS=20",
             "FINGUARD_WORKER_SHUTDOWN_TIMEOUT_MS=500",
             "FINGUARD_WORKER_SCHEDULER=false",
             "FINGUARD_WORKER_SCHEDULER_LEASE_MS=2000",
             "FINGUARD_WORKER_SCHEDULER_TICK_MS=50",
             "FINGUARD_WORKER_ID=w-1",
             "FINGUARD_JOB_TIME_LIMITS=default=60,ingest.upload=120"};
  Result<Config> cfg = load_config(src);
  ASSERT_TRUE(cfg.ok()) << cfg.status().to_string();
  const worker::WorkerOptions o = worker_options(*cfg);
  EXPECT_EQ(o.concurrency, 3);
  EXPECT_EQ(o.lease, std::chrono::milliseconds(1000));
  EXPECT_EQ(o.poll, std::chrono::milliseconds(20));
  EXPECT_EQ(o.shutdown_timeout, std::chrono::milliseconds(500));
  EXPECT_FALSE(o.run_scheduler);
  EXPECT_EQ(o.scheduler_lease, std::chrono::milliseconds(2000));
  EXPECT_EQ(o.scheduler_tick, std::chrono::milliseconds(50));
  EXPECT_EQ(o.worker_id, "w-1");
  EXPECT_EQ(o.default_time_limit, std::chrono::seconds(60));
  EXPECT_EQ(o.time_limits.at("ingest.upload"), std::chrono::seconds(120));
  EXPECT_EQ(o.scheduler_clock, nullptr);
}

TEST(JobHandlersTest, DefaultWorkerOptionsMatchTheOldFlagDefaults) {
  Result<Config> cfg = load_config({});
  ASSERT_TRUE(cfg.ok());
  const worker::WorkerOptions o = worker_options(*cfg);
  EXPECT_EQ(o.concurrency, 2);
  EXPECT_EQ(o.lease, std::chrono::milliseconds(30000));
  EXPECT_EQ(o.poll, std::chrono::milliseconds(500));
  EXPECT_EQ(o.shutdown_timeout, std::chrono::milliseconds(30000));
  EXPECT_TRUE(o.run_scheduler);
  EXPECT_EQ(o.scheduler_lease, std::chrono::milliseconds(30000));
  EXPECT_EQ(o.scheduler_tick, std::chrono::milliseconds(1000));
  EXPECT_EQ(o.default_time_limit, std::chrono::seconds(300));
}

}  // namespace
}  // namespace fg::app
