// HttpSession<Stream>: one HTTP/1.1 connection (plain TCP or TLS), after Beast's advanced server.
//
// States, all on the connection's strand:
//   handshake (TLS only, handshake_timeout) -> read header (header_timeout, idle_timeout between
//   keep-alive requests) -> read body (body_timeout, route's body limit) -> handle -> write
//   (write_timeout) -> read header ... until keep-alive ends, a limit is hit or the server drains.
// A streamed request (IRequestHandler::streams_body) goes instead: header -> begin_streamed (the
// chain, on the header alone) -> [100 Continue] -> read a piece (body_timeout per piece, at most
// kBodyPieceBytes) -> sink write ... -> sink finish -> write. A refusal on the header, or an answer
// that leaves the body unread (413, a sink error), closes the connection after a short lingering
// read, so the client gets to read the answer. The sink's calls, file I/O included, run here on the
// I/O thread, as handle() does: uploads are few and a piece is small. A buffered request whose handler
// offloads it (IRequestHandler::handle_async) waits for its answer with no read outstanding; the
// answer is dispatched back onto the strand.
// `busy_` is true from a complete header to the end of its write: a draining server lets such a
// request finish and closes idle connections at once.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include "api/errors/error_response.hpp"
#include "api/errors/transport_error.hpp"
#include "api/server/internal/server_state.hpp"
#include "core/log.hpp"

namespace fg::api::internal {

namespace beast = boost::beast;
namespace http = boost::beast::http;
namespace net = boost::asio;

template <class Stream>
class HttpSession final : public ISession, public std::enable_shared_from_this<HttpSession<Stream>> {
 public:
  static constexpr bool kTls = !std::is_same_v<Stream, beast::tcp_stream>;
  static constexpr std::size_t kFirstReadBytes = 4096;

  template <class... Args>
  HttpSession(ServerState& state, ConnectionInfo conn, Args&&... stream_args)
      : state_(state), conn_(std::move(conn)), stream_(std::forward<Args>(stream_args)...) {}

  ~HttpSession() override { state_.remove(this); }

  //! Starts the session on its strand. Precondition: registered with the ServerState.
  void run() {
    net::dispatch(stream_.get_executor(), beast::bind_front_handler(&HttpSession::on_run, this->shared_from_this()));
  }

  void drain() override {
    net::post(stream_.get_executor(), [self = this->shared_from_this()] {
      self->draining_ = true;
      if (!self->busy_) beast::get_lowest_layer(self->stream_).cancel();
    });
  }

 private:
  beast::tcp_stream& lowest() { return beast::get_lowest_layer(stream_); }

  void on_run() {
    if constexpr (kTls) {
      lowest().expires_after(state_.limits().handshake_timeout);
      stream_.async_handshake(net::ssl::stream_base::server,
                              beast::bind_front_handler(&HttpSession::on_handshake, this->shared_from_this()));
    } else {
      do_read();
    }
  }

  void on_handshake(beast::error_code ec) {
    if (ec) return;  // a failed handshake or a port scan: nothing to answer
    do_read();
  }

  void do_read() {
    if (draining_ || state_.draining()) return do_close();
    unread_ = false;
    parser_.emplace();
    parser_->header_limit(kMaxHeaderBytes);
    parser_->body_limit(kMaxAnyBodyBytes);
    if (served_ == 0 || buffer_.size() > 0) return read_header();
    // Between keep-alive requests: the idle timeout until the next request's first byte, then the
    // header timeout for its header (the idle allowance must not stretch a slow header).
    lowest().expires_after(state_.limits().idle_timeout);
    stream_.async_read_some(buffer_.prepare(kFirstReadBytes),
                            beast::bind_front_handler(&HttpSession::on_first_bytes, this->shared_from_this()));
  }

  void on_first_bytes(beast::error_code ec, std::size_t n) {
    buffer_.commit(n);
    if (ec && n == 0) return do_close();  // closed, idle past the timeout, or drained
    read_header();
  }

  void read_header() {
    lowest().expires_after(state_.limits().header_timeout);
    http::async_read_header(stream_, buffer_, *parser_,
                            beast::bind_front_handler(&HttpSession::on_header, this->shared_from_this()));
  }

  void on_header(beast::error_code ec, std::size_t) {
    if (ec == http::error::header_limit) {
      return send_error(431, invalid_argument_error("the request header is too large"));
    }
    if (ec) return on_read_error(ec);
    busy_ = true;
    const auto& h = parser_->get();
    const auto target = h.target();
    const std::string_view path(target.data(), std::min<std::size_t>(target.size(), target.find('?')));
    const auto method_text = h.method_string();
    const HttpMethod method = parse_method(std::string_view(method_text.data(), method_text.size()));
    const std::size_t limit = state_.handler().body_limit(method, path);
    if (state_.handler().streams_body(method, path)) return begin_streamed(limit);
    // Refuse a declared oversize body before reading a byte of it.
    if (parser_->content_length() && *parser_->content_length() > limit) {
      return send_error(413, invalid_argument_error("the request body is too large"));
    }
    parser_->body_limit(limit);
    if (parser_->is_done()) return on_body({}, 0);
    lowest().expires_after(state_.limits().body_timeout);
    http::async_read(stream_, buffer_, *parser_,
                     beast::bind_front_handler(&HttpSession::on_body, this->shared_from_this()));
  }

  void on_body(beast::error_code ec, std::size_t) {
    if (ec == http::error::body_limit) return send_error(413, invalid_argument_error("the request body is too large"));
    if (ec) return on_read_error(ec);
    http::request<http::string_body> msg = parser_->release();
    HttpRequest req = to_request(msg);
    req.body = std::move(msg.body());
    keep_alive_ = msg.keep_alive();
    version_ = msg.version();
    head_ = req.method == HttpMethod::kHead;
    // The answer may come from an offload thread: back onto this strand (inline when already on it).
    state_.handler().handle_async(
        std::move(req), conn_, state_.offload(), [self = this->shared_from_this()](HttpResponse r) {
          auto res = std::make_shared<HttpResponse>(std::move(r));
          net::dispatch(self->stream_.get_executor(), [self, res] { self->send(std::move(*res)); });
        });
  }

  // The header as the handler sees it (Beast stays in server/).
  static HttpRequest to_request(const http::request_header<>& h) {
    HttpRequest req;
    const auto method = h.method_string();
    req.method = parse_method(std::string_view(method.data(), method.size()));
    req.set_target(std::string(h.target().data(), h.target().size()));
    for (const auto& field : h) {
      req.headers.add(std::string(field.name_string().data(), field.name_string().size()),
                      std::string(field.value().data(), field.value().size()));
    }
    return req;
  }

  void begin_streamed(std::size_t limit) {
    const auto& h = parser_->get();
    keep_alive_ = h.keep_alive();
    version_ = h.version();
    head_ = false;
    const bool expect_continue = version_ >= 11 && beast::iequals(h[http::field::expect], "100-continue");
    StreamedStart start = state_.handler().begin_streamed(to_request(h), conn_);
    if (!start.sink) return send_unread(std::move(start.response), !parser_->is_done());
    sink_ = std::move(start.sink);
    // The handler checks the declared length against the same limit; this keeps the server's promise
    // on its own.
    if (parser_->content_length() && *parser_->content_length() > limit) {
      return abandon_body(413, invalid_argument_error("the request body is too large"));
    }
    // Same header, same buffered bytes; from here the body goes into body_piece_, a piece at a time.
    body_parser_.emplace(std::move(*parser_));
    parser_.reset();
    body_parser_->body_limit(limit);
    if (!body_piece_) body_piece_ = std::make_unique<char[]>(kBodyPieceBytes);
    if (expect_continue && !body_parser_->is_done()) {
      // The client waits for this before it sends the body (RFC 9110 §10.1.1); a refusal above was
      // sent instead of it, so such a client never sends the body at all.
      continue_.emplace(http::status::continue_, 11);
      lowest().expires_after(state_.limits().write_timeout);
      return http::async_write(stream_, *continue_,
                               beast::bind_front_handler(&HttpSession::on_continue_sent, this->shared_from_this()));
    }
    read_piece();
  }

  void on_continue_sent(beast::error_code ec, std::size_t) {
    if (ec) return drop_body();
    read_piece();
  }

  void read_piece() {
    if (body_parser_->is_done()) return finish_body();
    auto& body = body_parser_->get().body();
    body.data = body_piece_.get();
    body.size = kBodyPieceBytes;
    // Each piece, not the whole body, must arrive within body_timeout: a body of any size can flow,
    // and a client that stalls or dribbles is still cut off.
    lowest().expires_after(state_.limits().body_timeout);
    http::async_read(stream_, buffer_, *body_parser_,
                     beast::bind_front_handler(&HttpSession::on_piece, this->shared_from_this()));
  }

  void on_piece(beast::error_code ec, std::size_t) {
    if (ec == http::error::need_buffer) ec = {};  // the piece is full, not an error
    if (ec == http::error::body_limit) {
      return abandon_body(413, invalid_argument_error("the request body is too large"));
    }
    if (ec) {
      const bool malformed = ec.category() == http::make_error_code(http::error::bad_method).category() &&
                             ec != http::error::end_of_stream && ec != http::error::partial_message;
      if (malformed) return abandon_body(400, invalid_argument_error("malformed HTTP request"));
      return drop_body();  // the client left or timed out: nobody to answer
    }
    const std::size_t got = kBodyPieceBytes - body_parser_->get().body().size;
    if (got > 0) {
      Status written = sink_->write(std::string_view(body_piece_.get(), got));
      if (!written.ok()) return abandon_body(http_status_for(written.code()), written);
    }
    read_piece();
  }

  void finish_body() {
    HttpResponse r = sink_->finish();
    sink_.reset();
    body_parser_.reset();
    send(std::move(r));
  }

  // Answers with the sink's refusal; the rest of the body stays unread.
  void abandon_body(int status, const Status& why) {
    HttpResponse r = sink_->abandon(status, why);
    sink_.reset();
    body_parser_.reset();
    send_unread(std::move(r), true);
  }

  // Destroying the sink unfinished undoes its work (a partial upload leaves no file).
  void drop_body() {
    sink_.reset();
    body_parser_.reset();
    busy_ = false;
    do_close();
  }

  // Answers a request whose body is not (or not wholly) read: the connection cannot carry another.
  void send_unread(HttpResponse r, bool body_left) {
    unread_ = body_left;
    keep_alive_ = false;
    r.close = true;
    send(std::move(r));
  }

  // After an answer that left the body unread the client may still be sending it; closing now would
  // meet its bytes with a TCP reset, which can destroy the answer before the client reads it. So stop
  // sending, then read and discard for a bounded while (Apache's lingering close) before closing.
  void linger() {
    if constexpr (kTls) {
      do_close();
    } else {
      beast::error_code ec;
      lowest().socket().shutdown(net::ip::tcp::socket::shutdown_send, ec);
      lowest().expires_after(kLingerTimeout);
      linger_read(0);
    }
  }

  void linger_read(std::size_t discarded) {
    buffer_.clear();
    lowest().async_read_some(buffer_.prepare(8192),
                             [self = this->shared_from_this(), discarded](beast::error_code ec, std::size_t n) {
                               if (ec || discarded + n >= kLingerMaxBytes)
                                 return;  // the session ends here and closes the socket
                               self->linger_read(discarded + n);
                             });
  }

  void on_read_error(beast::error_code ec) {
    // The client closed, timed out (slowloris) or was drained: no answer, just close.
    const bool parse_error = ec.category() == http::make_error_code(http::error::bad_method).category();
    if (!parse_error || ec == http::error::end_of_stream || ec == http::error::partial_message) return do_close();
    send_error(400, invalid_argument_error("malformed HTTP request"));
  }

  void send_error(int status, const Status& why) {
    busy_ = true;
    keep_alive_ = false;
    version_ = 11;
    head_ = false;
    send(transport_error_response(status, why));
  }

  void send(HttpResponse r) {
    if (r.stream && !head_) {
      if (version_ >= 11) return send_streamed(std::move(r));
      // HTTP/1.0 has no chunked encoding: such a client gets the body collected first.
      Result<std::string> whole = collect(r.stream);
      if (!whole.ok()) return send_error(500, internal_error("the response could not be produced"));
      r.body = std::move(*whole);
    }
    res_ = {};
    res_.version(version_);
    res_.result(static_cast<unsigned>(r.status));
    for (const auto& [name, value] : r.headers.entries()) res_.insert(name, value);
    const std::size_t body_size = r.body.size();
    if (head_) {
      res_.content_length(body_size);
    } else {
      res_.body() = std::move(r.body);
      res_.prepare_payload();
    }
    const bool keep = count_and_decide_keep_alive(r);
    res_.keep_alive(keep);
    lowest().expires_after(state_.limits().write_timeout);
    http::async_write(stream_, res_, beast::bind_front_handler(&HttpSession::on_write, this->shared_from_this(), keep));
  }

  bool count_and_decide_keep_alive(const HttpResponse& r) {
    ++served_;
    pipelined_ = buffer_.size() > 0 ? pipelined_ + 1 : 0;
    return keep_alive_ && !r.close && !draining_ && !state_.draining() && served_ < kMaxRequestsPerConnection &&
           pipelined_ < kMaxPipelineDepth;
  }

  // Streamed bodies: the header, then one chunk per piece of the source, then the last chunk. Each
  // write gets the write timeout afresh, so a slow reader is cut off as for any other response.
  void send_streamed(HttpResponse r) {
    stream_ser_.reset();
    stream_res_.emplace();
    stream_res_->version(version_);
    stream_res_->result(static_cast<unsigned>(r.status));
    for (const auto& [name, value] : r.headers.entries()) stream_res_->insert(name, value);
    stream_res_->chunked(true);
    const bool keep = count_and_decide_keep_alive(r);
    stream_res_->keep_alive(keep);
    source_ = std::move(r.stream);
    stream_ser_.emplace(*stream_res_);
    lowest().expires_after(state_.limits().write_timeout);
    http::async_write_header(stream_, *stream_ser_,
                             beast::bind_front_handler(&HttpSession::on_piece_written, this->shared_from_this(), keep));
  }

  void on_piece_written(bool keep, beast::error_code ec, std::size_t) {
    if (ec) return abort_stream();
    std::optional<std::string> piece;
    do {
      Result<std::optional<std::string>> next = next_piece(source_);
      if (!next.ok()) {
        log::warn("streamed response cut short", {{"error", next.status().message()}});
        return abort_stream();
      }
      piece = std::move(*next);
    } while (piece && piece->empty());  // an empty chunk would end the body
    lowest().expires_after(state_.limits().write_timeout);
    if (!piece) {
      source_ = nullptr;
      return net::async_write(stream_, http::make_chunk_last(),
                              beast::bind_front_handler(&HttpSession::on_write, this->shared_from_this(), keep));
    }
    piece_ = std::move(*piece);
    net::async_write(stream_, http::make_chunk(net::buffer(piece_)),
                     beast::bind_front_handler(&HttpSession::on_piece_written, this->shared_from_this(), keep));
  }

  // Closing without the last chunk tells the client the body is incomplete.
  void abort_stream() {
    source_ = nullptr;
    busy_ = false;
    do_close();
  }

  static Result<std::optional<std::string>> next_piece(const BodySource& source) {
    try {
      return source();
    } catch (const std::exception& e) {
      return internal_error(std::string("body source threw: ") + e.what());
    } catch (...) {
      return internal_error("body source threw a non-standard exception");
    }
  }

  static Result<std::string> collect(const BodySource& source) {
    std::string out;
    for (;;) {
      FG_ASSIGN_OR_RETURN(std::optional<std::string> piece, next_piece(source));
      if (!piece) return out;
      out += *piece;
    }
  }

  void on_write(bool keep, beast::error_code ec, std::size_t) {
    busy_ = false;
    if (!ec && unread_) return linger();
    if (ec || !keep) return do_close();
    do_read();
  }

  void do_close() {
    beast::error_code ec;
    if constexpr (kTls) {
      lowest().expires_after(std::chrono::seconds(2));
      stream_.async_shutdown([self = this->shared_from_this()](beast::error_code) {});
    } else {
      lowest().socket().shutdown(net::ip::tcp::socket::shutdown_send, ec);
    }
  }

  ServerState& state_;
  ConnectionInfo conn_;
  Stream stream_;
  beast::flat_buffer buffer_{kMaxHeaderBytes + 8192};
  std::optional<http::request_parser<http::string_body>> parser_;
  std::optional<http::request_parser<http::buffer_body>> body_parser_;  // a streamed body, once accepted
  std::unique_ptr<IRequestBodySink> sink_;                              // where it goes
  std::unique_ptr<char[]> body_piece_;                                  // kBodyPieceBytes, made when first needed
  std::optional<http::response<http::empty_body>> continue_;            // 100 Continue
  http::response<http::string_body> res_;
  std::optional<http::response<http::empty_body>> stream_res_;
  std::optional<http::response_serializer<http::empty_body>> stream_ser_;
  BodySource source_;
  std::string piece_;          // the chunk being written
  std::size_t served_ = 0;     // responses written on this connection
  std::size_t pipelined_ = 0;  // consecutive requests found already buffered
  unsigned version_ = 11;
  bool keep_alive_ = false;
  bool head_ = false;
  bool busy_ = false;
  bool draining_ = false;
  bool unread_ = false;  // the answer being written leaves (part of) a body unread: linger, then close
};

}  // namespace fg::api::internal
