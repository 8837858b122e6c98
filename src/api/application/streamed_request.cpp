#include "api/application/streamed_request.hpp"

#include <exception>

#include "api/application/application.hpp"
#include "api/errors/error_response.hpp"
#include "core/log.hpp"

namespace fg::api {

StreamedRequest::StreamedRequest(const Application& app, std::unique_ptr<RequestContext> ctx, HttpRequest header,
                                 MiddlewareChain::Entry entry, std::unique_ptr<IBodySink> sink)
    : app_(app), ctx_(std::move(ctx)), header_(std::move(header)), entry_(entry), sink_(std::move(sink)) {}

StreamedRequest::~StreamedRequest() {
  if (answered_) return;
  try {
    log::ScopedRequestId rid(ctx_->request_id);
    sink_.reset();
    app_.record(*ctx_, header_, 0);
  } catch (...) {
    // Logging is best-effort; the route sink's own destructor must not throw.
  }
}

Status StreamedRequest::write(std::string_view piece) noexcept {
  try {
    log::ScopedRequestId rid(ctx_->request_id);
    return sink_->write(piece);
  } catch (const std::exception& e) {
    return internal_error(std::string("body sink threw: ") + e.what());
  } catch (...) {
    return internal_error("body sink threw a non-standard exception");
  }
}

HttpResponse StreamedRequest::finish() noexcept {
  Result<HttpResponse> r = internal_error("body sink did not answer");
  try {
    log::ScopedRequestId rid(ctx_->request_id);
    r = sink_->finish(*ctx_);
  } catch (const std::exception& e) {
    r = internal_error(std::string("body sink threw: ") + e.what());
  } catch (...) {
    r = internal_error("body sink threw a non-standard exception");
  }
  if (r.ok()) return answer(std::move(*r));
  HttpResponse res = error_response(r.status(), ctx_->request_id);
  return answer(std::move(res));
}

HttpResponse StreamedRequest::abandon(int http_status, const Status& why) noexcept {
  HttpResponse res;
  try {
    res = error_response(http_status, why, ctx_->request_id);
  } catch (...) {
    res = HttpResponse::empty(500);
  }
  res.close = true;
  return answer(std::move(res));
}

HttpResponse StreamedRequest::answer(HttpResponse res) noexcept {
  answered_ = true;
  try {
    log::ScopedRequestId rid(ctx_->request_id);
    sink_.reset();
    app_.chain().leave(*ctx_, header_, entry_, res);
    app_.record(*ctx_, header_, res.status);
  } catch (...) {
    // Only a bug gets here (stages do not throw); the response stands as it is.
  }
  return res;
}

}  // namespace fg::api
