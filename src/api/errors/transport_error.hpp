// Transport errors: answers the server itself sends when a request cannot even be read completely
// (malformed HTTP, a header over kMaxHeaderBytes, a body over its route's limit). Such a request never
// reaches the middleware chain, so this adds the headers the chain would have added.
#pragma once

#include "api/http/http_response.hpp"
#include "core/status.hpp"

namespace fg::api {

//! The JSON error with `http_status`, a fresh request id, nosniff, no-store and Connection: close.
HttpResponse transport_error_response(int http_status, const Status& status);

}  // namespace fg::api
