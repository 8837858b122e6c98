// HttpResponse: what a handler or a middleware answers; the server serializes it.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "api/http/headers.hpp"
#include "core/result.hpp"

namespace fg::api {

//! Produces a streamed body piece by piece: the next piece, or no value at the end. An error after the
//! first piece cannot change the status any more, so the server cuts the connection without the final
//! chunk and the client sees an incomplete transfer rather than a truncated file it might trust.
using BodySource = std::function<Result<std::optional<std::string>>()>;

struct HttpResponse {
  int status = 200;
  Headers headers;
  std::string body;
  //! Ask the server to close the connection after this response (it also does on its own limits).
  bool close = false;
  //! When set, the body is sent with chunked encoding from this source and `body` is ignored, so an
  //! export of any size never sits in memory whole.
  BodySource stream;

  //! A response with `body` and the given Content-Type.
  static HttpResponse with_body(int status, std::string body, std::string_view content_type);
  //! An application/json response; `json` must already be serialized JSON.
  static HttpResponse json(int status, std::string json);
  //! A JSON response of `body`. Invalid UTF-8 in a string (stored data from before ingest checked
  //! it, say) is replaced by U+FFFD rather than failing the request with a 500.
  static HttpResponse json_value(int status, const nlohmann::json& body);
  //! A response without a body (204, 304, ...).
  static HttpResponse empty(int status);
  //! A 200 response whose body comes from `source`, with the given Content-Type.
  static HttpResponse streamed(BodySource source, std::string_view content_type);
};

}  // namespace fg::api
