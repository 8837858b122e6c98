#include "api/application/streamed_request.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api/application/application.hpp"
#include "unit/api/api_test_support.hpp"

namespace fg::api {
namespace {

// What a route sink saw, shared with the test after the sink is gone.
struct SinkLog {
  int made = 0;
  std::string body;
  bool finished = false;
  bool undone = false;  // destroyed without a successful finish
};

class RecordingSink final : public IBodySink {
 public:
  RecordingSink(std::shared_ptr<SinkLog> log, bool fail_finish) : log_(std::move(log)), fail_finish_(fail_finish) {}
  ~RecordingSink() override {
    if (!log_->finished) log_->undone = true;
  }
  Status write(std::string_view piece) override {
    log_->body += piece;
    return ok_status();
  }
  Result<HttpResponse> finish(RequestContext& ctx) override {
    if (fail_finish_) return invalid_argument_error("body: the file is empty", "body");
    log_->finished = true;
    return HttpResponse::json(202, "{\"got\":" + std::to_string(log_->body.size()) + "}");
  }

 private:
  std::shared_ptr<SinkLog> log_;
  bool fail_finish_;
};

class StreamedRequestTest : public ::testing::Test {
 protected:
  std::unique_ptr<Application> make_app(bool authenticated, bool fail_finish = false) {
    Router r;
    Route upload =
        test::route(HttpMethod::kPost, "/api/v1/upload", Access::permission(identity::Permission("ingest.run")));
    upload.handler = nullptr;
    upload.body_limit = 100;
    upload.raw_body_types = {"text/csv"};
    upload.body_sink = [log = log_, fail_finish](RequestContext&,
                                                 const HttpRequest&) -> Result<std::unique_ptr<IBodySink>> {
      ++log->made;
      return std::unique_ptr<IBodySink>(std::make_unique<RecordingSink>(log, fail_finish));
    };
    EXPECT_TRUE(r.add(upload).ok());
    ApplicationOptions o;
    if (authenticated)
      o.chain.authentication.authenticator = std::make_shared<test::FakeAuthenticator>(test::principal("owner"));
    o.chain.authorization.check = [](std::string_view role, std::string_view) { return role == "owner"; };
    Result<std::unique_ptr<Application>> app = Application::create(std::move(r), std::move(o));
    EXPECT_TRUE(app.ok());
    return std::move(*app);
  }

  static HttpRequest header(std::string type = "text/csv", std::string length = "") {
    HttpRequest h = test::request(HttpMethod::kPost, "/api/v1/upload");
    h.headers.add("Authorization", "Bearer fgk_test");
    if (!type.empty()) h.headers.add("Content-Type", type);
    if (!length.empty()) h.headers.add("Content-Length", length);
    return h;
  }

  StreamedStart begin(Application& app, HttpRequest h) {
    return app.begin_streamed(std::move(h), {"127.0.0.1", false});
  }

  std::shared_ptr<SinkLog> log_ = std::make_shared<SinkLog>();
};

TEST_F(StreamedRequestTest, OnlyARouteWithASinkIsStreamed) {
  auto app = make_app(true);
  EXPECT_TRUE(app->streams_body(HttpMethod::kPost, "/api/v1/upload"));
  EXPECT_FALSE(app->streams_body(HttpMethod::kGet, "/api/v1/upload"));
  EXPECT_FALSE(app->streams_body(HttpMethod::kGet, "/api/v1/openapi.json"));
}

TEST_F(StreamedRequestTest, RefusalsOnTheHeaderComeBeforeTheSinkAndClose) {
  auto unauthenticated = make_app(false);
  StreamedStart s = begin(*unauthenticated, header());
  EXPECT_EQ(s.sink, nullptr);
  EXPECT_EQ(s.response.status, 401);
  EXPECT_TRUE(s.response.close);
  auto app = make_app(true);
  StreamedStart wrong_type = begin(*app, header("application/json"));
  EXPECT_EQ(wrong_type.sink, nullptr);
  EXPECT_EQ(wrong_type.response.status, 415);
  EXPECT_TRUE(wrong_type.response.close);
  // Too large by its declared length: after the chain (a stranger would get 401), before the sink.
  StreamedStart too_large = begin(*app, header("text/csv", "101"));
  EXPECT_EQ(too_large.sink, nullptr);
  EXPECT_EQ(too_large.response.status, 413);
  EXPECT_TRUE(too_large.response.headers.has("X-Request-Id"));
  EXPECT_EQ(log_->made, 0);
}

TEST_F(StreamedRequestTest, PiecesReachTheSinkAndTheAnswerPassesBackThroughTheChain) {
  auto app = make_app(true);
  StreamedStart s = begin(*app, header("text/csv", "4"));
  ASSERT_NE(s.sink, nullptr);
  EXPECT_EQ(log_->made, 1);
  EXPECT_TRUE(s.sink->write("ab").ok());
  EXPECT_TRUE(s.sink->write("cd").ok());
  HttpResponse r = s.sink->finish();
  EXPECT_EQ(r.status, 202);
  EXPECT_EQ(r.body, "{\"got\":4}");
  EXPECT_TRUE(r.headers.has("X-Request-Id"));  // the request-id stage's on_response ran
  EXPECT_TRUE(log_->finished);
  s.sink.reset();
  EXPECT_FALSE(log_->undone);
}

TEST_F(StreamedRequestTest, AFailedFinishIsMappedAndUndone) {
  auto app = make_app(true, true);
  StreamedStart s = begin(*app, header());
  ASSERT_NE(s.sink, nullptr);
  HttpResponse r = s.sink->finish();
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(nlohmann::json::parse(r.body)["error"]["field"], "body");
  EXPECT_TRUE(log_->undone);
}

TEST_F(StreamedRequestTest, AbandonAndDropUndoTheSink) {
  auto app = make_app(true);
  StreamedStart s = begin(*app, header());
  ASSERT_NE(s.sink, nullptr);
  ASSERT_TRUE(s.sink->write("partial").ok());
  HttpResponse r = s.sink->abandon(413, invalid_argument_error("the request body is too large"));
  EXPECT_EQ(r.status, 413);
  EXPECT_TRUE(r.close);
  EXPECT_TRUE(r.headers.has("X-Request-Id"));
  EXPECT_TRUE(log_->undone);

  *log_ = SinkLog{};
  StreamedStart dropped = begin(*app, header());
  ASSERT_NE(dropped.sink, nullptr);
  ASSERT_TRUE(dropped.sink->write("partial").ok());
  dropped.sink.reset();  // the client left
  EXPECT_TRUE(log_->undone);
}

}  // namespace
}  // namespace fg::api
