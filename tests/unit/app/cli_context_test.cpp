// The settings on the command line: one global flag per setting, before or after the subcommand, and
// the worker's old flags as aliases of its settings (issue 21).
#include "app/cli_context.hpp"

#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <stdlib.h>

namespace fg::app {
namespace {

// Parses `args` as main does, with a `worker` subcommand that only records that it ran.
class CliContextTest : public ::testing::Test {
 protected:
  Result<Config> parse(std::vector<std::string> args) {
    CLI::App app{"finguard"};
    app.fallthrough();
    ctx_ = std::make_unique<CliContext>();
    ctx_->add_global_options(app);
    CLI::App* worker = app.add_subcommand("worker");
    ctx_->add_setting_alias(*worker, "--concurrency", "worker_concurrency");
    ctx_->add_setting_alias(*worker, "--poll-ms", "worker_poll_ms");
    ctx_->add_setting_switch(*worker, "--no-scheduler", "worker_scheduler", "false");
    std::vector<const char*> argv = {"finguard"};
    for (const std::string& a : args) argv.push_back(a.c_str());
    try {
      app.parse(static_cast<int>(argv.size()), argv.data());
    } catch (const CLI::ParseError& e) {
      return invalid_argument_error(std::string("parse: ") + e.what());
    }
    return ctx_->load();
  }

  std::unique_ptr<CliContext> ctx_;
};

TEST_F(CliContextTest, WorkerAliasesSetTheWorkerSettings) {
  Result<Config> c = parse({"worker", "--concurrency", "5", "--poll-ms", "20", "--no-scheduler"});
  ASSERT_TRUE(c.ok()) << c.status().to_string();
  EXPECT_EQ(c->worker.concurrency, 5);
  EXPECT_EQ(c->worker.poll_ms, 20);
  EXPECT_FALSE(c->worker.scheduler);
  c = parse({"worker", "--worker-concurrency", "7"});
  ASSERT_TRUE(c.ok()) << c.status().to_string();
  EXPECT_EQ(c->worker.concurrency, 7);
  EXPECT_TRUE(c->worker.scheduler);
}

TEST_F(CliContextTest, AnAliasIsCheckedByItsSettingsRule) {
  Result<Config> c = parse({"worker", "--concurrency", "0"});
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().field(), "worker_concurrency");
  EXPECT_EQ(c.status().message(), "worker_concurrency: must be an integer from 1 to 64");
}

TEST_F(CliContextTest, GlobalSettingsWorkBeforeOrAfterTheSubcommand) {
  Result<Config> before = parse({"--metrics-listen", "9465", "worker"});
  ASSERT_TRUE(before.ok()) << before.status().to_string();
  EXPECT_EQ(before->metrics_listen, "127.0.0.1:9465");
  Result<Config> after = parse({"worker", "--metrics-listen", "127.0.0.1:9466", "--worker-id", "w-2"});
  ASSERT_TRUE(after.ok()) << after.status().to_string();
  EXPECT_EQ(after->metrics_listen, "127.0.0.1:9466");
  EXPECT_EQ(after->worker.id, "w-2");
}

// Issue 21: `finguard worker` ignored FINGUARD_METRICS_LISTEN. The worker reads cfg.metrics_listen.
TEST_F(CliContextTest, MetricsListenFromTheEnvironmentReachesTheWorkersConfig) {
  ASSERT_EQ(::setenv("FINGUARD_METRICS_LISTEN", "127.0.0.1:9467", 1), 0);
  ASSERT_EQ(::setenv("FINGUARD_WORKER_LEASE_MS", "1000", 1), 0);
  Result<Config> c = parse({"worker"});
  ::unsetenv("FINGUARD_METRICS_LISTEN");
  ::unsetenv("FINGUARD_WORKER_LEASE_MS");
  ASSERT_TRUE(c.ok()) << c.status().to_string();
  EXPECT_EQ(c->metrics_listen, "127.0.0.1:9467");
  EXPECT_EQ(c->worker.lease_ms, 1000);
}

TEST_F(CliContextTest, SecretsHaveNoFlag) {
  EXPECT_FALSE(parse({"--master-key", "c2VjcmV0", "worker"}).ok());
}

}  // namespace
}  // namespace fg::app
