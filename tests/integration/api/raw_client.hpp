// RawClient: a blocking TCP client for the API integration tests, so malformed and slow requests can
// be sent byte by byte (no HTTP library would send them).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "api/http/headers.hpp"

namespace fg::api::test {

struct RawResponse {
  int status = 0;
  Headers headers;
  std::string body;
};

class RawClient {
 public:
  //! Connects to 127.0.0.1:port; `connected()` is false on failure.
  explicit RawClient(std::uint16_t port);
  ~RawClient();
  RawClient(const RawClient&) = delete;
  RawClient& operator=(const RawClient&) = delete;

  bool connected() const { return fd_ >= 0; }
  //! Sends all of `bytes`; false if the peer closed.
  bool send(const std::string& bytes);
  //! Reads one response (Content-Length or chunked framing) within `timeout`; nullopt on close or timeout. A
  //! response to HEAD (`head`) has no body whatever its Content-Length says.
  std::optional<RawResponse> read_response(std::chrono::milliseconds timeout = std::chrono::seconds(5),
                                           bool head = false);
  //! True when the server closes the connection within `timeout` (reads and discards data until then).
  bool closed_within(std::chrono::milliseconds timeout);

 private:
  bool fill(std::chrono::steady_clock::time_point deadline);
  int fd_ = -1;
  std::string buf_;
};

//! One request on a fresh connection: "GET /healthz" style convenience.
std::optional<RawResponse> http_get(std::uint16_t port, const std::string& path, const std::string& extra_headers = "");

}  // namespace fg::api::test
