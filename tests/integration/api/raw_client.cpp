#include "integration/api/raw_client.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <mutex>
#include <string_view>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <poll.h>

#include "support/json_schema_check.hpp"

namespace fg::api::test {
namespace {

// The OpenAPI document of the server on `port`, fetched once (again when `refresh`); null when the
// server has none (not a finguard application).
const nlohmann::json& contract_of(std::uint16_t port, bool refresh) {
  static std::mutex mu;
  static std::map<std::uint16_t, nlohmann::json> docs;
  std::lock_guard<std::mutex> lock(mu);
  auto it = docs.find(port);
  if (it != docs.end() && !refresh) return it->second;
  nlohmann::json doc = nullptr;
  RawClient c(port, false);
  if (c.connected() && c.send("GET /api/v1/openapi.json HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")) {
    std::optional<RawResponse> r = c.read_response();
    if (r && r->status == 200) {
      doc = nlohmann::json::parse(r->body, nullptr, false);
      if (doc.is_discarded() || !doc.contains("paths")) doc = nullptr;
    }
  }
  return docs[port] = std::move(doc);
}

// "METHOD TARGET" when `text` starts with an HTTP/1.x request line; "" for one whose answer is not
// checked (HEAD, OPTIONS); nullopt when it starts none.
std::optional<std::string> request_line_at(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size() && i < 16 && text[i] >= 'A' && text[i] <= 'Z') ++i;
  if (i == 0 || i >= text.size() || text[i] != ' ' || i + 1 >= text.size() || text[i + 1] != '/') return std::nullopt;
  const std::string_view method = text.substr(0, i);
  const std::size_t end = text.find(' ', i + 1);
  const std::size_t eol = text.find("\r\n", i + 1);
  if (end == std::string_view::npos || eol == std::string_view::npos || end > eol ||
      text.substr(end + 1, 7) != "HTTP/1.") {
    return std::nullopt;
  }
  const bool checked =
      method == "GET" || method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
  return checked ? std::string(method) + " " + std::string(text.substr(i + 1, end - i - 1)) : std::string();
}

}  // namespace

RawClient::RawClient(std::uint16_t port, bool check_contract) : port_(port), check_contract_(check_contract) {
  fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd_);
    fd_ = -1;
  }
}

RawClient::~RawClient() {
  if (fd_ >= 0) ::close(fd_);
}

bool RawClient::send(const std::string& bytes) {
  // Each request that starts in this piece (a later piece of a slowly sent body starts none) names an
  // answer to come; pipelined requests come in order. Only the head of a large piece is searched.
  const std::string_view head = std::string_view(bytes).substr(0, 64 * 1024);
  for (std::size_t at = 0; at < head.size();) {
    if (std::optional<std::string> line = request_line_at(head.substr(at))) requests_.push_back(*line);
    const std::size_t next = head.find("\r\n\r\n", at);
    if (next == std::string_view::npos) break;
    at = next + 4;
  }
  std::size_t off = 0;
  while (off < bytes.size()) {
    const ssize_t n = ::send(fd_, bytes.data() + off, bytes.size() - off, MSG_NOSIGNAL);
    if (n <= 0) return false;
    off += static_cast<std::size_t>(n);
  }
  return true;
}

bool RawClient::fill(std::chrono::steady_clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
  if (left.count() <= 0) return false;
  pollfd p{fd_, POLLIN, 0};
  if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) return false;
  char tmp[16384];
  const ssize_t n = ::recv(fd_, tmp, sizeof tmp, 0);
  if (n <= 0) return false;
  buf_.append(tmp, static_cast<std::size_t>(n));
  return true;
}

std::optional<RawResponse> RawClient::read_response(std::chrono::milliseconds timeout, bool head) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::size_t end;
  while ((end = buf_.find("\r\n\r\n")) == std::string::npos) {
    if (!fill(deadline)) return std::nullopt;
  }
  RawResponse r;
  const std::string head_text = buf_.substr(0, end);
  std::size_t line_end = head_text.find("\r\n");
  const std::string status_line = head_text.substr(0, line_end);
  if (status_line.size() < 12) return std::nullopt;
  r.status = std::atoi(status_line.substr(9, 3).c_str());
  while (line_end != std::string::npos) {
    const std::size_t next = head_text.find("\r\n", line_end + 2);
    const std::string line =
        head_text.substr(line_end + 2, next == std::string::npos ? std::string::npos : next - line_end - 2);
    const std::size_t colon = line.find(':');
    if (colon != std::string::npos) {
      std::string value = line.substr(colon + 1);
      while (!value.empty() && value.front() == ' ') value.erase(0, 1);
      r.headers.add(line.substr(0, colon), value);
    }
    line_end = next;
  }
  const std::optional<std::string_view> te = r.headers.get("Transfer-Encoding");
  if (!head && te && iequals(*te, "chunked")) {
    // Chunked: size line, data, CRLF ... until the zero-size chunk. A connection closed before that
    // is an incomplete body: nullopt, as for a short Content-Length body.
    buf_.erase(0, end + 4);
    for (;;) {
      std::size_t eol;
      while ((eol = buf_.find("\r\n")) == std::string::npos) {
        if (!fill(deadline)) return std::nullopt;
      }
      const std::size_t size = std::stoul(buf_.substr(0, eol), nullptr, 16);
      while (buf_.size() < eol + 2 + size + 2) {
        if (!fill(deadline)) return std::nullopt;
      }
      r.body += buf_.substr(eol + 2, size);
      buf_.erase(0, eol + 2 + size + 2);
      if (size == 0) {
        check_against_contract(r, head);
        return r;
      }
    }
  }
  const std::size_t length = head ? 0
                             : !r.headers.has("Content-Length")
                                 ? 0
                                 : std::stoul(std::string(*r.headers.get("Content-Length")));
  while (buf_.size() < end + 4 + length) {
    if (!fill(deadline)) return std::nullopt;
  }
  r.body = buf_.substr(end + 4, length);
  buf_.erase(0, end + 4 + length);
  check_against_contract(r, head);
  return r;
}

void RawClient::check_against_contract(const RawResponse& r, bool head) {
  if (requests_.empty()) return;
  const std::string request = requests_.front();
  // A 100 Continue is not the answer to its request.
  if (r.status == 100) return;
  requests_.pop_front();
  if (!check_contract_ || head || request.empty() || r.status < 200 || r.status > 299) return;
  const std::size_t space = request.find(' ');
  const std::string method = request.substr(0, space);
  const std::string target = request.substr(space + 1);
  const std::string type(r.headers.get("Content-Type").value_or(""));
  const nlohmann::json* doc = &contract_of(port_, false);
  if (doc->is_null()) return;
  std::vector<std::string> problems = fg::testing::response_violations(*doc, method, target, r.status, type, r.body);
  if (!problems.empty() && !fg::testing::find_operation(*doc, method, target)) {
    // Another server may have taken this port since the document was fetched.
    doc = &contract_of(port_, true);
    if (doc->is_null()) return;
    problems = fg::testing::response_violations(*doc, method, target, r.status, type, r.body);
  }
  for (const std::string& p : problems) ADD_FAILURE() << "the answer breaks the OpenAPI contract: " << p;
}

bool RawClient::closed_within(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd p{fd_, POLLIN, 0};
    const int left = static_cast<int>(
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count());
    if (::poll(&p, 1, std::max(left, 0)) <= 0) return false;
    char tmp[4096];
    const ssize_t n = ::recv(fd_, tmp, sizeof tmp, 0);
    if (n <= 0) return true;
  }
  return false;
}

std::optional<RawResponse> http_get(std::uint16_t port, const std::string& path, const std::string& extra_headers) {
  RawClient c(port);
  if (!c.connected()) return std::nullopt;
  if (!c.send("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extra_headers + "Connection: close\r\n\r\n")) {
    return std::nullopt;
  }
  return c.read_response();
}

}  // namespace fg::api::test
