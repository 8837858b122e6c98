// MiddlewareChain: the ordered stages every request passes through, and the one place that declares
// that order (CORRECTIONS.md, DESIGN.md):
//
//   request_id -> security_headers -> cors -> limits -> rate_limit_ip -> authentication ->
//   rate_limit_principal -> org_resolution -> authorization -> input_validation -> handler
//
// Audit of mutations is not a stage: the handler's service call writes the audit entry in the same
// transaction as the mutation.
#pragma once

#include <functional>
#include <memory>
#include <string_view>
#include <vector>

#include "api/middleware/authentication.hpp"
#include "api/middleware/authorization.hpp"
#include "api/middleware/cors.hpp"
#include "api/middleware/limits.hpp"
#include "api/middleware/middleware.hpp"
#include "api/middleware/rate_limit.hpp"

namespace fg::api {

//! Everything the stages are built from. Built once at start-up.
struct ChainConfig {
  CorsConfig cors;
  LimitsConfig limits;
  RateLimitConfig rate_per_ip = RateLimitConfig::per_ip_defaults();
  RateLimitConfig rate_per_principal = RateLimitConfig::per_principal_defaults();
  AuthenticationConfig authentication;
  AuthorizationConfig authorization;
  MetricsRegistry* metrics = nullptr;  //!< may be null
};

class MiddlewareChain {
 public:
  //! The terminal stage: answers a request that passed every stage.
  using Terminal = std::function<HttpResponse(RequestContext&, const HttpRequest&)>;

  //! The standard chain in the order above.
  static std::unique_ptr<MiddlewareChain> standard(ChainConfig config);
  //! A chain of the given stages, in order (tests).
  explicit MiddlewareChain(std::vector<std::unique_ptr<IMiddleware>> stages) : stages_(std::move(stages)) {}

  //! Runs on_request stage by stage until one responds (or the terminal answers), then on_response of
  //! every stage that ran, last to first. Thread-safe; exceptions are the caller's to catch.
  HttpResponse run(RequestContext& ctx, const HttpRequest& req, const Terminal& terminal) const;

  //! run() in two halves, for a request whose answer comes later (a streamed body): enter() runs
  //! on_request stage by stage until one answers (its answer is then in `out`); leave() runs
  //! on_response of the stages that entered, last to first, on the eventual answer. Thread-safe;
  //! exceptions are the caller's to catch.
  struct Entry {
    std::size_t stages = 0;  //!< stages whose on_request ran: what leave() unwinds
    bool responded = false;  //!< a stage answered; `out` holds it
  };
  Entry enter(RequestContext& ctx, const HttpRequest& req, HttpResponse& out) const;
  void leave(const RequestContext& ctx, const HttpRequest& req, const Entry& entry, HttpResponse& res) const;

  //! The stage names in order (the order test reads this).
  std::vector<std::string_view> names() const;

 private:
  std::vector<std::unique_ptr<IMiddleware>> stages_;
};

}  // namespace fg::api
