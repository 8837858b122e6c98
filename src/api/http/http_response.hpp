// HttpResponse: what a handler or a middleware answers; the server serializes it.
#pragma once

#include <string>
#include <string_view>

#include "api/http/headers.hpp"

namespace fg::api {

struct HttpResponse {
  int status = 200;
  Headers headers;
  std::string body;
  //! Ask the server to close the connection after this response (it also does on its own limits).
  bool close = false;

  //! A response with `body` and the given Content-Type.
  static HttpResponse with_body(int status, std::string body, std::string_view content_type);
  //! An application/json response; `json` must already be serialized JSON.
  static HttpResponse json(int status, std::string json);
  //! A response without a body (204, 304, ...).
  static HttpResponse empty(int status);
};

}  // namespace fg::api
