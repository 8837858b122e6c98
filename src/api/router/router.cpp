#include "api/router/router.hpp"

#include <algorithm>

namespace fg::api {
namespace {

bool is_param(std::string_view segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

bool valid_param_name(std::string_view name) {
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return !name.empty();
}

// Scores a match so that literal segments win over parameters: a higher score is more specific.
int match_score(std::string_view pattern, const std::vector<std::string_view>& segments, PathParams* params) {
  const std::vector<std::string_view> pat = split_path(pattern);
  if (pat.size() != segments.size()) return -1;
  int score = 0;
  for (std::size_t i = 0; i < pat.size(); ++i) {
    if (is_param(pat[i])) {
      if (segments[i].empty()) return -1;
      if (params != nullptr) {
        std::optional<std::string> decoded = percent_decode(segments[i], false);
        // A parameter that decodes to a slash would let "{id}" span segments.
        if (!decoded || decoded->find('/') != std::string::npos) return -1;
        params->emplace(std::string(pat[i].substr(1, pat[i].size() - 2)), std::move(*decoded));
      }
    } else {
      if (pat[i] != segments[i]) return -1;
      score += 1 << (16 - std::min<std::size_t>(i, 15));
    }
  }
  return score;
}

}  // namespace

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (start < path.size()) {
    if (path[start] == '/') {
      ++start;
      continue;
    }
    std::size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    out.push_back(path.substr(start, end - start));
    start = end;
  }
  return out;
}

Status Router::add(Route route) {
  if (route.pattern.empty() || route.pattern.front() != '/') {
    return invalid_argument_error("route pattern must start with '/'", "pattern");
  }
  for (std::string_view seg : split_path(route.pattern)) {
    if (seg.find('{') != std::string_view::npos || seg.find('}') != std::string_view::npos) {
      if (!is_param(seg) || !valid_param_name(seg.substr(1, seg.size() - 2))) {
        return invalid_argument_error("route pattern has a malformed parameter segment", "pattern");
      }
    }
  }
  if (!route.handler == !route.body_sink) {
    return invalid_argument_error("route needs exactly one of a handler and a body sink", "handler");
  }
  if (route.body_sink && (route.body || route.raw_body_types.empty())) {
    return invalid_argument_error("a streamed body is a raw body: raw_body_types and no JSON schema", "body_sink");
  }
  if (route.operation_id.empty()) return invalid_argument_error("route has no operation id", "operation_id");
  if (route.method == HttpMethod::kOther || route.method == HttpMethod::kHead) {
    return invalid_argument_error("routes are GET, POST, PUT, PATCH, DELETE or OPTIONS (HEAD follows GET)", "method");
  }
  if (route.rate_class == RateClass::kByMethod) {
    route.rate_class = route.method == HttpMethod::kGet ? RateClass::kRead : RateClass::kMutation;
  }
  if (route.body && route.body_limit == kNoBody) route.body_limit = kDefaultJsonBodyLimit;
  for (const Route& r : routes_) {
    if (r.operation_id == route.operation_id) return conflict_error("duplicate operation id " + route.operation_id);
    if (r.method == route.method && r.pattern == route.pattern) {
      return conflict_error("duplicate route " + std::string(method_name(route.method)) + " " + route.pattern);
    }
  }
  routes_.push_back(std::move(route));
  return ok_status();
}

RouteMatch Router::match(HttpMethod method, std::string_view path) const {
  RouteMatch out;
  const std::vector<std::string_view> segments = split_path(path);
  // HEAD is answered by the GET route, without the body (RFC 9110 §9.3.2).
  const HttpMethod wanted = method == HttpMethod::kHead ? HttpMethod::kGet : method;
  int best = -1;
  for (const Route& r : routes_) {
    const int score = match_score(r.pattern, segments, nullptr);
    if (score < 0) continue;
    if (r.method != wanted) {
      out.allowed.push_back(r.method);
      continue;
    }
    if (score > best) {
      best = score;
      out.route = &r;
    }
  }
  if (out.route != nullptr) {
    out.allowed.clear();
    match_score(out.route->pattern, segments, &out.params);
    // A parameter segment that failed to decode fails the whole match.
    if (out.params.size() !=
        static_cast<std::size_t>(
            std::count_if(out.route->pattern.begin(), out.route->pattern.end(), [](char c) { return c == '{'; }))) {
      out.route = nullptr;
      out.params.clear();
    }
  }
  return out;
}

std::string_view rate_class_name(RateClass rate_class) {
  switch (rate_class) {
    case RateClass::kAuth: return "auth";
    case RateClass::kMutation: return "mutation";
    case RateClass::kRead: return "read";
    case RateClass::kExempt: return "exempt";
    case RateClass::kByMethod: return "by-method";
  }
  return "read";
}

}  // namespace fg::api
