// Server: the asynchronous HTTP/1.1 server (Boost.Beast on Asio), with optional native TLS.
//
// A pool of threads runs one io_context; each connection is a session on its own strand that reads a
// request (header first, then the body up to the route's limit, or for a streamed route the body in
// pieces into the handler's sink after it accepted the header), asks the IRequestHandler, writes the
// answer and loops while keep-alive holds. Limits and timeouts are in server_limits.hpp. Beast stays
// behind this pimpl so that users of the server compile without it.
//
// Shutdown (stop(), or SIGTERM/SIGINT after stop_on_signals()): stop accepting, close idle connections,
// let in-flight requests finish and answer with "Connection: close", then after the budget cut whatever
// is left and return from wait().
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "api/server/request_handler.hpp"
#include "api/server/server_limits.hpp"
#include "core/result.hpp"

namespace fg::api {

struct ServerOptions {
  std::string listen = "127.0.0.1:8080";  //!< HOST:PORT or [IPv6]:PORT; port 0 picks a free one
  std::string tls_cert;                   //!< PEM chain; TLS is on when set (with tls_key)
  std::string tls_key;
  int threads = 0;  //!< 0: one per core
  ServerLimits limits;
};

class Server {
 public:
  //! Binds, listens and starts the threads. `handler` must outlive the server. unavailable when the
  //! address cannot be bound; invalid_argument for a bad address or unreadable TLS files.
  static Result<std::unique_ptr<Server>> start(const ServerOptions& options, IRequestHandler& handler);

  ~Server();  //!< stops (gracefully) and joins
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  //! The bound port (useful with port 0).
  std::uint16_t port() const;
  //! Begins a graceful shutdown on SIGTERM or SIGINT.
  void stop_on_signals();
  //! Begins a graceful shutdown. Thread-safe, idempotent, returns at once.
  void stop();
  //! Blocks until the server has shut down. True when every connection finished within the budget.
  bool wait();

  class Impl;
  //! Used by start(); Impl is defined only in server.cpp, so nothing else can make one.
  explicit Server(std::unique_ptr<Impl> impl);

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace fg::api
