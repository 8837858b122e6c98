// Password routes over real sockets on 127.0.0.1 with a real (slow) argon2id hasher: the hashes run on
// the server's offload threads, so /healthz answers while they are busy, a full offload queue answers
// 429 at once, and failed logins reach fg_login_failures_total (issue 20, item 9 and a low).
#include <algorithm>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api/application/api_service.hpp"
#include "api/routes/identity/identity_api.hpp"
#include "identity/org_service.hpp"
#include "raw_client.hpp"
#include "store/migrator.hpp"
#include "support/scope_for_test.hpp"
#include "support/test_env.hpp"
#include "unthrottled_options.hpp"

namespace fg::api {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

constexpr std::string_view kPassword = "offload-Passw0rd-heron-basalt";

class PasswordOffloadTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::make_temp_dir("fg-password-offload-");
    const std::string url = "sqlite:" + dir_ + "/finguard.db";
    ASSERT_TRUE(store::migrate(url).ok());
    Result<std::unique_ptr<store::Database>> db = store::Database::open({.url = url, .pool_size = 8});
    ASSERT_TRUE(db.ok());
    db_ = std::move(*db);
    ctx_ = std::make_unique<identity::IdentityContext>(
        identity::IdentityContext{*db_, audit_, SystemClock::instance(), hasher_, key_, {}});
  }

  //! Starts the service: two I/O threads, `hash_threads` offload threads and a queue of `queue`.
  void start(std::size_t hash_threads, std::size_t queue, int failures_per_ip) {
    ctx_->settings.login_failures_per_ip_per_minute = failures_per_ip;
    ctx_->settings.login_failures_per_account_per_minute = 1000;
    Result<identity::CreatedOrg> c = identity::create_org_with_owner(
        *ctx_, testing::ScopeForTest::org(OrgId::random(), {Actor::Kind::kOperator, "os:test", "operator"}),
        {"Acme Corp", "owner@acme.test", std::string(kPassword), ""});
    ASSERT_TRUE(c.ok()) << c.status().to_string();
    Config config;
    config.listen = "127.0.0.1:0";
    config.metrics_listen = "127.0.0.1:0";
    ApiServiceOptions options = test::unthrottled_service_options();
    options.limits.offload_threads = hash_threads;
    options.limits.offload_queue = queue;
    ApiDependencies deps;
    install_identity(deps, std::make_shared<IdentityApi>(*ctx_));
    Result<std::unique_ptr<ApiService>> s = ApiService::start(config, std::move(deps), options);
    ASSERT_TRUE(s.ok()) << s.status().to_string();
    service_ = std::move(*s);
  }

  static std::string bad_login(const std::string& email = "owner@acme.test") {
    const std::string body = nlohmann::json{{"email", email}, {"password", "not-the-password-at-all"}}.dump();
    return "POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Type: "
           "application/json\r\nContent-Length: " +
           std::to_string(body.size()) + "\r\n\r\n" + body;
  }

  int login_status() {
    test::RawClient c(service_->port());
    EXPECT_TRUE(c.send(bad_login()));
    std::optional<test::RawResponse> r = c.read_response(10s);
    return r ? r->status : 0;
  }

  //! The value of an unlabelled counter on the real /metrics listener; -1 when absent.
  long counter(const std::string& name) {
    std::optional<test::RawResponse> m = test::http_get(service_->metrics_port(), "/metrics");
    if (!m) return -1;
    const std::size_t at = m->body.find("\n" + name + " ");
    if (at == std::string::npos) return -1;
    return std::stol(m->body.substr(at + name.size() + 2));
  }

  std::string dir_;
  audit::AuditLog audit_;
  // Slow on purpose (about a quarter of a second under load): a hash must outlast everything else here.
  crypto::PasswordHasher hasher_{crypto::PasswordHasherOptions{{6, 32ull << 20}, 8, std::chrono::seconds(30)}};
  identity::TotpKey key_ = identity::TotpKey::random_for_test();
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<identity::IdentityContext> ctx_;
  std::unique_ptr<ApiService> service_;
};

// Issue 20 item 9: with every hash thread busy and the queue full, /healthz answers before any hash
// finishes, and the logins past the queue get 429 with Retry-After at once, also before any hash
// finishes. On the old server the two I/O threads sat in argon2id and answered nothing meanwhile.
TEST_F(PasswordOffloadTest, HealthzAndFullQueue429AnswerWhileHashesRun) {
  start(/*hash_threads=*/2, /*queue=*/2, /*failures_per_ip=*/1000);
  constexpr int kLogins = 8;  // 2 hashing + 2 queued + 4 refused
  struct Outcome {
    int status = 0;
    std::string retry_after;
    Clock::time_point at;
  };
  std::vector<std::unique_ptr<test::RawClient>> clients;
  for (int i = 0; i < kLogins; ++i) {
    clients.push_back(std::make_unique<test::RawClient>(service_->port()));
    ASSERT_TRUE(clients.back()->send(bad_login()));
  }
  std::vector<Outcome> outcomes(kLogins);
  std::vector<std::thread> readers;
  for (int i = 0; i < kLogins; ++i) {
    readers.emplace_back([&, i] {
      std::optional<test::RawResponse> r = clients[i]->read_response(20s);
      outcomes[i].at = Clock::now();
      if (!r) return;
      outcomes[i].status = r->status;
      outcomes[i].retry_after = std::string(r->headers.get("Retry-After").value_or(""));
    });
  }
  std::optional<test::RawResponse> health = test::http_get(service_->port(), "/healthz");
  const Clock::time_point health_at = Clock::now();
  for (std::thread& t : readers) t.join();

  ASSERT_TRUE(health.has_value());
  EXPECT_EQ(health->status, 200);
  int refused = 0;
  int checked = 0;
  Clock::time_point first_checked = Clock::time_point::max();
  Clock::time_point last_refused = Clock::time_point::min();
  for (const Outcome& o : outcomes) {
    if (o.status == 429) {
      ++refused;
      EXPECT_EQ(o.retry_after, "1");
      last_refused = std::max(last_refused, o.at);
    } else {
      EXPECT_EQ(o.status, 401);
      ++checked;
      first_checked = std::min(first_checked, o.at);
    }
  }
  EXPECT_GE(checked, 4) << "the threads and the queue take four";
  EXPECT_GE(refused, 1) << "a full queue refuses";
  EXPECT_LT(health_at, first_checked) << "/healthz waited for a hash";
  EXPECT_LT(last_refused, first_checked) << "a 429 waited for a hash";
  EXPECT_EQ(login_status(), 401) << "the pool serves again once it drains";
}

// Issue 20 (low): the counter was never incremented outside tests.
TEST_F(PasswordOffloadTest, FailedAndThrottledLoginsAreCounted) {
  start(/*hash_threads=*/1, /*queue=*/8, /*failures_per_ip=*/2);
  ASSERT_EQ(counter("fg_login_failures_total"), 0);
  EXPECT_EQ(login_status(), 401);
  EXPECT_EQ(login_status(), 401);
  EXPECT_EQ(counter("fg_login_failures_total"), 2);
  EXPECT_EQ(counter("fg_login_throttled_total"), 0);
  EXPECT_EQ(login_status(), 429) << "the client's third failure in a minute is throttled";
  EXPECT_EQ(counter("fg_login_failures_total"), 3) << "a throttled attempt is a failed attempt";
  EXPECT_EQ(counter("fg_login_throttled_total"), 1);
}

}  // namespace
}  // namespace fg::api
