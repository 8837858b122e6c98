// Application: the API as one IRequestHandler: resolves the client address, matches the route, runs
// the middleware chain and the handler, falls back to the static site, records metrics and the access
// log, and turns any stray exception into a generic 500 (no exception escapes a request). A route with a
// body sink is streamed (begin_streamed): the chain runs on the header alone, and the answer comes back
// through a StreamedRequest once the body has been poured into the route's sink. A route that hashes a
// password passes the chain on the I/O thread and runs its handler on the server's offload threads.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "api/metrics/metrics_registry.hpp"
#include "api/middleware/chain.hpp"
#include "api/proxy/trusted_proxies.hpp"
#include "api/router/router.hpp"
#include "api/server/request_handler.hpp"
#include "api/static_site/static_site.hpp"

namespace fg::api {

struct ApplicationOptions {
  ChainConfig chain;  //!< chain.metrics is set to `metrics` below
  TrustedProxies proxies;
  std::optional<StaticSite> static_site;     //!< web/dist, when built
  std::shared_ptr<MetricsRegistry> metrics;  //!< may be null
  std::string version;                       //!< the OpenAPI info.version
};

class Application final : public IRequestHandler {
 public:
  //! Takes the route table as built by the modules, adds GET /api/v1/openapi.json and freezes it.
  //! invalid_argument/conflict when the table is inconsistent.
  static Result<std::unique_ptr<Application>> create(Router routes, ApplicationOptions options);

  HttpResponse handle(HttpRequest request, const ConnectionInfo& conn) noexcept override;
  //! A route that hashes_password runs the chain here and its handler on `offload`; a full queue is
  //! answered 429 (Retry-After) through the chain's response stages. Other requests: handle().
  void handle_async(HttpRequest request, const ConnectionInfo& conn, IOffloadQueue& offload,
                    Reply reply) noexcept override;
  std::size_t body_limit(HttpMethod method, std::string_view path) const noexcept override;
  bool streams_body(HttpMethod method, std::string_view path) const noexcept override;
  StreamedStart begin_streamed(HttpRequest header, const ConnectionInfo& conn) noexcept override;

  const Router& router() const { return router_; }
  const MiddlewareChain& chain() const { return *chain_; }
  //! The OpenAPI document served at /api/v1/openapi.json.
  const std::string& openapi_json() const { return openapi_; }

  Application(Router routes, ApplicationOptions options);  //!< use create()

 private:
  friend class StreamedRequest;
  //! The request's metrics and access-log line; `status` 0: abandoned before an answer.
  void record(const RequestContext& ctx, const HttpRequest& req, int status) const noexcept;
  //! begin_streamed() once the chain passed: the route's sink, or the refusal.
  StreamedStart start_sink(std::unique_ptr<RequestContext> ctx, HttpRequest header, MiddlewareChain::Entry entry);
  HttpResponse terminal(RequestContext& ctx, const HttpRequest& req, const std::vector<HttpMethod>& allowed) const;
  struct Offloaded;
  //! An offloaded request on its offload thread: the handler, the chain's response stages, the record.
  void finish_offloaded(Offloaded& job) noexcept;
  //! The answer to a bug's exception (request id and security headers when they can be added).
  static HttpResponse unhandled(const RequestContext& ctx, const HttpRequest& req) noexcept;

  Router router_;
  ApplicationOptions options_;
  std::unique_ptr<MiddlewareChain> chain_;
  std::string openapi_;
};

//! The path of the OpenAPI document.
inline constexpr std::string_view kOpenApiPath = "/api/v1/openapi.json";

}  // namespace fg::api
