// RawClient: a blocking TCP client for the API integration tests, so malformed and slow requests can
// be sent byte by byte (no HTTP library would send them).
//
// Every 2xx answer it reads is checked against the server's own OpenAPI document (fetched once per
// port from /api/v1/openapi.json): the status must be declared for the operation and a JSON body must
// match the declared schema (support/json_schema_check.hpp), else the test fails. So no integration
// test can pass on an answer that the API contract does not describe.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
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
  //! `check_contract` false: answers are not checked (the contract's own fetch).
  explicit RawClient(std::uint16_t port, bool check_contract = true);
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
  //! Checks `r` against the OpenAPI document for the oldest request line sent and not yet answered.
  void check_against_contract(const RawResponse& r, bool head);
  int fd_ = -1;
  std::uint16_t port_ = 0;
  std::string buf_;
  std::deque<std::string> requests_;  //!< "METHOD TARGET" of each request sent, oldest first
  bool check_contract_ = true;
};

//! One request on a fresh connection: "GET /healthz" style convenience.
std::optional<RawResponse> http_get(std::uint16_t port, const std::string& path, const std::string& extra_headers = "");

}  // namespace fg::api::test
