// Url: the parts of an absolute http(s) URL that the outbound client needs, parsed strictly.
//
// Strict on purpose: userinfo ("https://a@b/"), backslashes, whitespace, control characters and
// fragments are refused rather than interpreted, because URL parsers disagree on exactly those, and a
// disagreement between this parser and libcurl's is an SSRF bypass.
//
//   Result<Url> u = Url::parse("https://idp.example.com/.well-known/openid-configuration");
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace fg::net {

struct Url {
  std::string scheme;  //!< "https" or "http", lower case
  std::string host;    //!< lower case; IPv6 without brackets
  std::uint16_t port = 0;
  std::string path_and_query;  //!< starts with '/'

  //! invalid_argument (field "url") for anything but an absolute http/https URL with a host.
  static Result<Url> parse(std::string_view text);

  //! The host as it goes in a URL: IPv6 literals in brackets.
  std::string host_for_url() const;
  //! scheme://host[:port]path_and_query, with `host_override` instead of the host when not empty.
  std::string to_string(std::string_view host_override = {}) const;
};

}  // namespace fg::net
