// Error responses: the one place that maps a Status to an HTTP status and the JSON error body
// (CORRECTIONS.md's canonical table).
//
//   {"error":{"code":"invalid_argument","message":"expires_at: must be an ISO 8601 date or time",
//             "field":"expires_at","request_id":"..."}}
//
// Internal errors are answered with a generic message: the real one goes to the log with the request
// id, never to the client (no stack traces, SQL, paths or secrets).
#pragma once

#include <string_view>

#include "api/http/http_response.hpp"
#include "core/status.hpp"

namespace fg::api {

//! invalid_argument 400, unauthenticated 401, permission_denied 403, not_found 404, conflict 409,
//! resource_exhausted 429, unavailable 503, internal (and anything else) 500.
int http_status_for(StatusCode code);

//! The error response for a non-OK `status`, with the HTTP status from http_status_for().
HttpResponse error_response(const Status& status, std::string_view request_id);
//! The same with an explicit HTTP status, for the refinements of a code: 413, 415, 431, 405, 414.
HttpResponse error_response(int http_status, const Status& status, std::string_view request_id);

//! The message sent for internal errors.
inline constexpr std::string_view kInternalErrorMessage = "internal error";

}  // namespace fg::api
