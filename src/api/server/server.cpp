#include "api/server/server.hpp"

#include <sys/resource.h>

#include <algorithm>
#include <charconv>
#include <thread>
#include <vector>

#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include "api/server/internal/http_session.hpp"
#include "api/server/internal/tls_context.hpp"
#include "core/log.hpp"

namespace fg::api {

using internal::HttpSession;
using internal::ServerState;
namespace beast = boost::beast;
namespace net = boost::asio;
namespace ssl = boost::asio::ssl;
using tcp = net::ip::tcp;

namespace {

Result<tcp::endpoint> parse_listen(const std::string& listen) {
  const std::size_t colon = listen.rfind(':');
  if (colon == std::string::npos) return invalid_argument_error("listen: must be HOST:PORT", "listen");
  std::string host = listen.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  unsigned port = 0;
  const std::string p = listen.substr(colon + 1);
  auto [end, ec] = std::from_chars(p.data(), p.data() + p.size(), port);
  if (ec != std::errc() || end != p.data() + p.size() || port > 65535) {
    return invalid_argument_error("listen: bad port", "listen");
  }
  boost::system::error_code aec;
  const net::ip::address addr = net::ip::make_address(host, aec);
  if (aec) return invalid_argument_error("listen: host must be an IP address", "listen");
  return tcp::endpoint(addr, static_cast<unsigned short>(port));
}

// Connections stay below the descriptor limit, with a reserve for the database pool, the cost
// store's files and logs: past the limit accept() fails with EMFILE, which no client can be told.
ServerLimits within_descriptor_limit(ServerLimits limits) {
  rlimit rl{};
  if (::getrlimit(RLIMIT_NOFILE, &rl) != 0 || rl.rlim_cur == RLIM_INFINITY) return limits;
  const std::size_t soft = static_cast<std::size_t>(rl.rlim_cur);
  const std::size_t reserve = std::max<std::size_t>(kDescriptorReserve, soft / 8);
  limits.max_connections = std::min(limits.max_connections, soft > reserve + 1 ? soft - reserve : 1);
  return limits;
}

// accept() errors that mean "no descriptor or memory now": retrying at once spins a core.
bool out_of_resources(const beast::error_code& ec) {
  return ec == net::error::no_descriptors || ec == boost::system::errc::too_many_files_open_in_system ||
         ec == net::error::no_buffer_space || ec == net::error::no_memory;
}

}  // namespace

class Server::Impl {
 public:
  Impl(const ServerOptions& options, IRequestHandler& handler)
      : options_(options),
        state_(handler, within_descriptor_limit(options.limits)),
        acceptor_(net::make_strand(ioc_)),
        accept_backoff_(acceptor_.get_executor()),
        signals_(ioc_) {}

  Status open(const tcp::endpoint& ep) {
    beast::error_code ec;
    acceptor_.open(ep.protocol(), ec);
    if (!ec) acceptor_.set_option(net::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(ep, ec);
    if (!ec) acceptor_.listen(net::socket_base::max_listen_connections, ec);
    if (ec) return unavailable_error("listen: cannot bind " + options_.listen + ": " + ec.message());
    return ok_status();
  }

  void start_threads() {
    do_accept();
    int n = options_.threads > 0 ? options_.threads : static_cast<int>(std::thread::hardware_concurrency());
    if (n <= 0) n = 1;
    for (int i = 0; i < n; ++i) threads_.emplace_back([this] { ioc_.run(); });
  }

  void do_accept() {
    acceptor_.async_accept(net::make_strand(ioc_), [this](beast::error_code ec, tcp::socket socket) {
      if (ec == net::error::operation_aborted || !acceptor_.is_open()) return;
      if (state_.draining()) return;
      if (out_of_resources(ec)) return back_off(ec);
      backoff_ = std::chrono::milliseconds(0);
      if (!ec) on_accept(std::move(socket));
      do_accept();
    });
  }

  // Out of descriptors: free one (the oldest connection is asked to close) and wait before the next
  // accept, 10 ms doubling to 1 s, instead of spinning on an accept that fails at once.
  void back_off(const beast::error_code& ec) {
    backoff_ = std::clamp(backoff_ * 2, std::chrono::milliseconds(10), std::chrono::milliseconds(1000));
    if (auto s = state_.take_oldest()) s->drain();
    const auto now = std::chrono::steady_clock::now();
    if (now >= next_backoff_log_) {
      log::warn("accept failed: out of descriptors or memory; backing off",
                {{"error", ec.message()}, {"connections", std::to_string(state_.size())}});
      next_backoff_log_ = now + std::chrono::seconds(10);
    }
    accept_backoff_.expires_after(backoff_);
    accept_backoff_.async_wait([this](beast::error_code wait_ec) {
      if (wait_ec || !acceptor_.is_open() || state_.draining()) return;
      do_accept();
    });
  }

  void on_accept(tcp::socket socket) {
    beast::error_code ec;
    socket.set_option(tcp::no_delay(true), ec);
    const auto peer = socket.remote_endpoint(ec);
    if (ec) return;
    ConnectionInfo conn{peer.address().to_string(), tls_ != nullptr};
    std::shared_ptr<internal::ISession> session;
    if (tls_) {
      session =
          std::make_shared<HttpSession<beast::ssl_stream<beast::tcp_stream>>>(state_, conn, std::move(socket), *tls_);
    } else {
      session = std::make_shared<HttpSession<beast::tcp_stream>>(state_, conn, std::move(socket));
    }
    // At the connection limit the oldest connection is asked to close to make room.
    if (std::shared_ptr<internal::ISession> evicted = state_.add(session.get(), session)) evicted->drain();
    if (tls_) {
      std::static_pointer_cast<HttpSession<beast::ssl_stream<beast::tcp_stream>>>(session)->run();
    } else {
      std::static_pointer_cast<HttpSession<beast::tcp_stream>>(session)->run();
    }
  }

  void stop() {
    {
      std::lock_guard lock(mu_);
      if (stopping_) return;
      stopping_ = true;
      deadline_ = std::chrono::steady_clock::now() + options_.limits.shutdown_budget;
    }
    state_.set_draining();
    net::post(acceptor_.get_executor(), [this] {
      beast::error_code ec;
      acceptor_.close(ec);
      accept_backoff_.cancel();
      signals_.cancel(ec);
      for (const auto& s : state_.live()) s->drain();
    });
    stopped_.notify_all();
  }

  bool wait() {
    std::chrono::steady_clock::time_point deadline;
    {
      std::unique_lock lock(mu_);
      stopped_.wait(lock, [&] { return stopping_; });
      if (joined_) return clean_;
      deadline = deadline_;
    }
    const bool clean = state_.wait_idle(deadline);
    // Before the io_context: a running task's reply is then posted to a live (if stopped) context.
    state_.offload().stop();
    ioc_.stop();
    for (auto& t : threads_) t.join();
    std::lock_guard lock(mu_);
    joined_ = true;
    clean_ = clean;
    return clean;
  }

  ServerOptions options_;
  std::mutex mu_;
  std::condition_variable stopped_;
  bool stopping_ = false;
  bool joined_ = false;
  bool clean_ = false;
  std::chrono::steady_clock::time_point deadline_;
  ServerState state_;
  // Declared after the state: pending handlers (sessions) are destroyed with the io_context and
  // unregister themselves from the state on the way.
  net::io_context ioc_;
  std::shared_ptr<ssl::context> tls_;
  tcp::acceptor acceptor_;
  net::steady_timer accept_backoff_;  // on the acceptor's strand
  std::chrono::milliseconds backoff_{0};
  std::chrono::steady_clock::time_point next_backoff_log_{};
  net::signal_set signals_;
  std::vector<std::thread> threads_;
};

Result<std::unique_ptr<Server>> Server::start(const ServerOptions& options, IRequestHandler& handler) {
  FG_ASSIGN_OR_RETURN(tcp::endpoint ep, parse_listen(options.listen));
  auto impl = std::make_unique<Impl>(options, handler);
  if (!options.tls_cert.empty() || !options.tls_key.empty()) {
    FG_ASSIGN_OR_RETURN(impl->tls_, internal::make_tls_context(options.tls_cert, options.tls_key));
  }
  FG_TRY(impl->open(ep));
  impl->start_threads();
  return std::make_unique<Server>(std::move(impl));
}

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Server::~Server() {
  impl_->stop();
  impl_->wait();
}

std::uint16_t Server::port() const {
  beast::error_code ec;
  return impl_->acceptor_.local_endpoint(ec).port();
}

void Server::stop_on_signals() {
  impl_->signals_.add(SIGINT);
  impl_->signals_.add(SIGTERM);
  impl_->signals_.async_wait([impl = impl_.get()](beast::error_code ec, int sig) {
    if (ec) return;
    log::info("shutting down", {{"signal", std::to_string(sig)}});
    impl->stop();
  });
}

void Server::stop() {
  impl_->stop();
}

bool Server::wait() {
  return impl_->wait();
}

}  // namespace fg::api
