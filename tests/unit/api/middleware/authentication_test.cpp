#include "api/middleware/authentication.hpp"

#include <gtest/gtest.h>

#include "unit/api/api_test_support.hpp"

namespace fg::api {
namespace {

struct Outcome {
  Verdict verdict;
  HttpResponse out;
  bool has_principal;
};

Outcome run(std::shared_ptr<const IAuthenticator> auth, const Route& route, HttpMethod method = HttpMethod::kGet) {
  AuthenticationMiddleware m(AuthenticationConfig{std::move(auth)});
  RequestContext ctx;
  ctx.route = &route;
  ctx.client_ip = "192.0.2.7";
  HttpResponse out;
  Verdict v = m.on_request(ctx, test::request(method, route.pattern), out);
  return {v, std::move(out), ctx.principal.has_value()};
}

TEST(AuthenticationTest, PublicRoutesSkipTheAuthenticator) {
  auto auth = std::make_shared<test::FakeAuthenticator>(unauthenticated_error("no"));
  Outcome o = run(auth, test::route(HttpMethod::kGet, "/healthz"));
  EXPECT_EQ(o.verdict, Verdict::kContinue);
  EXPECT_EQ(auth->calls, 0);
}

TEST(AuthenticationTest, NoAuthenticatorFailsClosedWith401) {
  Outcome o = run(nullptr, test::route(HttpMethod::kGet, "/api/v1/me", Access::authenticated()));
  EXPECT_EQ(o.verdict, Verdict::kRespond);
  EXPECT_EQ(o.out.status, 401);
  EXPECT_TRUE(o.out.headers.has("WWW-Authenticate"));
}

TEST(AuthenticationTest, RefusedCredentialsGet401WithAGenericMessage) {
  auto auth = std::make_shared<test::FakeAuthenticator>(unauthenticated_error("api key fgk_123 revoked"));
  Outcome o = run(auth, test::route(HttpMethod::kGet, "/x", Access::permission(identity::Permission("audit.read"))));
  EXPECT_EQ(o.out.status, 401);
  EXPECT_EQ(o.out.body.find("fgk_"), std::string::npos);
  EXPECT_EQ(o.out.body.find("revoked"), std::string::npos);
}

TEST(AuthenticationTest, StoreOutageIs503NotA401) {
  auto auth = std::make_shared<test::FakeAuthenticator>(unavailable_error("session store unavailable"));
  EXPECT_EQ(run(auth, test::route(HttpMethod::kGet, "/x", Access::authenticated())).out.status, 503);
}

TEST(AuthenticationTest, AcceptedPrincipalIsStoredAndSeesTheClientIp) {
  auto auth = std::make_shared<test::FakeAuthenticator>(test::principal());
  Outcome o = run(auth, test::route(HttpMethod::kGet, "/x", Access::authenticated()));
  EXPECT_EQ(o.verdict, Verdict::kContinue);
  EXPECT_TRUE(o.has_principal);
  EXPECT_EQ(auth->last_client_ip, "192.0.2.7");
}

TEST(AuthenticationTest, CookieMutationWithoutVerifiedCsrfIs403) {
  Principal session = test::principal("owner", AuthMethod::kSession, "user-1");
  ASSERT_TRUE(session.csrf_applies);
  auto auth = std::make_shared<test::FakeAuthenticator>(session);
  Outcome o = run(auth, test::route(HttpMethod::kPost, "/x", Access::authenticated()), HttpMethod::kPost);
  EXPECT_EQ(o.out.status, 403);
  EXPECT_FALSE(o.has_principal);
}

TEST(AuthenticationTest, CookieMutationWithVerifiedCsrfPasses) {
  Principal session = test::principal("owner", AuthMethod::kSession, "user-1");
  session.csrf_verified = true;
  auto auth = std::make_shared<test::FakeAuthenticator>(session);
  EXPECT_EQ(run(auth, test::route(HttpMethod::kPost, "/x", Access::authenticated()), HttpMethod::kPost).verdict,
            Verdict::kContinue);
}

TEST(AuthenticationTest, CookieReadNeedsNoCsrfAndApiKeyMutationNeedsNone) {
  auto session = std::make_shared<test::FakeAuthenticator>(test::principal("owner", AuthMethod::kSession, "u"));
  EXPECT_EQ(run(session, test::route(HttpMethod::kGet, "/x", Access::authenticated())).verdict, Verdict::kContinue);
  auto key = std::make_shared<test::FakeAuthenticator>(test::principal("owner", AuthMethod::kApiKey, "k"));
  EXPECT_EQ(run(key, test::route(HttpMethod::kPost, "/x", Access::authenticated()), HttpMethod::kPost).verdict,
            Verdict::kContinue);
}

}  // namespace
}  // namespace fg::api
