// StreamedRequest: the Application's side of one streamed request (IRequestBodySink). It carries the
// request's context from the chain that passed on the header to the answer: it passes each piece to
// the route's sink, and sends the eventual answer (finish() or abandon()) back through the stages
// that ran, with the metrics and the access log line, exactly as a buffered request's answer.
#pragma once

#include <memory>

#include "api/http/request_context.hpp"
#include "api/middleware/chain.hpp"
#include "api/router/body_sink.hpp"
#include "api/server/request_body_sink.hpp"

namespace fg::api {

class Application;

class StreamedRequest final : public IRequestBodySink {
 public:
  //! `ctx` passed the chain (`entry`) and made `sink`; `ctx->log_scope` must be empty, since the calls
  //! may come on other threads. `app` outlives this.
  StreamedRequest(const Application& app, std::unique_ptr<RequestContext> ctx, HttpRequest header,
                  MiddlewareChain::Entry entry, std::unique_ptr<IBodySink> sink);
  //! Unfinished: the route sink undoes its work; the access log records the abandoned request.
  ~StreamedRequest() override;

  // IRequestBodySink
  Status write(std::string_view piece) noexcept override;
  HttpResponse finish() noexcept override;
  HttpResponse abandon(int http_status, const Status& why) noexcept override;

 private:
  //! The route sink is dropped (undoing unless it committed), then `res` passes back out.
  HttpResponse answer(HttpResponse res) noexcept;

  const Application& app_;
  std::unique_ptr<RequestContext> ctx_;
  HttpRequest header_;
  MiddlewareChain::Entry entry_;
  std::unique_ptr<IBodySink> sink_;
  bool answered_ = false;
};

}  // namespace fg::api
