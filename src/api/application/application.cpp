#include "api/application/application.hpp"

#include <charconv>
#include <exception>

#include "api/application/streamed_request.hpp"
#include "api/errors/error_response.hpp"
#include "api/middleware/security_headers.hpp"
#include "api/openapi/openapi_document.hpp"
#include "core/log.hpp"

namespace fg::api {
namespace {

bool is_api_path(std::string_view path) {
  return path == "/api" || path.rfind("/api/", 0) == 0;
}

std::string allow_header(const std::vector<HttpMethod>& allowed) {
  std::string out;
  for (HttpMethod m : allowed) {
    if (!out.empty()) out += ", ";
    out += method_name(m);
  }
  return out;
}

// The Content-Length the client declared; the server's parser has already refused a malformed one.
std::optional<std::uint64_t> declared_length(const HttpRequest& req) {
  std::optional<std::string_view> v = req.headers.get("Content-Length");
  if (!v) return std::nullopt;
  std::uint64_t n = 0;
  auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
  if (ec != std::errc() || end != v->data() + v->size()) return std::nullopt;
  return n;
}

// Who is asking, for every entry point alike: the client a trusted proxy names (or the peer), whether
// the request came over TLS, and the User-Agent, bounded because sessions keep it for their owner.
void identify_client(RequestContext& ctx, const TrustedProxies& proxies, const ConnectionInfo& conn,
                     const HttpRequest& req) {
  const ClientAddress client = proxies.resolve(conn.peer_ip, conn.tls, req.headers);
  ctx.client_ip = client.ip;
  ctx.secure = client.secure;
  ctx.user_agent = std::string(req.headers.get("User-Agent").value_or("")).substr(0, 256);
}

}  // namespace

Result<std::unique_ptr<Application>> Application::create(Router routes, ApplicationOptions options) {
  // The document lists this route too, so it is filled in once the table is final.
  auto document = std::make_shared<std::string>();
  FG_TRY(routes.add(Route{.pattern = std::string(kOpenApiPath),
                          .operation_id = "getOpenApiDocument",
                          .summary = "This document: every operation of the API, with its security requirement",
                          .tag = "system",
                          .access = Access::public_route(),
                          .rate_class = RateClass::kExempt,
                          .response = responds(200,
                                               schema::object({{"openapi", schema::string()},
                                                               {"info", schema::any()},
                                                               {"paths", schema::map_of(schema::any())},
                                                               {"components", schema::any()}}),
                                               "The OpenAPI 3.1 document"),
                          .handler = [document](RequestContext&, const HttpRequest&) -> Result<HttpResponse> {
                            return HttpResponse::json(200, *document);
                          }}));
  auto app = std::make_unique<Application>(std::move(routes), std::move(options));
  *document = app->openapi_json();
  return app;
}

Application::Application(Router routes, ApplicationOptions options)
    : router_(std::move(routes)), options_(std::move(options)) {
  options_.chain.metrics = options_.metrics.get();
  chain_ = MiddlewareChain::standard(options_.chain);
  openapi_ = render_openapi(router_, OpenApiInfo{"finguard API", options_.version});
}

std::size_t Application::body_limit(HttpMethod method, std::string_view path) const noexcept {
  const RouteMatch m = router_.match(method, path);
  if (m.route == nullptr) return 0;
  return m.route->body_limit == 0 ? kNoBodyRouteAllowance : m.route->body_limit;
}

bool Application::streams_body(HttpMethod method, std::string_view path) const noexcept {
  const RouteMatch m = router_.match(method, path);
  return m.route != nullptr && m.route->body_sink != nullptr;
}

StreamedStart Application::begin_streamed(HttpRequest header, const ConnectionInfo& conn) noexcept {
  auto ctx = std::make_unique<RequestContext>();
  StreamedStart out;
  try {
    identify_client(*ctx, options_.proxies, conn, header);
    RouteMatch m = router_.match(header.method, header.path);
    ctx->route = m.route;
    ctx->params = std::move(m.params);
    const MiddlewareChain::Entry entry = chain_->enter(*ctx, header, out.response);
    if (!entry.responded) return start_sink(std::move(ctx), std::move(header), entry);
    chain_->leave(*ctx, header, entry, out.response);
  } catch (...) {
    try {
      log::error("unhandled exception in the request pipeline");
      out.response = error_response(internal_error("unhandled exception"), ctx->request_id);
      out.response.headers.set("X-Request-Id", ctx->request_id);
      SecurityHeadersMiddleware().on_response(*ctx, header, out.response);
    } catch (...) {
      out.response = HttpResponse::empty(500);
    }
  }
  // Refused on the header alone: the body stays unread, so the connection cannot be reused.
  out.response.close = true;
  record(*ctx, header, out.response.status);
  return out;
}

StreamedStart Application::start_sink(std::unique_ptr<RequestContext> ctx, HttpRequest header,
                                      MiddlewareChain::Entry entry) {
  StreamedStart out;
  Result<std::unique_ptr<IBodySink>> sink = internal_error("not a streamed route");
  const std::optional<std::uint64_t> length = declared_length(header);
  if (ctx->route == nullptr || !ctx->route->body_sink) {
    // streams_body() said yes, so only a bug gets here.
  } else if (length && *length > ctx->route->body_limit) {
    // Checked here, after the chain, so that an unauthenticated caller learns nothing of the limit.
    sink = invalid_argument_error("the request body is too large");
  } else {
    try {
      sink = ctx->route->body_sink(*ctx, header);
    } catch (const std::exception& e) {
      sink = internal_error(std::string("body sink factory threw: ") + e.what());
    } catch (...) {
      sink = internal_error("body sink factory threw a non-standard exception");
    }
  }
  if (sink.ok()) {
    // The request's calls may come on other I/O threads: its log scope belongs to this one.
    ctx->log_scope.reset();
    out.sink = std::make_unique<StreamedRequest>(*this, std::move(ctx), std::move(header), entry, std::move(*sink));
    return out;
  }
  const bool too_large = length && ctx->route != nullptr && *length > ctx->route->body_limit;
  out.response =
      too_large ? error_response(413, sink.status(), ctx->request_id) : error_response(sink.status(), ctx->request_id);
  chain_->leave(*ctx, header, entry, out.response);
  out.response.close = true;
  record(*ctx, header, out.response.status);
  return out;
}

void Application::record(const RequestContext& ctx, const HttpRequest& req, int status) const noexcept {
  const std::string route_label = ctx.route != nullptr ? ctx.route->pattern : "unmatched";
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - ctx.started).count();
  try {
    if (status == 0) {
      log::debug("http request abandoned before its answer",
                 {{"method", std::string(method_name(req.method))}, {"route", route_label}});
      return;
    }
    if (options_.metrics) options_.metrics->observe_request(route_label, method_name(req.method), status, seconds);
    log::emit(status >= 500 ? log::Level::kWarn : log::Level::kDebug, "http request",
              {{"method", std::string(method_name(req.method))},
               {"route", route_label},
               {"status", std::to_string(status)},
               {"ms", std::to_string(seconds * 1000.0)}});
  } catch (...) {
    // Metrics and logs are best-effort; the response stands.
  }
}

HttpResponse Application::terminal(RequestContext& ctx, const HttpRequest& req,
                                   const std::vector<HttpMethod>& allowed) const {
  if (ctx.route != nullptr && !ctx.route->handler) {
    // A streamed route reached the buffered path: only a server that ignored streams_body() does that.
    return error_response(internal_error("a streamed route was called with a buffered body"), ctx.request_id);
  }
  if (ctx.route != nullptr) {
    Result<HttpResponse> r = [&]() -> Result<HttpResponse> {
      try {
        return ctx.route->handler(ctx, req);
      } catch (const std::exception& e) {
        return internal_error(std::string("handler threw: ") + e.what());
      } catch (...) {
        return internal_error("handler threw a non-standard exception");
      }
    }();
    return r.ok() ? std::move(*r) : error_response(r.status(), ctx.request_id);
  }
  if (!allowed.empty()) {
    HttpResponse r = error_response(405, invalid_argument_error("method not allowed"), ctx.request_id);
    r.headers.set("Allow", allow_header(allowed));
    return r;
  }
  if (!is_api_path(req.path) && options_.static_site &&
      (req.method == HttpMethod::kGet || req.method == HttpMethod::kHead)) {
    Result<HttpResponse> r = options_.static_site->serve(req);
    if (r.ok()) return std::move(*r);
  }
  return error_response(not_found_error("not found"), ctx.request_id);
}

HttpResponse Application::handle(HttpRequest req, const ConnectionInfo& conn) noexcept {
  RequestContext ctx;
  HttpResponse res;
  try {
    identify_client(ctx, options_.proxies, conn, req);
    RouteMatch m = router_.match(req.method, req.path);
    ctx.route = m.route;
    ctx.params = std::move(m.params);
    res = chain_->run(ctx, req, [&](RequestContext& c, const HttpRequest& r) { return terminal(c, r, m.allowed); });
  } catch (...) {
    // Only a bug gets here (the chain's stages return responses); answer as the chain would have.
    res = unhandled(ctx, req);
  }
  record(ctx, req, res.status);
  return res;
}

HttpResponse Application::unhandled(const RequestContext& ctx, const HttpRequest& req) noexcept {
  HttpResponse res;
  try {
    log::error("unhandled exception in the request pipeline");
    res = error_response(internal_error("unhandled exception"), ctx.request_id);
    res.headers.set("X-Request-Id", ctx.request_id);
    SecurityHeadersMiddleware().on_response(ctx, req, res);
  } catch (...) {
    res = HttpResponse::empty(500);
  }
  res.close = true;
  return res;
}

// An offloaded request between the chain's two halves.
struct Application::Offloaded {
  std::unique_ptr<RequestContext> ctx;
  HttpRequest req;
  MiddlewareChain::Entry entry;
  std::vector<HttpMethod> allowed;
  Reply reply;
};

void Application::handle_async(HttpRequest req, const ConnectionInfo& conn, IOffloadQueue& offload,
                               Reply reply) noexcept {
  RouteMatch m = router_.match(req.method, req.path);
  if (m.route == nullptr || !m.route->hashes_password) return reply(handle(std::move(req), conn));
  auto job = std::make_shared<Offloaded>();
  job->ctx = std::make_unique<RequestContext>();
  job->reply = std::move(reply);
  RequestContext& ctx = *job->ctx;
  HttpResponse res;
  try {
    identify_client(ctx, options_.proxies, conn, req);
    ctx.route = m.route;
    ctx.params = std::move(m.params);
    job->allowed = std::move(m.allowed);
    // The cheap stages (rate limits, validation) run here, so a refused request never takes a slot.
    job->entry = chain_->enter(ctx, req, res);
    if (!job->entry.responded) {
      // The handler runs on another thread: this thread's log scope stays here.
      ctx.log_scope.reset();
      job->req = std::move(req);
      if (offload.try_post([this, job] { finish_offloaded(*job); })) return;
      req = std::move(job->req);
      res = error_response(resource_exhausted_error("the server is busy; retry in a moment"), ctx.request_id);
      res.headers.set("Retry-After", "1");
      if (options_.metrics)
        options_.metrics->count_rate_limited("offload_queue", rate_class_name(ctx.route->rate_class));
    }
    chain_->leave(ctx, req, job->entry, res);
  } catch (...) {
    res = unhandled(ctx, req);
  }
  record(ctx, req, res.status);
  job->reply(std::move(res));
}

void Application::finish_offloaded(Offloaded& job) noexcept {
  RequestContext& ctx = *job.ctx;
  HttpResponse res;
  try {
    ctx.log_scope.emplace(ctx.request_id);
    res = terminal(ctx, job.req, job.allowed);
    chain_->leave(ctx, job.req, job.entry, res);
  } catch (...) {
    res = unhandled(ctx, job.req);
  }
  ctx.log_scope.reset();
  record(ctx, job.req, res.status);
  job.reply(std::move(res));
}

}  // namespace fg::api
