// The API server over real sockets on 127.0.0.1: malformed and abusive requests get 4xx (or are cut
// off) and the server keeps serving.
#include <atomic>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api/application/api_service.hpp"
#include "api/http/request_context.hpp"
#include "integration/api/raw_client.hpp"

namespace fg::api {
namespace {

using namespace std::chrono_literals;
using test::RawClient;

// A public route with a JSON body, so body handling is exercised over the wire. It exists only in
// this test's route table.
Status add_echo_route(Router& router) {
  Route echo;
  echo.method = HttpMethod::kPost;
  echo.pattern = "/api/v1/test-echo";
  echo.operation_id = "testEcho";
  echo.rate_class = RateClass::kMutation;
  echo.body_limit = 1024;
  echo.body = BodySchema{{FieldSpec::string("name").min(1).max(50), FieldSpec::timestamp("at").optional()}};
  echo.handler = [](RequestContext& ctx, const HttpRequest&) -> Result<HttpResponse> {
    return HttpResponse::json(200, nlohmann::json{{"name", ctx.body->string("name")}}.dump());
  };
  return router.add(std::move(echo));
}

// Answers after a pause, so a shutdown can catch a request in flight.
std::atomic<bool> g_slow_started{false};
Status add_slow_route(Router& router) {
  Route slow;
  slow.pattern = "/api/v1/test-slow";
  slow.operation_id = "testSlow";
  slow.rate_class = RateClass::kExempt;
  slow.handler = [](RequestContext&, const HttpRequest&) -> Result<HttpResponse> {
    g_slow_started = true;
    std::this_thread::sleep_for(700ms);
    return HttpResponse::json(200, R"({"slow":true})");
  };
  return router.add(std::move(slow));
}

std::unique_ptr<ApiService> start_service(ApiServiceOptions options = {}, Config config = {}) {
  config.listen = "127.0.0.1:0";
  options.limits.header_timeout = 800ms;
  options.limits.idle_timeout = 800ms;
  options.limits.body_timeout = 800ms;
  options.threads = 2;
  ApiDependencies deps;
  deps.route_sets = {add_echo_route, add_slow_route};
  Result<std::unique_ptr<ApiService>> s = ApiService::start(config, std::move(deps), options);
  EXPECT_TRUE(s.ok()) << s.status().to_string();
  return s.ok() ? std::move(*s) : nullptr;
}

void expect_still_serving(std::uint16_t port) {
  std::optional<test::RawResponse> r = test::http_get(port, "/healthz");
  ASSERT_TRUE(r.has_value()) << "server stopped answering";
  EXPECT_EQ(r->status, 200);
}

std::string post(const std::string& body, const std::string& type = "application/json") {
  return "POST /api/v1/test-echo HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + type +
         "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    service_ = start_service();
    ASSERT_NE(service_, nullptr);
    port_ = service_->port();
  }
  std::unique_ptr<ApiService> service_;
  std::uint16_t port_ = 0;
};

TEST_F(ServerTest, HealthzWithSecurityHeadersAndRequestId) {
  std::optional<test::RawResponse> r = test::http_get(port_, "/healthz", "X-Request-Id: itest-request-0001\r\n");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, R"({"status":"ok"})");
  EXPECT_EQ(r->headers.get("X-Request-Id"), "itest-request-0001");
  EXPECT_EQ(r->headers.get("X-Content-Type-Options"), "nosniff");
  EXPECT_FALSE(r->headers.has("Server"));
  EXPECT_FALSE(r->headers.has("Strict-Transport-Security"));
}

TEST_F(ServerTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  RawClient c(port_);
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(c.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"));
    std::optional<test::RawResponse> r = c.read_response();
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200);
  }
}

TEST_F(ServerTest, PipelinedRequestsAreAnsweredInOrder) {
  RawClient c(port_);
  ASSERT_TRUE(
      c.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /api/v1/nope HTTP/1.1\r\nHost: x\r\n\r\n"
             "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"));
  EXPECT_EQ(c.read_response()->status, 200);
  EXPECT_EQ(c.read_response()->status, 404);
  EXPECT_EQ(c.read_response()->status, 200);
}

TEST_F(ServerTest, GarbageIsA400AndTheServerKeepsServing) {
  RawClient c(port_);
  ASSERT_TRUE(c.send("THIS IS NOT HTTP\r\n\r\n"));
  std::optional<test::RawResponse> r = c.read_response();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(nlohmann::json::parse(r->body)["error"]["code"], "invalid_argument");
  EXPECT_TRUE(c.closed_within(2s));
  expect_still_serving(port_);
}

TEST_F(ServerTest, BadChunkedEncodingIs400) {
  RawClient c(port_);
  ASSERT_TRUE(
      c.send("POST /api/v1/test-echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
             "Transfer-Encoding: chunked\r\n\r\nZZ\r\n{}\r\n0\r\n\r\n"));
  std::optional<test::RawResponse> r = c.read_response();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  expect_still_serving(port_);
}

TEST_F(ServerTest, HugeHeaderIs431) {
  RawClient c(port_);
  ASSERT_TRUE(
      c.send("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(kMaxHeaderBytes + 100, 'a') + "\r\n\r\n"));
  std::optional<test::RawResponse> r = c.read_response();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 431);
  expect_still_serving(port_);
}

TEST_F(ServerTest, TooManyHeaderFieldsIs431) {
  std::string headers;
  for (std::size_t i = 0; i <= kMaxHeaderCount; ++i) headers += "X-H" + std::to_string(i) + ": v\r\n";
  std::optional<test::RawResponse> r = test::http_get(port_, "/healthz", headers);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 431);
}

TEST_F(ServerTest, DeclaredOversizeBodyIs413WithoutReadingIt) {
  RawClient c(port_);
  ASSERT_TRUE(
      c.send("POST /api/v1/test-echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
             "Content-Length: 1048576\r\n\r\n"));
  std::optional<test::RawResponse> r = c.read_response();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413);
  expect_still_serving(port_);
}

TEST_F(ServerTest, ChunkedOversizeBodyIs413) {
  std::string chunk(600, 'a');
  char size[16];
  std::snprintf(size, sizeof size, "%zx", chunk.size());
  RawClient c(port_);
  ASSERT_TRUE(
      c.send("POST /api/v1/test-echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
             "Transfer-Encoding: chunked\r\n\r\n" +
             std::string(size) + "\r\n" + chunk + "\r\n" + size + "\r\n" + chunk + "\r\n0\r\n\r\n"));
  std::optional<test::RawResponse> r = c.read_response();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413);
}

TEST_F(ServerTest, SmallBodyOnAProtectedBodylessRouteIs401First) {
  RawClient c(port_);
  ASSERT_TRUE(c.send("GET /api/v1/me HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}"));
  EXPECT_EQ(c.read_response()->status, 401);
}

TEST_F(ServerTest, BodyOnAnUnroutedPathIs413) {
  RawClient c(port_);
  ASSERT_TRUE(c.send("POST /api/v1/me HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello"));
  EXPECT_EQ(c.read_response()->status, 413);
}

TEST_F(ServerTest, JsonBodyIsValidatedOverTheWire) {
  RawClient ok(port_);
  ASSERT_TRUE(ok.send(post(R"({"name":"alice"})")));
  std::optional<test::RawResponse> r = ok.read_response();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, R"({"name":"alice"})");

  RawClient bad(port_);
  ASSERT_TRUE(bad.send(post(R"({"name":)")));
  EXPECT_EQ(bad.read_response()->status, 400);

  RawClient dup(port_);
  ASSERT_TRUE(dup.send(post(R"({"name":"a","name":"b"})")));
  EXPECT_EQ(dup.read_response()->status, 400);

  RawClient field(port_);
  ASSERT_TRUE(field.send(post(R"({"name":"a","at":"yesterday"})")));
  std::optional<test::RawResponse> f = field.read_response();
  ASSERT_TRUE(f);
  EXPECT_EQ(f->status, 400);
  EXPECT_EQ(nlohmann::json::parse(f->body)["error"]["field"], "at");

  RawClient type(port_);
  ASSERT_TRUE(type.send(post(R"({"name":"a"})", "text/plain")));
  EXPECT_EQ(type.read_response()->status, 415);
  expect_still_serving(port_);
}

TEST_F(ServerTest, SlowlorisClientIsCutOff) {
  RawClient c(port_);
  ASSERT_TRUE(c.send("GET /healthz HTTP/1.1\r\n"));
  const auto start = std::chrono::steady_clock::now();
  // Keep dribbling header bytes: a per-read timer would be reset by each, the whole-header budget is not.
  bool cut = false;
  for (int i = 0; i < 40 && !cut; ++i) {
    if (!c.send("X-Slow-" + std::to_string(i) + ": 1\r\n")) cut = true;
    if (!cut && c.closed_within(100ms)) cut = true;
  }
  const auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_TRUE(cut) << "slow client still connected";
  EXPECT_LT(elapsed, 3s);
  expect_still_serving(port_);
}

// Issue 20: after a keep-alive request the idle timeout applied to the whole next header, so a slow
// header could take the (longer) idle allowance. Now: idle until the first byte, then the header timeout.
TEST(ServerKeepAliveTest, IdleUntilTheFirstByteThenTheHeaderTimeout) {
  ApiServiceOptions options;
  options.limits.idle_timeout = 4s;
  options.limits.header_timeout = 400ms;
  options.threads = 2;
  Config config;
  config.listen = "127.0.0.1:0";
  ApiDependencies deps;
  deps.route_sets = {add_echo_route};
  Result<std::unique_ptr<ApiService>> s = ApiService::start(config, std::move(deps), options);
  ASSERT_TRUE(s.ok()) << s.status().to_string();
  const std::uint16_t port = (*s)->port();
  RawClient c(port);
  const std::string get = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
  ASSERT_TRUE(c.send(get));
  ASSERT_TRUE(c.read_response());
  std::this_thread::sleep_for(1s);  // idle for longer than the header timeout: still allowed
  ASSERT_TRUE(c.send(get));
  std::optional<test::RawResponse> second = c.read_response();
  ASSERT_TRUE(second) << "an idle keep-alive connection was cut before the idle timeout";
  EXPECT_EQ(second->status, 200);
  std::this_thread::sleep_for(500ms);
  ASSERT_TRUE(c.send("GET /healthz HTTP/1.1\r\n"));
  const auto start = std::chrono::steady_clock::now();
  bool cut = false;
  for (int i = 0; i < 30 && !cut; ++i) {
    if (!c.send("X-Slow-" + std::to_string(i) + ": 1\r\n")) cut = true;
    if (!cut && c.closed_within(100ms)) cut = true;
  }
  EXPECT_TRUE(cut);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 2s) << "the header got the idle timeout";
  (*s)->stop();
  (*s)->wait();
}

// Issue 20: at the connection limit new clients were closed at once, so idle sockets locked everyone
// out. Now the oldest connection is asked to close and the new client is served.
TEST(ServerConnectionLimitTest, IdleConnectionsAtTheLimitDoNotLockOutANewClient) {
  ApiServiceOptions options;
  options.limits.max_connections = 4;
  options.threads = 2;
  Config config;
  config.listen = "127.0.0.1:0";
  ApiDependencies deps;
  Result<std::unique_ptr<ApiService>> s = ApiService::start(config, std::move(deps), options);
  ASSERT_TRUE(s.ok()) << s.status().to_string();
  const std::uint16_t port = (*s)->port();
  std::vector<std::unique_ptr<RawClient>> idle;
  for (int i = 0; i < 8; ++i) {
    idle.push_back(std::make_unique<RawClient>(port));
    ASSERT_TRUE(idle.back()->connected());
  }
  for (int i = 0; i < 3; ++i) {
    std::optional<test::RawResponse> r = test::http_get(port, "/healthz");
    ASSERT_TRUE(r) << "a new client was locked out by idle connections";
    EXPECT_EQ(r->status, 200);
  }
  EXPECT_TRUE(idle.front()->closed_within(2s)) << "the oldest idle connection was not closed";
  (*s)->stop();
  (*s)->wait();
}

TEST_F(ServerTest, IdleConnectionIsClosed) {
  RawClient c(port_);
  EXPECT_TRUE(c.closed_within(3s));
}

TEST_F(ServerTest, ProtectedRouteIs401WithoutIdentity) {
  std::optional<test::RawResponse> r = test::http_get(port_, "/api/v1/me");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 401);
}

TEST_F(ServerTest, HeadHasLengthButNoBody) {
  RawClient c(port_);
  ASSERT_TRUE(c.send("HEAD /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"));
  // If HEAD had carried a body, the second response would be misparsed.
  std::optional<test::RawResponse> head = c.read_response(5s, /*head=*/true);
  ASSERT_TRUE(head);
  EXPECT_EQ(head->status, 200);
  EXPECT_EQ(head->headers.get("Content-Length"), "15");
  std::optional<test::RawResponse> get = c.read_response();
  ASSERT_TRUE(get);
  EXPECT_EQ(get->status, 200);
  EXPECT_EQ(get->body, R"({"status":"ok"})");
}

TEST(ServerShutdownTest, InFlightRequestFinishesAndIdleConnectionsClose) {
  auto service = start_service();
  ASSERT_NE(service, nullptr);
  const std::uint16_t port = service->port();
  RawClient idle(port);
  RawClient busy(port);
  g_slow_started = false;
  ASSERT_TRUE(busy.send("GET /api/v1/test-slow HTTP/1.1\r\nHost: x\r\n\r\n"));
  while (!g_slow_started) std::this_thread::sleep_for(5ms);
  service->stop();
  std::optional<test::RawResponse> r = busy.read_response(3s);
  ASSERT_TRUE(r) << "in-flight request was cut";
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->headers.get("Connection"), "close");
  EXPECT_TRUE(idle.closed_within(2s));
  EXPECT_TRUE(service->wait());
  EXPECT_FALSE(RawClient(port).connected() && test::http_get(port, "/healthz").has_value());
}

TEST(ServerRateLimitTest, PerIpLimitAnswers429WithRetryAfter) {
  ApiServiceOptions options;
  options.rate_per_ip.mutation = {60, 2};
  auto service = start_service(options);
  ASSERT_NE(service, nullptr);
  int limited = 0;
  std::string retry_after;
  for (int i = 0; i < 4; ++i) {
    RawClient c(service->port());
    ASSERT_TRUE(c.send(post(R"({"name":"x"})")));
    std::optional<test::RawResponse> r = c.read_response();
    ASSERT_TRUE(r);
    if (r->status == 429) {
      ++limited;
      retry_after = std::string(r->headers.get("Retry-After").value_or(""));
    }
  }
  EXPECT_EQ(limited, 2);
  EXPECT_EQ(retry_after, "1");
  // Health probes are exempt.
  expect_still_serving(service->port());
}

TEST(ServerMetricsTest, MetricsAreOnTheirOwnListenerOnly) {
  Config config;
  config.metrics_listen = "127.0.0.1:0";
  auto service = start_service({}, config);
  ASSERT_NE(service, nullptr);
  ASSERT_NE(service->metrics_port(), 0);
  expect_still_serving(service->port());
  std::optional<test::RawResponse> m = test::http_get(service->metrics_port(), "/metrics");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->status, 200);
  EXPECT_NE(m->body.find("fg_http_requests_total{route=\"/healthz\",method=\"GET\",status=\"200\"}"),
            std::string::npos);
  EXPECT_NE(m->body.find("fg_http_request_duration_seconds_bucket"), std::string::npos);
  EXPECT_EQ(test::http_get(service->port(), "/metrics")->status, 404);
}

}  // namespace
}  // namespace fg::api
