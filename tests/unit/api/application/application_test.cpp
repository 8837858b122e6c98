#include "api/application/application.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api/routes/system_routes.hpp"
#include "unit/api/api_test_support.hpp"

namespace fg::api {
namespace {

using nlohmann::json;

std::unique_ptr<Application> make_app(Router r, std::shared_ptr<const IAuthenticator> auth = nullptr) {
  EXPECT_TRUE(add_system_routes(r, {}).ok());
  ApplicationOptions o;
  o.chain.authentication.authenticator = std::move(auth);
  o.chain.authorization.check = [](std::string_view role, std::string_view) { return role == "owner"; };
  o.metrics = std::make_shared<MetricsRegistry>();
  Result<std::unique_ptr<Application>> app = Application::create(std::move(r), std::move(o));
  EXPECT_TRUE(app.ok());
  return std::move(*app);
}

HttpResponse get(Application& app, std::string path, HttpMethod m = HttpMethod::kGet) {
  return app.handle(test::request(m, std::move(path)), ConnectionInfo{"127.0.0.1", false});
}

TEST(ApplicationTest, EveryRouteIsInTheOpenApiDocument) {
  Router r;
  Route keys = test::route(HttpMethod::kDelete, "/api/v1/api-keys/{id}",
                           Access::permission(identity::Permission("api_keys.revoke")));
  ASSERT_TRUE(r.add(keys).ok());
  auto app = make_app(std::move(r));
  json doc = json::parse(get(*app, std::string(kOpenApiPath)).body);
  std::size_t operations = 0;
  for (const auto& [path, item] : doc["paths"].items()) operations += item.size();
  EXPECT_EQ(operations, app->router().routes().size());
  for (const Route& route : app->router().routes()) {
    std::string m(method_name(route.method));
    for (char& c : m) c = static_cast<char>(std::tolower(c));
    ASSERT_TRUE(doc["paths"][route.pattern].contains(m)) << route.pattern << " is missing from the OpenAPI document";
    EXPECT_TRUE(doc["paths"][route.pattern][m].contains("security")) << route.pattern;
  }
  EXPECT_EQ(doc["paths"][std::string(kOpenApiPath)]["get"]["security"], json::array());
}

TEST(ApplicationTest, UnknownApiPathIsJson404AndWrongMethodIs405) {
  auto app = make_app(Router{});
  HttpResponse nf = get(*app, "/api/v1/nothing");
  EXPECT_EQ(nf.status, 404);
  EXPECT_EQ(json::parse(nf.body)["error"]["code"], "not_found");
  HttpResponse na = get(*app, "/healthz", HttpMethod::kPost);
  EXPECT_EQ(na.status, 405);
  EXPECT_EQ(na.headers.get("Allow"), "GET");
}

TEST(ApplicationTest, HandlerErrorsAreMappedAndExceptionsBecomeGeneric500) {
  Router r;
  Route conflict = test::route(HttpMethod::kGet, "/api/v1/conflict");
  conflict.handler = [](RequestContext&, const HttpRequest&) -> Result<HttpResponse> {
    return conflict_error("already exists");
  };
  Route thrower = test::route(HttpMethod::kGet, "/api/v1/throw");
  thrower.handler = [](RequestContext&, const HttpRequest&) -> Result<HttpResponse> {
    throw std::runtime_error("password=hunter2 at /srv/x.cpp");
  };
  ASSERT_TRUE(r.add(conflict).ok());
  ASSERT_TRUE(r.add(thrower).ok());
  auto app = make_app(std::move(r));
  EXPECT_EQ(get(*app, "/api/v1/conflict").status, 409);
  HttpResponse e = get(*app, "/api/v1/throw");
  EXPECT_EQ(e.status, 500);
  EXPECT_EQ(e.body.find("hunter2"), std::string::npos);
  EXPECT_EQ(e.body.find("/srv"), std::string::npos);
  EXPECT_EQ(json::parse(e.body)["error"]["request_id"], std::string(*e.headers.get("X-Request-Id")));
}

TEST(ApplicationTest, ProtectedRoutesFailClosedWithoutIdentity) {
  auto app = make_app(Router{});
  EXPECT_EQ(get(*app, "/api/v1/me").status, 401);
}

TEST(ApplicationTest, AuthenticatedRequestReachesTheHandler) {
  auto app = make_app(Router{}, std::make_shared<test::FakeAuthenticator>(test::principal("viewer")));
  HttpResponse r = get(*app, "/api/v1/me");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(json::parse(r.body)["role"], "viewer");
}

TEST(ApplicationTest, BodyLimitFollowsTheRoute) {
  Router r;
  Route upload = test::route(HttpMethod::kPost, "/api/v1/upload");
  upload.body_limit = 12345;
  ASSERT_TRUE(r.add(upload).ok());
  auto app = make_app(std::move(r));
  EXPECT_EQ(app->body_limit(HttpMethod::kPost, "/api/v1/upload"), 12345u);
  // A body-less route reads a small stray body so that authentication answers before validation.
  EXPECT_EQ(app->body_limit(HttpMethod::kGet, "/healthz"), kNoBodyRouteAllowance);
  EXPECT_EQ(app->body_limit(HttpMethod::kPost, "/nowhere"), 0u);
}

TEST(ApplicationTest, HeadAnswersLikeGet) {
  auto app = make_app(Router{});
  EXPECT_EQ(get(*app, "/healthz", HttpMethod::kHead).status, 200);
}

}  // namespace
}  // namespace fg::api
