// ApiService: the API tier as one object: the Application built from a Config plus the modules' routes
// and hooks, the main server, and the metrics server when metrics_listen is set. `finguard serve` and
// the integration tests start it the same way.
//
//   ApiDependencies deps;  deps.authenticator = identity_authenticator;  // ...
//   FG_ASSIGN_OR_RETURN(auto service, ApiService::start(config, std::move(deps), {}));
//   service->stop_on_signals();
//   service->wait();
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "api/auth/authenticator.hpp"
#include "api/middleware/rate_limit.hpp"
#include "api/routes/system_routes.hpp"
#include "api/server/server_limits.hpp"
#include "core/config.hpp"

namespace fg::api {

class Application;
class Server;

//! What other modules plug into the API tier. Everything is optional; missing pieces fail closed.
struct ApiDependencies {
  //! identity's authenticator; null: every protected route answers 401.
  std::shared_ptr<const IAuthenticator> authenticator;
  //! identity's role -> permission check; empty: every permission route answers 403.
  PermissionCheck permissions;
  //! Readiness checks for /readyz (store: database, migrations; keys).
  std::vector<ReadinessCheck> readiness;
  //! Adds a module's routes to the table (identity, audit, costdb, ...), in order.
  std::vector<std::function<Status(Router&)>> route_sets;
  //! The job queue depth gauge (jobs).
  std::function<std::optional<std::int64_t>()> queue_depth;
  //! Called with the service's metrics registry before the server starts (identity's login failure
  //! counter). A hook may keep the pointer: the registry lives as long as any holder.
  std::vector<std::function<void(const std::shared_ptr<MetricsRegistry>&)>> metrics_hooks;
};

//! How the service runs. from_config() takes the rate limits and web_dir from the settings; tests may
//! also shorten timeouts here.
struct ApiServiceOptions {
  ServerLimits limits;
  RateLimitConfig rate_per_ip = RateLimitConfig::per_ip_defaults();
  RateLimitConfig rate_per_principal = RateLimitConfig::per_principal_defaults();
  std::string web_dir;  //!< the built UI; empty or missing: no static site
  int threads = 0;      //!< 0: one per core
  std::string version = "0";

  //! Defaults, with both rate-limit stages from config.rate_limits, web_dir from config.web_dir and the
  //! password hash threads and queue (limits.offload_*) from config.password_hash_*.
  static ApiServiceOptions from_config(const Config& config);
};

class ApiService {
 public:
  //! Builds the route table and starts listening on config.listen (and config.metrics_listen).
  //! invalid_argument for bad settings (trusted_proxies, TLS files), unavailable when a port is taken.
  static Result<std::unique_ptr<ApiService>> start(const Config& config, ApiDependencies deps,
                                                   const ApiServiceOptions& options);
  ~ApiService();

  std::uint16_t port() const;
  //! 0 when there is no metrics listener.
  std::uint16_t metrics_port() const;
  //! SIGTERM/SIGINT start a graceful shutdown of both servers.
  void stop_on_signals();
  void stop();
  //! Blocks until shut down; true when in-flight requests finished within the budget.
  bool wait();

  const Application& application() const { return *app_; }
  MetricsRegistry& metrics() { return *metrics_; }

  struct Parts;
  explicit ApiService(std::unique_ptr<Parts> parts);

 private:
  std::unique_ptr<Parts> parts_;
  const Application* app_ = nullptr;
  MetricsRegistry* metrics_ = nullptr;
};

}  // namespace fg::api
