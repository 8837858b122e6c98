#include "api/application/api_service.hpp"

#include <filesystem>

#include "api/application/application.hpp"
#include "api/metrics/metrics_endpoint.hpp"
#include "api/server/server.hpp"
#include "core/log.hpp"
#include "crypto/password.hpp"

namespace fg::api {

struct ApiService::Parts {
  std::shared_ptr<MetricsRegistry> metrics;
  std::unique_ptr<Application> app;
  std::unique_ptr<MetricsEndpoint> metrics_endpoint;
  // Servers last: they are destroyed (and joined) first, while the handlers they call still exist.
  std::unique_ptr<Server> server;
  std::unique_ptr<Server> metrics_server;
};

ApiServiceOptions ApiServiceOptions::from_config(const Config& config) {
  ApiServiceOptions o;
  o.rate_per_ip = RateLimitConfig::per_ip(config.rate_limits);
  o.rate_per_principal = RateLimitConfig::per_principal(config.rate_limits);
  o.web_dir = config.web_dir;
  o.limits.offload_threads = static_cast<std::size_t>(
      config.password_hash_workers > 0 ? config.password_hash_workers : crypto::default_hash_concurrency());
  o.limits.offload_queue = static_cast<std::size_t>(config.password_hash_queue);
  return o;
}

Result<std::unique_ptr<ApiService>> ApiService::start(const Config& config, ApiDependencies deps,
                                                      const ApiServiceOptions& options) {
  auto parts = std::make_unique<Parts>();
  parts->metrics = std::make_shared<MetricsRegistry>();
  if (deps.queue_depth) parts->metrics->set_queue_depth_source(std::move(deps.queue_depth));
  for (const auto& hook : deps.metrics_hooks) hook(parts->metrics);

  Router router;
  FG_TRY(add_system_routes(router, std::move(deps.readiness)));
  for (const auto& add : deps.route_sets) FG_TRY(add(router));
  FG_TRY(check_declared_permissions(router, deps.permissions));

  ApplicationOptions app_options;
  app_options.chain.cors.allowed_origins = config.cors_origins;
  app_options.chain.rate_per_ip = options.rate_per_ip;
  app_options.chain.rate_per_principal = options.rate_per_principal;
  app_options.chain.authentication.authenticator = std::move(deps.authenticator);
  app_options.chain.authorization.check = std::move(deps.permissions);
  FG_ASSIGN_OR_RETURN(app_options.proxies, TrustedProxies::parse(config.trusted_proxies));
  std::error_code ec;
  if (!options.web_dir.empty() && std::filesystem::is_directory(options.web_dir, ec)) {
    FG_ASSIGN_OR_RETURN(StaticSite site, StaticSite::open(options.web_dir));
    app_options.static_site.emplace(std::move(site));
  }
  app_options.metrics = parts->metrics;
  app_options.version = options.version;
  FG_ASSIGN_OR_RETURN(parts->app, Application::create(std::move(router), std::move(app_options)));

  ServerOptions server_options;
  server_options.listen = config.listen;
  server_options.tls_cert = config.tls_cert;
  server_options.tls_key = config.tls_key;
  server_options.threads = options.threads;
  server_options.limits = options.limits;
  FG_ASSIGN_OR_RETURN(parts->server, Server::start(server_options, *parts->app));

  if (!config.metrics_listen.empty()) {
    parts->metrics_endpoint = std::make_unique<MetricsEndpoint>(parts->metrics);
    ServerOptions m;
    m.listen = config.metrics_listen;
    m.threads = 1;
    m.limits = options.limits;
    m.limits.offload_threads = 0;  // /metrics hashes nothing
    FG_ASSIGN_OR_RETURN(parts->metrics_server, Server::start(m, *parts->metrics_endpoint));
  }
  return std::make_unique<ApiService>(std::move(parts));
}

ApiService::ApiService(std::unique_ptr<Parts> parts)
    : parts_(std::move(parts)), app_(parts_->app.get()), metrics_(parts_->metrics.get()) {}

ApiService::~ApiService() {
  stop();
  wait();
}

std::uint16_t ApiService::port() const {
  return parts_->server->port();
}

std::uint16_t ApiService::metrics_port() const {
  return parts_->metrics_server ? parts_->metrics_server->port() : 0;
}

void ApiService::stop_on_signals() {
  parts_->server->stop_on_signals();
}

void ApiService::stop() {
  parts_->server->stop();
  if (parts_->metrics_server) parts_->metrics_server->stop();
}

bool ApiService::wait() {
  const bool clean = parts_->server->wait();
  // The metrics listener follows the main server down (a signal stops only the main one).
  if (parts_->metrics_server) {
    parts_->metrics_server->stop();
    parts_->metrics_server->wait();
  }
  return clean;
}

}  // namespace fg::api
