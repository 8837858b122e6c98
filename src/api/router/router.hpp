// Router: the route table and the matching of a request's method and path to one route.
//
// Patterns are literal segments and "{name}" segments; a literal beats a parameter at the same depth
// ("/users/me" wins over "/users/{id}"). Routes are added at start-up, then the table is read-only and
// matching is thread-safe.
#pragma once

#include <string_view>
#include <vector>

#include "api/router/route.hpp"

namespace fg::api {

struct RouteMatch {
  const Route* route = nullptr;  //!< nullptr: no route for this method and path
  PathParams params;
  //! When route is nullptr but the path exists for other methods: those methods (405 + Allow).
  std::vector<HttpMethod> allowed;
};

class Router {
 public:
  //! Adds a route. invalid_argument for a malformed pattern, a missing handler or operation id;
  //! conflict for a duplicate method+pattern or operation id.
  Status add(Route route);

  //! Matches a request path (not percent-decoded; parameters are decoded). Thread-safe after start-up.
  RouteMatch match(HttpMethod method, std::string_view path) const;

  //! Every route, in the order added (the OpenAPI generator walks this).
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

//! Splits "/a/b/" into {"a", "b"}; an empty path or "/" gives {}.
std::vector<std::string_view> split_path(std::string_view path);

}  // namespace fg::api
