// HttpClient: finguard's one way to make an outbound HTTP request (OIDC discovery and JWKS, token
// exchange, later provider APIs and webhooks), on libcurl, behind the URL policy and the SSRF guard.
//
// Every request:
//   1. parses the URL strictly (net/url.hpp); https only, plain http only to loopback when the
//      policy allows loopback (tests);
//   2. resolves the host itself and refuses it if ANY resolved address is refused by the guard
//      (net/address_guard.hpp); IPv4 literals in any inet_aton spelling are checked as addresses;
//   3. pins the checked address for the connection (CURLOPT_RESOLVE), and checks again in the socket
//      callback that the address libcurl connects to is exactly the pinned one, so DNS rebinding
//      between the check and the connect cannot move the request elsewhere;
//   4. follows no redirect (a 3xx is returned to the caller), ignores proxy environment variables,
//      verifies TLS peers, and caps the time and the response size.
// No exception leaves this module: failures are Status values whose messages name the host at most,
// never a query string (it may carry an authorization code) or a header value.
//
//   HttpClient client(OutboundPolicy{.allow_loopback = cfg.allow_loopback_targets});
//   Result<OutboundResponse> r = client.get("https://idp.example.com/.well-known/openid-configuration");
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "core/config.hpp"
#include "core/result.hpp"
#include "net/ip_address.hpp"

namespace fg::net {

//! Limits of outbound requests (named, as STYLE rule 5 asks).
inline constexpr std::size_t kDefaultMaxResponseBytes = 1024 * 1024;
inline constexpr std::chrono::milliseconds kDefaultConnectTimeout{5000};
inline constexpr std::chrono::milliseconds kDefaultTotalTimeout{15000};

struct OutboundPolicy {
  bool allow_loopback = false;  //!< tests only (allow_loopback_targets; refused in production mode)
  std::size_t max_response_bytes = kDefaultMaxResponseBytes;
  std::chrono::milliseconds connect_timeout = kDefaultConnectTimeout;
  std::chrono::milliseconds total_timeout = kDefaultTotalTimeout;

  static OutboundPolicy from_config(const Config& cfg);
};

struct OutboundRequest {
  std::string method = "GET";  //!< "GET" or "POST"
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;  //!< POST only
};

struct OutboundResponse {
  int status = 0;
  std::string content_type;
  std::string body;
};

//! Resolves a host name to its addresses; replaceable in tests (resolver_for_test).
using Resolver = std::function<Result<std::vector<IpAddress>>(const std::string& host)>;

class HttpClient {
 public:
  explicit HttpClient(OutboundPolicy policy);

  //! Sends `request` and returns the response whatever its status (3xx included: redirects are not
  //! followed). invalid_argument (field "url") for a malformed URL or a method other than GET/POST;
  //! permission_denied when the URL policy or the SSRF guard refuses the destination;
  //! resource_exhausted when the response exceeds the size cap; unavailable for DNS, connection,
  //! TLS or timeout failures. Thread-safe (one libcurl handle per call).
  [[nodiscard]] Result<OutboundResponse> send(const OutboundRequest& request) const;
  [[nodiscard]] Result<OutboundResponse> get(const std::string& url) const;
  //! POST of an application/x-www-form-urlencoded body.
  [[nodiscard]] Result<OutboundResponse> post_form(const std::string& url, const std::string& form,
                                                   std::vector<std::pair<std::string, std::string>> headers = {}) const;

  const OutboundPolicy& policy() const { return policy_; }

  //! Replaces DNS resolution (a test simulates rebinding or a resolver answering a private address).
  void set_resolver_for_test(Resolver resolver) { resolver_ = std::move(resolver); }

 private:
  OutboundPolicy policy_;
  Resolver resolver_;
};

//! The system resolver (getaddrinfo), every address of `host`. unavailable when it does not resolve.
Result<std::vector<IpAddress>> resolve_host(const std::string& host);

//! application/x-www-form-urlencoded encoding of one value (RFC 3986 unreserved kept as is).
std::string form_encode(std::string_view value);

}  // namespace fg::net
