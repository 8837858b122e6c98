// `finguard serve` as a process: it answers /healthz, passes probe-unauth, and shuts down gracefully on
// SIGTERM.
#include <signal.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>

#include "integration/api/raw_client.hpp"
#include "support/subprocess.hpp"
#include "support/test_env.hpp"

namespace fg::api {
namespace {

using namespace std::chrono_literals;

bool wait_healthy(std::uint16_t port) {
  for (int i = 0; i < 100; ++i) {
    std::optional<test::RawResponse> r = test::http_get(port, "/healthz");
    if (r && r->status == 200) return true;
    std::this_thread::sleep_for(50ms);
  }
  return false;
}

struct ServeProcess {
  std::uint16_t port = testing::free_loopback_port();
  std::string dir = testing::make_temp_dir("fg-serve-");
  testing::BackgroundProcess proc{{FG_FINGUARD_BINARY, "serve", "--listen", "127.0.0.1:" + std::to_string(port)},
                                  {{"FINGUARD_DATA_DIR", dir}, {"FINGUARD_LOG_FORMAT", "text"}}};
};

TEST(ServeCommandTest, ServesHealthzAndStopsGracefullyOnSigterm) {
  ServeProcess s;
  ASSERT_TRUE(wait_healthy(s.port)) << s.proc.output();
  s.proc.signal(SIGTERM);
  testing::ProcessResult r = s.proc.wait();
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("stopped"), std::string::npos) << r.output;
  EXPECT_FALSE(test::http_get(s.port, "/healthz").has_value());
}

// Seconds of CPU `pid` used so far (utime + stime).
double cpu_seconds(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::istringstream fields(stat.substr(stat.rfind(')') + 2));  // after "pid (comm) "
  std::string f;
  double ticks = 0;
  for (int i = 3; i <= 15 && fields >> f; ++i) {
    if (i >= 14) ticks += std::stod(f);
  }
  return ticks / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

// Issue 20: with `ulimit -n 128` and 150 idle sockets the server used 126% CPU (the accept loop spun
// on EMFILE) and stopped answering. Now connections stay below the descriptor limit, the oldest idle
// ones make room, and /healthz keeps answering with the process nearly idle.
TEST(ServeCommandTest, WithFewDescriptorsIdleSocketsNeitherSpinNorLockOut) {
  const std::uint16_t port = testing::free_loopback_port();
  const std::string dir = testing::make_temp_dir("fg-serve-fd-");
  testing::BackgroundProcess proc{{"/bin/sh", "-c", "ulimit -n 128 && exec \"$0\" \"$@\"", FG_FINGUARD_BINARY, "serve",
                                   "--listen", "127.0.0.1:" + std::to_string(port)},
                                  {{"FINGUARD_DATA_DIR", dir}, {"FINGUARD_LOG_FORMAT", "text"}}};
  ASSERT_TRUE(wait_healthy(port)) << proc.output();
  std::vector<std::unique_ptr<test::RawClient>> idle;
  for (int i = 0; i < 150; ++i) idle.push_back(std::make_unique<test::RawClient>(port));
  std::this_thread::sleep_for(500ms);
  const double cpu_before = cpu_seconds(proc.pid());
  const auto start = std::chrono::steady_clock::now();
  int answered = 0;
  for (int i = 0; i < 10; ++i) {
    std::optional<test::RawResponse> r = test::http_get(port, "/healthz");
    answered += r && r->status == 200;
    std::this_thread::sleep_for(200ms);
  }
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const double cpu_share = (cpu_seconds(proc.pid()) - cpu_before) / wall;
  EXPECT_EQ(answered, 10) << proc.output();
  EXPECT_LT(cpu_share, 0.3) << "the server is busy while only idle sockets are open";
  proc.signal(SIGTERM);
  proc.wait();
}

// --with-worker runs the in-process worker, which needs the private key (`keys init` first); without it
// serve refuses to start (tests/integration/jobs/serve_vault_test.cpp).
TEST(ServeCommandTest, WithWorkerRunsTheWorker) {
  const std::uint16_t port = testing::free_loopback_port();
  const std::map<std::string, std::string> env = {{"FINGUARD_DATA_DIR", testing::make_temp_dir("fg-serve-")}};
  testing::ProcessResult init = testing::run_process({FG_FINGUARD_BINARY, "keys", "init"}, env);
  ASSERT_EQ(init.exit_code, 0) << init.output;
  testing::BackgroundProcess proc(
      {FG_FINGUARD_BINARY, "serve", "--with-worker", "--listen", "127.0.0.1:" + std::to_string(port)}, env);
  ASSERT_TRUE(wait_healthy(port)) << proc.output();
  proc.signal(SIGINT);
  testing::ProcessResult r = proc.wait();
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.output.find("worker started"), std::string::npos) << r.output;
}

TEST(ServeCommandTest, BusyPortIsRefused) {
  ServeProcess first;
  ASSERT_TRUE(wait_healthy(first.port));
  testing::ProcessResult r =
      testing::run_process({FG_FINGUARD_BINARY, "serve", "--listen", "127.0.0.1:" + std::to_string(first.port)},
                           {{"FINGUARD_DATA_DIR", first.dir}});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.output.find("cannot bind"), std::string::npos) << r.output;
}

// ../shared/tools/probe-unauth: every protected operation of the OpenAPI document answers 401 without
// credentials. Today the protected operation is GET /api/v1/me; identity's routes join it.
TEST(ServeCommandTest, ProbeUnauthFindsEveryProtectedOperationAt401) {
  const std::filesystem::path probe = std::filesystem::path(FG_SOURCE_DIR) / ".." / "shared" / "tools" / "probe-unauth";
  if (!std::filesystem::exists(probe)) GTEST_SKIP() << "probe-unauth not found at " << probe;
  ServeProcess s;
  ASSERT_TRUE(wait_healthy(s.port));
  testing::ProcessResult r = testing::run_process({probe.string(), "http://127.0.0.1:" + std::to_string(s.port)});
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("not 401"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find(" 0 protected operations probed"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace fg::api
