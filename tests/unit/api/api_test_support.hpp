// Helpers for the API unit tests: requests, routes and principals without sockets.
#pragma once

#include <memory>
#include <string>

#include "api/auth/authenticator.hpp"
#include "api/http/request_context.hpp"
#include "support/scope_for_test.hpp"

namespace fg::api::test {

inline HttpRequest request(HttpMethod method, std::string target, std::string body = {}) {
  HttpRequest r;
  r.method = method;
  r.set_target(std::move(target));
  r.body = std::move(body);
  r.headers.add("Host", "api.example.com");
  return r;
}

inline Route route(HttpMethod method, std::string pattern, Access access = Access::public_route()) {
  std::string operation_id = std::string(method_name(method)) + pattern;
  return Route{.method = method,
               .pattern = std::move(pattern),
               .operation_id = std::move(operation_id),
               .access = std::move(access),
               .handler = [](RequestContext&, const HttpRequest&) -> Result<HttpResponse> {
                 return HttpResponse::json(200, "{}");
               }};
}

inline Principal principal(std::string role = "viewer", AuthMethod method = AuthMethod::kApiKey,
                           std::string subject = "key-1") {
  static const OrgId kOrg = OrgId::random();
  Actor actor{method == AuthMethod::kApiKey ? Actor::Kind::kApiKey : Actor::Kind::kUser, std::move(subject),
              std::move(role)};
  return Principal{testing::ScopeForTest::org(kOrg, actor), method, method == AuthMethod::kSession, false};
}

//! An authenticator that answers a fixed result and counts calls.
class FakeAuthenticator final : public IAuthenticator {
 public:
  explicit FakeAuthenticator(Result<Principal> answer) : answer_(std::move(answer)) {}
  Result<Principal> authenticate(const AuthInput& input) const override {
    ++calls;
    last_client_ip = std::string(input.client_ip);
    return answer_;
  }
  mutable int calls = 0;
  mutable std::string last_client_ip;

 private:
  Result<Principal> answer_;
};

}  // namespace fg::api::test
