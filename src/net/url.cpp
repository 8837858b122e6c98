#include "net/url.hpp"

#include <charconv>

namespace fg::net {
namespace {

Status bad_url(std::string_view why) {
  return invalid_argument_error("url: " + std::string(why), "url");
}

bool host_char_ok(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_';
}

}  // namespace

Result<Url> Url::parse(std::string_view text) {
  if (text.size() > 4096) return bad_url("too long");
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7f || c == '\\') return bad_url("contains a character that is not allowed");
  }
  Url u;
  const std::size_t sep = text.find("://");
  if (sep == std::string_view::npos) return bad_url("must be absolute");
  for (char c : text.substr(0, sep)) u.scheme += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  if (u.scheme != "https" && u.scheme != "http") return bad_url("scheme must be https");
  std::string_view rest = text.substr(sep + 3);
  if (rest.find('#') != std::string_view::npos) return bad_url("must not have a fragment");
  const std::size_t path_at = rest.find_first_of("/?");
  std::string_view authority = rest.substr(0, path_at);
  u.path_and_query = path_at == std::string_view::npos ? "/" : std::string(rest.substr(path_at));
  if (!u.path_and_query.empty() && u.path_and_query[0] == '?') u.path_and_query.insert(0, "/");
  if (authority.find('@') != std::string_view::npos) return bad_url("must not carry credentials");
  std::string_view host = authority;
  std::string_view port;
  if (!authority.empty() && authority[0] == '[') {
    const std::size_t close = authority.find(']');
    if (close == std::string_view::npos) return bad_url("unterminated IPv6 literal");
    host = authority.substr(1, close - 1);
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after[0] != ':') return bad_url("malformed host");
      port = after.substr(1);
    }
    for (char c : host) {
      const bool ok =
          (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':' || c == '.';
      if (!ok) return bad_url("malformed IPv6 literal");
    }
  } else {
    const std::size_t colon = authority.find(':');
    if (colon != std::string_view::npos) {
      host = authority.substr(0, colon);
      port = authority.substr(colon + 1);
    }
  }
  if (host.empty()) return bad_url("has no host");
  for (char c : host) u.host += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  if (authority[0] != '[') {
    for (char c : u.host) {
      if (!host_char_ok(c)) return bad_url("host has a character that is not allowed");
    }
  }
  if (port.empty()) {
    u.port = u.scheme == "https" ? 443 : 80;
  } else {
    unsigned v = 0;
    auto [p, ec] = std::from_chars(port.data(), port.data() + port.size(), v);
    if (ec != std::errc() || p != port.data() + port.size() || v < 1 || v > 65535) return bad_url("bad port");
    u.port = static_cast<std::uint16_t>(v);
  }
  return u;
}

std::string Url::host_for_url() const {
  return host.find(':') != std::string::npos ? "[" + host + "]" : host;
}

std::string Url::to_string(std::string_view host_override) const {
  std::string h = host_override.empty() ? host_for_url() : std::string(host_override);
  return scheme + "://" + h + ":" + std::to_string(port) + path_and_query;
}

}  // namespace fg::net
