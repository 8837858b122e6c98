// HttpRequest: one complete HTTP/1.1 request as the middleware chain and the handlers see it.
//
// Deliberately free of Beast: the server converts its parser's message into this, so middleware units,
// handlers and their tests never compile Boost.Beast.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "api/http/headers.hpp"

namespace fg::api {

enum class HttpMethod { kGet, kHead, kPost, kPut, kPatch, kDelete, kOptions, kOther };

//! "GET", "POST", ...; "OTHER" for kOther.
std::string_view method_name(HttpMethod method);
//! Exact, case-sensitive (RFC 9110 §9.1); anything unknown is kOther.
HttpMethod parse_method(std::string_view text);
//! POST, PUT, PATCH and DELETE change state (they need CSRF protection and the mutation rate class).
bool is_mutation(HttpMethod method);

struct HttpRequest {
  HttpMethod method = HttpMethod::kGet;
  std::string target;  //!< as sent: "/api/v1/x?y=1"
  std::string path;    //!< target before '?', not percent-decoded
  std::string query;   //!< target after '?', without it
  Headers headers;
  std::string body;

  //! Splits `target` into path and query and sets all three.
  void set_target(std::string target_text);
  //! The first value of query parameter `name` (percent-decoded); nullopt when absent or undecodable.
  std::optional<std::string> query_param(std::string_view name) const;
};

//! Decodes %XX escapes (and '+' as space when `plus_is_space`). nullopt on a malformed escape or an
//! encoded NUL, which no legitimate path or parameter contains.
std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space);

}  // namespace fg::api
