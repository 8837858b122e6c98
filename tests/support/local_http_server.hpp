// LocalHttpServer: a small blocking HTTP/1.1 server on 127.0.0.1 for tests of outbound clients (the
// net module, the OIDC identity provider stand-in). One connection at a time, one request per
// connection; the handler runs on the server's thread.
//
//   LocalHttpServer idp([](const LocalHttpServer::Request& r) { return LocalHttpServer::json(200, "{}"); });
//   client.get(idp.url("/jwks"));
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace fg::testing {

class LocalHttpServer {
 public:
  struct Request {
    std::string method;
    std::string target;                          //!< path and query, as sent
    std::map<std::string, std::string> headers;  //!< lower-case names
    std::string body;
  };
  struct Response {
    int status = 200;
    std::string content_type = "application/json";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
  };
  using Handler = std::function<Response(const Request&)>;

  static Response json(int status, std::string body) {
    return Response{status, "application/json", std::move(body), {}};
  }

  //! Binds 127.0.0.1 on a free port and starts serving.
  explicit LocalHttpServer(Handler handler);
  ~LocalHttpServer();
  LocalHttpServer(const LocalHttpServer&) = delete;
  LocalHttpServer& operator=(const LocalHttpServer&) = delete;

  std::uint16_t port() const { return port_; }
  //! "http://127.0.0.1:PORT" + path.
  std::string url(const std::string& path) const;
  //! How many requests were answered.
  int requests() const { return requests_.load(); }

 private:
  struct Impl;
  void run();
  std::unique_ptr<Impl> impl_;
  Handler handler_;
  std::uint16_t port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> requests_{0};
  std::thread thread_;
};

}  // namespace fg::testing
