// IRequestHandler: what the server calls for each request. The server owns sockets, parsing, timeouts
// and limits; the handler (the Application, or the metrics endpoint) owns meaning.
//
// Two ways in. Most requests are buffered: the server reads the whole body (up to body_limit()) and
// calls handle(). A request for which streams_body() is true is streamed: once its header is in, the
// server calls begin_streamed() with the header alone, so that everything that can refuse it
// (authentication, authorization, rate limits, CSRF, validation) runs before a body byte is read;
// then it feeds the body to the returned sink in bounded pieces.
// A buffered request goes through handle_async(), which by default answers with handle() at once; a
// handler overrides it to send slow work (a password hash) to the server's IOffloadQueue, so the I/O
// threads never wait for it.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "api/http/http_request.hpp"
#include "api/http/http_response.hpp"
#include "api/server/offload_queue.hpp"
#include "api/server/request_body_sink.hpp"

namespace fg::api {

//! The transport facts of one connection.
struct ConnectionInfo {
  std::string peer_ip;  //!< the TCP peer (a proxy, when there is one)
  bool tls = false;     //!< the connection itself is TLS
};

//! What begin_streamed() answers: a sink for the body, or (sink null) the response to send at once,
//! before and instead of reading the body.
struct StreamedStart {
  std::unique_ptr<IRequestBodySink> sink;
  HttpResponse response;
};

//! Sends a response to the connection it belongs to; callable from any thread, once.
using Reply = std::function<void(HttpResponse)>;

class IRequestHandler {
 public:
  virtual ~IRequestHandler() = default;

  //! Answers one request. Must not throw and must be thread-safe: the server calls it from its pool.
  virtual HttpResponse handle(HttpRequest request, const ConnectionInfo& conn) noexcept = 0;

  //! What the server calls for a buffered request, on an I/O thread: answers through `reply`, now or
  //! later from an `offload` thread. `reply` is called exactly once, unless the server stops with the
  //! task still queued (the connection is then closed unanswered). Must not throw and must not block.
  //! Default: reply(handle(...)) at once.
  virtual void handle_async(HttpRequest request, const ConnectionInfo& conn, IOffloadQueue& offload,
                            Reply reply) noexcept {
    reply(handle(std::move(request), conn));
  }

  //! The body limit for a request line, asked once its header is in and before its body is read, so an
  //! oversized body is refused without being buffered.
  virtual std::size_t body_limit(HttpMethod method, std::string_view path) const noexcept = 0;

  //! True when the request line names an operation whose body is streamed (begin_streamed() instead
  //! of handle()). Asked once the header is in. Default: none is.
  virtual bool streams_body(HttpMethod method, std::string_view path) const noexcept { return false; }

  //! Starts a streamed request from its header (`header.body` is empty). Must not throw; thread-safe.
  //! A response without a sink is sent at once and the connection closed, its body unread. The
  //! sink's calls may do blocking I/O: they run on the server's I/O threads, like handle().
  //! Only called when streams_body() was true; the default answers 500.
  virtual StreamedStart begin_streamed(HttpRequest header, const ConnectionInfo& conn) noexcept {
    StreamedStart out;
    out.response = HttpResponse::empty(500);
    out.response.close = true;
    return out;
  }
};

}  // namespace fg::api
