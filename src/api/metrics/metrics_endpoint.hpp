// MetricsEndpoint: the request handler of the separate metrics listener (Config::metrics_listen).
// It answers GET /metrics with the registry's exposition text and 404 to anything else; it carries no
// API route, so exposing it to a scraper network exposes nothing else.
#pragma once

#include <memory>

#include "api/metrics/metrics_registry.hpp"
#include "api/server/request_handler.hpp"

namespace fg::api {

class MetricsEndpoint final : public IRequestHandler {
 public:
  explicit MetricsEndpoint(std::shared_ptr<const MetricsRegistry> registry) : registry_(std::move(registry)) {}
  HttpResponse handle(HttpRequest request, const ConnectionInfo& conn) noexcept override;
  std::size_t body_limit(HttpMethod, std::string_view) const noexcept override { return 0; }

 private:
  std::shared_ptr<const MetricsRegistry> registry_;
};

}  // namespace fg::api
