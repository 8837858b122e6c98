#include "support/local_http_server.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace fg::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

struct LocalHttpServer::Impl {
  asio::io_context io;
  tcp::acceptor acceptor{io};
};

LocalHttpServer::LocalHttpServer(Handler handler) : impl_(std::make_unique<Impl>()), handler_(std::move(handler)) {
  const tcp::endpoint ep(asio::ip::make_address("127.0.0.1"), 0);
  impl_->acceptor.open(ep.protocol());
  impl_->acceptor.set_option(asio::socket_base::reuse_address(true));
  impl_->acceptor.bind(ep);
  impl_->acceptor.listen();
  port_ = impl_->acceptor.local_endpoint().port();
  thread_ = std::thread([this] { run(); });
}

LocalHttpServer::~LocalHttpServer() {
  stop_ = true;
  // Wake the blocking accept with a connection of our own.
  boost::system::error_code ec;
  asio::io_context io;
  tcp::socket s(io);
  s.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port_), ec);
  s.close(ec);
  if (thread_.joinable()) thread_.join();
}

std::string LocalHttpServer::url(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(port_) + path;
}

void LocalHttpServer::run() {
  while (!stop_) {
    boost::system::error_code ec;
    tcp::socket sock(impl_->io);
    impl_->acceptor.accept(sock, ec);
    if (ec || stop_) continue;
    beast::flat_buffer buf;
    http::request<http::string_body> req;
    http::read(sock, buf, req, ec);
    if (ec) continue;
    Request r{std::string(req.method_string()), std::string(req.target()), {}, req.body()};
    for (const auto& f : req) {
      std::string name(f.name_string());
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      r.headers[name] = std::string(f.value());
    }
    Response out = handler_(r);
    http::response<http::string_body> res{static_cast<http::status>(out.status), req.version()};
    res.set(http::field::content_type, out.content_type);
    for (const auto& [k, v] : out.headers) res.set(k, v);
    res.body() = out.body;
    res.keep_alive(false);
    res.prepare_payload();
    http::write(sock, res, ec);
    ++requests_;
    sock.shutdown(tcp::socket::shutdown_both, ec);
  }
}

}  // namespace fg::testing
