#include "net/http_client.hpp"

#include <sys/socket.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <mutex>

#include <curl/curl.h>
#include <netdb.h>

#include "net/address_guard.hpp"
#include "net/url.hpp"

namespace fg::net {
namespace {

struct CurlFree {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct SlistFree {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

// What the callbacks of one transfer share.
struct Transfer {
  IpAddress pinned;         // the one address the connection may reach
  std::size_t max_bytes;    // response body cap
  std::string body;         // the response body so far
  bool too_large = false;   // the cap was hit
  bool wrong_peer = false;  // libcurl tried to connect elsewhere than the pinned address
};

std::size_t on_data(char* data, std::size_t size, std::size_t n, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const std::size_t len = size * n;
  if (t->body.size() + len > t->max_bytes) {
    t->too_large = true;
    return 0;  // aborts the transfer with CURLE_WRITE_ERROR
  }
  t->body.append(data, len);
  return len;
}

// The last line of defence against DNS rebinding: whatever libcurl resolved or cached, the socket is
// only opened to the address the guard checked.
curl_socket_t on_open_socket(void* user, curlsocktype purpose, curl_sockaddr* address) {
  auto* t = static_cast<Transfer*>(user);
  std::optional<IpAddress> peer = IpAddress::from_sockaddr(&address->addr);
  if (purpose != CURLSOCKTYPE_IPCXN || !peer || !(*peer == t->pinned)) {
    t->wrong_peer = true;
    return CURL_SOCKET_BAD;
  }
  return ::socket(address->family, address->socktype, address->protocol);
}

void global_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

Status network_error(const Url& url, CURLcode code) {
  return unavailable_error("outbound request to " + url.host + " failed: " + curl_easy_strerror(code));
}

// The address to connect to: the literal itself, or every resolved address checked and the first
// kept. Refusing the whole name when one address is bad keeps a round-robin record from smuggling a
// private address in.
Result<IpAddress> checked_address(const Url& url, const OutboundPolicy& policy, const Resolver& resolver) {
  if (std::optional<IpAddress> literal = parse_ip_literal(url.host)) {
    FG_TRY(check_address(*literal, policy.allow_loopback));
    return *literal;
  }
  if (looks_like_ipv4_literal(url.host)) return invalid_argument_error("url: malformed IPv4 address", "url");
  FG_ASSIGN_OR_RETURN(std::vector<IpAddress> addrs, resolver ? resolver(url.host) : resolve_host(url.host));
  if (addrs.empty()) return unavailable_error("outbound request to " + url.host + " failed: no address");
  for (const IpAddress& a : addrs) FG_TRY(check_address(a, policy.allow_loopback));
  return addrs.front();
}

}  // namespace

OutboundPolicy OutboundPolicy::from_config(const Config& cfg) {
  OutboundPolicy p;
  p.allow_loopback = cfg.allow_loopback_targets;
  return p;
}

Result<std::vector<IpAddress>> resolve_host(const std::string& host) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* res = nullptr;
  if (::getaddrinfo(host.c_str(), nullptr, &hints, &res) != 0 || res == nullptr) {
    return unavailable_error("outbound request to " + host + " failed: the name does not resolve");
  }
  std::unique_ptr<addrinfo, decltype(&::freeaddrinfo)> guard(res, &::freeaddrinfo);
  std::vector<IpAddress> out;
  for (addrinfo* ai = res; ai != nullptr; ai = ai->ai_next) {
    if (std::optional<IpAddress> a = IpAddress::from_sockaddr(ai->ai_addr)) {
      if (std::find(out.begin(), out.end(), *a) == out.end()) out.push_back(*a);
    }
  }
  return out;
}

std::string form_encode(std::string_view value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : value) {
    const auto u = static_cast<unsigned char>(c);
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
        c == '_' || c == '~') {
      out += c;
    } else {
      out += '%';
      out += kHex[u >> 4];
      out += kHex[u & 0xF];
    }
  }
  return out;
}

HttpClient::HttpClient(OutboundPolicy policy) : policy_(policy) {
  global_init();
}

Result<OutboundResponse> HttpClient::get(const std::string& url) const {
  return send(OutboundRequest{"GET", url, {}, {}});
}

Result<OutboundResponse> HttpClient::post_form(const std::string& url, const std::string& form,
                                               std::vector<std::pair<std::string, std::string>> headers) const {
  headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
  return send(OutboundRequest{"POST", url, std::move(headers), form});
}

Result<OutboundResponse> HttpClient::send(const OutboundRequest& request) const {
  if (request.method != "GET" && request.method != "POST") {
    return invalid_argument_error("method must be GET or POST", "method");
  }
  FG_ASSIGN_OR_RETURN(Url url, Url::parse(request.url));
  FG_ASSIGN_OR_RETURN(IpAddress addr, checked_address(url, policy_, resolver_));
  // Plain http is for the loopback test servers only: an identity provider's answers must come over TLS.
  if (url.scheme == "http" && !(policy_.allow_loopback && classify(addr) == AddressClass::kLoopback)) {
    return permission_denied_error("outbound request refused: https is required");
  }

  std::unique_ptr<CURL, CurlFree> curl(curl_easy_init());
  if (!curl) return internal_error("outbound request: cannot create a libcurl handle");
  CURL* h = curl.get();
  Transfer t{addr, policy_.max_response_bytes, {}, false, false};
  const bool literal = parse_ip_literal(url.host).has_value();
  // A literal is rewritten to its canonical form so libcurl cannot read "0x7f.1" differently; a name
  // is kept (TLS SNI and certificate checks need it) and pinned to the checked address.
  const std::string target =
      literal ? url.to_string(addr.is_v4() ? addr.to_string() : "[" + addr.to_string() + "]") : url.to_string();
  std::unique_ptr<curl_slist, SlistFree> resolve;
  if (!literal) {
    const std::string pin = url.host + ":" + std::to_string(url.port) + ":" +
                            (addr.is_v4() ? addr.to_string() : "[" + addr.to_string() + "]");
    resolve.reset(curl_slist_append(nullptr, pin.c_str()));
  }
  std::unique_ptr<curl_slist, SlistFree> headers;
  for (const auto& [name, value] : request.headers) {
    curl_slist* next = curl_slist_append(headers.get(), (name + ": " + value).c_str());
    if (next == nullptr) return internal_error("outbound request: out of memory");
    headers.release();
    headers.reset(next);
  }
  const char* protocols = policy_.allow_loopback ? "http,https" : "https";
  curl_easy_setopt(h, CURLOPT_URL, target.c_str());
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, protocols);
  curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "https");
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
  // An empty proxy disables proxies, including http_proxy/https_proxy from the environment.
  curl_easy_setopt(h, CURLOPT_PROXY, "");
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(policy_.connect_timeout.count()));
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(policy_.total_timeout.count()));
  curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(policy_.max_response_bytes));
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &on_data);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &t);
  curl_easy_setopt(h, CURLOPT_OPENSOCKETFUNCTION, &on_open_socket);
  curl_easy_setopt(h, CURLOPT_OPENSOCKETDATA, &t);
  curl_easy_setopt(h, CURLOPT_USERAGENT, "finguard");
  curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, nullptr);  // no decompression bombs
  if (resolve) curl_easy_setopt(h, CURLOPT_RESOLVE, resolve.get());
  if (headers) curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers.get());
  if (request.method == "POST") {
    curl_easy_setopt(h, CURLOPT_POST, 1L);
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, request.body.c_str());
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  }
  const CURLcode rc = curl_easy_perform(h);
  if (t.wrong_peer) return permission_denied_error("outbound request refused: the connection left the checked address");
  if (t.too_large || rc == CURLE_FILESIZE_EXCEEDED) {
    return resource_exhausted_error("outbound response from " + url.host + " exceeds the size limit");
  }
  if (rc != CURLE_OK) return network_error(url, rc);
  OutboundResponse out;
  long status = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
  out.status = static_cast<int>(status);
  char* ct = nullptr;
  if (curl_easy_getinfo(h, CURLINFO_CONTENT_TYPE, &ct) == CURLE_OK && ct != nullptr) out.content_type = ct;
  out.body = std::move(t.body);
  return out;
}

}  // namespace fg::net
