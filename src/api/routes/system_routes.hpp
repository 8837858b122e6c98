// The system routes: liveness, readiness and the caller's own identity.
//
//   GET /healthz      public   the process is up and serving
//   GET /readyz       public   every readiness check passes (database reachable, migrations current,
//                              keys loaded, ...), else 503 naming the failed checks (no details)
//   GET /api/v1/me    any authenticated principal: who the request runs as (subject, org, role,
//                              auth method), straight from the verified Principal
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "api/router/router.hpp"

namespace fg::api {

struct ReadinessCheck {
  std::string name;               //!< "database", "migrations", "keys"
  std::function<Status()> check;  //!< must be thread-safe, quick and not throw
};

//! Adds the three routes. Errors as Router::add.
Status add_system_routes(Router& router, std::vector<ReadinessCheck> checks);

}  // namespace fg::api
