// IBodySink: a route's consumer of a streamed request body (Route::body_sink), e.g. an upload written
// to disk as it arrives instead of being buffered whole.
//
// The route's factory runs once the whole middleware chain has passed on the header alone
// (authentication, authorization, rate limits, CSRF, media type), and before a body byte is read: its
// error is the answer and the body is then never read. The sink then gets write() per piece and,
// when the body is complete, finish(), whose result is the answer. A sink destroyed without a
// successful finish() (client gone, timeout, body limit, an error) undoes everything it did, so a
// request that did not complete leaves no trace. Calls run on one I/O thread at a time and may block
// on file I/O; they may throw nothing on purpose, but a stray exception is caught and answered 500.
#pragma once

#include <functional>
#include <memory>
#include <string_view>

#include "api/http/http_request.hpp"
#include "api/http/http_response.hpp"
#include "core/result.hpp"

namespace fg::api {

class RequestContext;

class IBodySink {
 public:
  //! Undoes the sink's work unless finish() succeeded.
  virtual ~IBodySink() = default;
  //! The next piece of the body (never empty). An error stops the request and is its answer.
  virtual Status write(std::string_view piece) = 0;
  //! The body is complete: commit and answer. On an error nothing of the request remains.
  virtual Result<HttpResponse> finish(RequestContext& ctx) = 0;
};

//! Starts a streamed body for a request that passed the chain; `req.body` is empty.
using BodySinkFactory = std::function<Result<std::unique_ptr<IBodySink>>(RequestContext& ctx, const HttpRequest& req)>;

}  // namespace fg::api
