// IRequestHandler: what the server calls for each complete request. The server owns sockets, parsing,
// timeouts and limits; the handler (the Application, or the metrics endpoint) owns meaning.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "api/http/http_request.hpp"
#include "api/http/http_response.hpp"

namespace fg::api {

//! The transport facts of one connection.
struct ConnectionInfo {
  std::string peer_ip;  //!< the TCP peer (a proxy, when there is one)
  bool tls = false;     //!< the connection itself is TLS
};

class IRequestHandler {
 public:
  virtual ~IRequestHandler() = default;

  //! Answers one request. Must not throw and must be thread-safe: the server calls it from its pool.
  virtual HttpResponse handle(HttpRequest request, const ConnectionInfo& conn) noexcept = 0;

  //! The body limit for a request line, asked once its header is in and before its body is read, so an
  //! oversized body is refused without being buffered.
  virtual std::size_t body_limit(HttpMethod method, std::string_view path) const noexcept = 0;
};

}  // namespace fg::api
