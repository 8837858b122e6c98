// The rate-limit and web_dir settings reach `finguard serve`: the real binary over a socket on
// 127.0.0.1, configured only through FINGUARD_* variables.

#include <filesystem>
#include <fstream>
#include <thread>

#include <gtest/gtest.h>

#include "integration/api/raw_client.hpp"
#include "support/subprocess.hpp"
#include "support/test_env.hpp"

namespace fg::api {
namespace {

using namespace std::chrono_literals;
using Env = std::map<std::string, std::string>;

// `finguard serve` with extra settings; /healthz is exempt from rate limits, so waiting costs no token.
struct Serve {
  explicit Serve(std::map<std::string, std::string> env) : proc(argv(), with_defaults(std::move(env))) {}
  std::vector<std::string> argv() const {
    return {FG_FINGUARD_BINARY, "serve", "--listen", "127.0.0.1:" + std::to_string(port)};
  }
  std::map<std::string, std::string> with_defaults(std::map<std::string, std::string> env) const {
    env.emplace("FINGUARD_DATA_DIR", dir);
    env.emplace("FINGUARD_LOG_FORMAT", "text");
    return env;
  }
  bool healthy() const {
    for (int i = 0; i < 200; ++i) {
      std::optional<test::RawResponse> r = test::http_get(port, "/healthz");
      if (r && r->status == 200) return true;
      std::this_thread::sleep_for(50ms);
    }
    return false;
  }

  std::uint16_t port = testing::free_loopback_port();
  std::string dir = testing::make_temp_dir("fg-ratelimit-");
  testing::BackgroundProcess proc;
};

std::string login_request(const std::string& email) {
  const std::string body = R"({"email":")" + email + R"(","password":"not-the-password"})";
  return "POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: " +
         std::to_string(body.size()) + "\r\n\r\n" + body;
}

TEST(RateLimitSettingsTest, LowReadLimitPerIpAnswers429WithRetryAfter) {
  Serve s(Env{{"FINGUARD_RATE_LIMIT_READ_PER_IP_PER_MINUTE", "60"}, {"FINGUARD_RATE_LIMIT_READ_PER_IP_BURST", "3"}});
  ASSERT_TRUE(s.healthy()) << s.proc.output();
  std::vector<int> statuses;
  std::string retry_after;
  for (int i = 0; i < 6; ++i) {
    // The per-IP stage runs before authentication: without credentials the route answers 401 until
    // the bucket is empty, then 429.
    std::optional<test::RawResponse> r = test::http_get(s.port, "/api/v1/me");
    ASSERT_TRUE(r);
    statuses.push_back(r->status);
    if (r->status == 429) retry_after = std::string(r->headers.get("Retry-After").value_or(""));
  }
  EXPECT_EQ(statuses.front(), 401);
  EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 429), 3) << ::testing::PrintToString(statuses);
  EXPECT_EQ(retry_after, "1");  // 60 per minute: the next token within a second
}

TEST(RateLimitSettingsTest, HighReadLimitPerIpDoesNotLimit) {
  // Past the default burst of 200 with room to spare.
  Serve s(Env{{"FINGUARD_RATE_LIMIT_READ_PER_IP_PER_MINUTE", "10000000"},
              {"FINGUARD_RATE_LIMIT_READ_PER_IP_BURST", "100000"}});
  ASSERT_TRUE(s.healthy()) << s.proc.output();
  int limited = 0;
  test::RawClient c(s.port);
  for (int i = 0; i < 300; ++i) {
    ASSERT_TRUE(c.send("GET /api/v1/me HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
    std::optional<test::RawResponse> r = c.read_response();
    ASSERT_TRUE(r) << i;
    if (r->status == 429) ++limited;
  }
  EXPECT_EQ(limited, 0);
}

TEST(RateLimitSettingsTest, LoginFailuresPerAccountSettingReachesIdentity) {
  Serve s(Env{{"FINGUARD_RATE_LIMIT_LOGIN_FAILURES_PER_ACCOUNT_PER_MINUTE", "2"}});
  ASSERT_TRUE(s.healthy()) << s.proc.output();
  std::vector<int> statuses;
  for (int i = 0; i < 3; ++i) {
    test::RawClient c(s.port);
    ASSERT_TRUE(c.send(login_request("nobody@example.test")));
    std::optional<test::RawResponse> r = c.read_response(10s);  // argon2id per attempt
    ASSERT_TRUE(r);
    statuses.push_back(r->status);
  }
  EXPECT_EQ(statuses, (std::vector<int>{401, 401, 429}));
  // Another account from the same IP is still let through to a password check (per-IP default is 5).
  test::RawClient c(s.port);
  ASSERT_TRUE(c.send(login_request("someone-else@example.test")));
  std::optional<test::RawResponse> r = c.read_response(10s);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 401);
}

TEST(RateLimitSettingsTest, OutOfRangeLimitIsRefusedNamingTheSetting) {
  testing::ProcessResult r = testing::run_process(
      {FG_FINGUARD_BINARY, "serve", "--listen", "127.0.0.1:" + std::to_string(testing::free_loopback_port())},
      {{"FINGUARD_DATA_DIR", testing::make_temp_dir("fg-ratelimit-")}, {"FINGUARD_RATE_LIMIT_READ_PER_IP_BURST", "0"}});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.output.find("rate_limit_read_per_ip_burst"), std::string::npos) << r.output;
}

TEST(RateLimitSettingsTest, WebDirSettingServesThatDirectory) {
  const std::string web = testing::make_temp_dir("fg-web-");
  std::ofstream(web + "/index.html") << "<!doctype html><title>finguard test ui</title>";
  Serve s(Env{{"FINGUARD_WEB_DIR", web}});
  ASSERT_TRUE(s.healthy()) << s.proc.output();
  std::optional<test::RawResponse> r = test::http_get(s.port, "/");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_NE(r->body.find("finguard test ui"), std::string::npos);
}

}  // namespace
}  // namespace fg::api
