#include "api/middleware/chain.hpp"

#include <gtest/gtest.h>

#include "unit/api/api_test_support.hpp"

namespace fg::api {
namespace {

TEST(ChainTest, StandardOrderIsTheDeclaredOne) {
  auto chain = MiddlewareChain::standard(ChainConfig{});
  const std::vector<std::string_view> want = {
      "request_id",     "security_headers",     "cors",           "limits",        "rate_limit_ip",
      "authentication", "rate_limit_principal", "org_resolution", "authorization", "input_validation"};
  EXPECT_EQ(chain->names(), want);
}

// Records the order of calls.
class Recorder final : public IMiddleware {
 public:
  Recorder(std::string name, std::vector<std::string>* log, bool respond)
      : name_(std::move(name)), log_(log), respond_(respond) {}
  std::string_view name() const override { return name_; }
  Verdict on_request(RequestContext&, const HttpRequest&, HttpResponse& out) override {
    log_->push_back(name_ + ".request");
    if (!respond_) return Verdict::kContinue;
    out = HttpResponse::empty(418);
    return Verdict::kRespond;
  }
  void on_response(const RequestContext&, const HttpRequest&, HttpResponse& res) const override {
    log_->push_back(name_ + ".response");
    res.headers.add("X-Seen", name_);
  }

 private:
  std::string name_;
  std::vector<std::string>* log_;
  bool respond_;
};

TEST(ChainTest, RespondStopsLaterStagesAndUnwindsTheOnesThatRan) {
  std::vector<std::string> log;
  std::vector<std::unique_ptr<IMiddleware>> stages;
  stages.push_back(std::make_unique<Recorder>("a", &log, false));
  stages.push_back(std::make_unique<Recorder>("b", &log, true));
  stages.push_back(std::make_unique<Recorder>("c", &log, false));
  MiddlewareChain chain(std::move(stages));
  RequestContext ctx;
  bool terminal_ran = false;
  HttpResponse r = chain.run(ctx, test::request(HttpMethod::kGet, "/"), [&](RequestContext&, const HttpRequest&) {
    terminal_ran = true;
    return HttpResponse::empty(200);
  });
  EXPECT_FALSE(terminal_ran);
  EXPECT_EQ(r.status, 418);
  EXPECT_EQ(log, (std::vector<std::string>{"a.request", "b.request", "b.response", "a.response"}));
}

TEST(ChainTest, EnterAndLeaveSplitARunAroundALaterAnswer) {
  std::vector<std::string> log;
  std::vector<std::unique_ptr<IMiddleware>> stages;
  stages.push_back(std::make_unique<Recorder>("a", &log, false));
  stages.push_back(std::make_unique<Recorder>("b", &log, false));
  MiddlewareChain chain(std::move(stages));
  RequestContext ctx;
  const HttpRequest req = test::request(HttpMethod::kPost, "/");
  HttpResponse out;
  const MiddlewareChain::Entry entry = chain.enter(ctx, req, out);
  EXPECT_FALSE(entry.responded);
  EXPECT_EQ(entry.stages, 2u);
  EXPECT_EQ(log, (std::vector<std::string>{"a.request", "b.request"}));
  HttpResponse later = HttpResponse::empty(202);
  chain.leave(ctx, req, entry, later);
  EXPECT_EQ(log, (std::vector<std::string>{"a.request", "b.request", "b.response", "a.response"}));
  EXPECT_EQ(later.status, 202);

  log.clear();
  std::vector<std::unique_ptr<IMiddleware>> refusing;
  refusing.push_back(std::make_unique<Recorder>("a", &log, true));
  refusing.push_back(std::make_unique<Recorder>("b", &log, false));
  MiddlewareChain refuser(std::move(refusing));
  RequestContext ctx2;
  const MiddlewareChain::Entry refused = refuser.enter(ctx2, req, out);
  EXPECT_TRUE(refused.responded);
  EXPECT_EQ(refused.stages, 1u);
  EXPECT_EQ(out.status, 418);
}

TEST(ChainTest, TerminalRunsWhenAllContinue) {
  std::vector<std::string> log;
  std::vector<std::unique_ptr<IMiddleware>> stages;
  stages.push_back(std::make_unique<Recorder>("a", &log, false));
  MiddlewareChain chain(std::move(stages));
  RequestContext ctx;
  HttpResponse r = chain.run(ctx, test::request(HttpMethod::kGet, "/"),
                             [&](RequestContext&, const HttpRequest&) { return HttpResponse::empty(204); });
  EXPECT_EQ(r.status, 204);
  EXPECT_EQ(r.headers.get("X-Seen"), "a");
}

TEST(ChainTest, ProtectedRouteWithoutAuthenticatorNeverReachesTheHandler) {
  auto chain = MiddlewareChain::standard(ChainConfig{});
  Route r = test::route(HttpMethod::kGet, "/api/v1/me", Access::authenticated());
  RequestContext ctx;
  ctx.route = &r;
  ctx.client_ip = "127.0.0.1";
  bool ran = false;
  HttpResponse res =
      chain->run(ctx, test::request(HttpMethod::kGet, "/api/v1/me"), [&](RequestContext&, const HttpRequest&) {
        ran = true;
        return HttpResponse::empty(200);
      });
  EXPECT_FALSE(ran);
  EXPECT_EQ(res.status, 401);
  // Stages before authentication still decorated the refusal.
  EXPECT_TRUE(res.headers.has("X-Request-Id"));
  EXPECT_EQ(res.headers.get("X-Frame-Options"), "DENY");
}

}  // namespace
}  // namespace fg::api
