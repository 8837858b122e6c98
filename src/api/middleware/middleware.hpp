// IMiddleware: one stage of the request pipeline (STYLE rule 5; Envoy's stream filters).
//
// A middleware is built once from its config and shared by every thread; per-request state lives in
// the RequestContext. Its one entry point, on_request, answers kContinue or kRespond (the response is
// then in `out` and later stages do not run). on_response lets a stage decorate every response that
// passes back through it, including the ones later stages produced (security headers, CORS, request
// id). Neither may throw: a stage that can fail returns a response.
#pragma once

#include <string_view>

#include "api/http/http_request.hpp"
#include "api/http/http_response.hpp"
#include "api/http/request_context.hpp"

namespace fg::api {

enum class Verdict {
  kContinue,  //!< pass the request to the next stage
  kRespond,   //!< `out` is the answer; stop here
};

class IMiddleware {
 public:
  virtual ~IMiddleware() = default;

  //! A short stable name ("request_id", "cors", ...), for logs and the chain-order test.
  virtual std::string_view name() const = 0;

  //! Inspects the request. Thread-safe.
  virtual Verdict on_request(RequestContext& ctx, const HttpRequest& req, HttpResponse& out) = 0;

  //! Decorates the response on its way out; runs for every stage whose on_request ran, in reverse
  //! order. Thread-safe. Default: nothing.
  virtual void on_response(const RequestContext& ctx, const HttpRequest& req, HttpResponse& res) const {}
};

}  // namespace fg::api
