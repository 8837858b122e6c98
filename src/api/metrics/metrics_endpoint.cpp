#include "api/metrics/metrics_endpoint.hpp"

namespace fg::api {

HttpResponse MetricsEndpoint::handle(HttpRequest request, const ConnectionInfo& conn) noexcept {
  try {
    if (request.path != "/metrics") return HttpResponse::with_body(404, "not found\n", "text/plain; charset=utf-8");
    if (request.method != HttpMethod::kGet && request.method != HttpMethod::kHead) {
      HttpResponse r = HttpResponse::with_body(405, "method not allowed\n", "text/plain; charset=utf-8");
      r.headers.set("Allow", "GET");
      return r;
    }
    HttpResponse r = HttpResponse::with_body(200, registry_->render(), "text/plain; version=0.0.4; charset=utf-8");
    r.headers.set("Cache-Control", "no-store");
    r.headers.set("X-Content-Type-Options", "nosniff");
    return r;
  } catch (...) {
    return HttpResponse::empty(500);
  }
}

}  // namespace fg::api
