#include "api/errors/error_response.hpp"

#include <nlohmann/json.hpp>

#include "core/log.hpp"

namespace fg::api {

int http_status_for(StatusCode code) {
  switch (code) {
    case StatusCode::kInvalidArgument: return 400;
    case StatusCode::kUnauthenticated: return 401;
    case StatusCode::kPermissionDenied: return 403;
    case StatusCode::kNotFound: return 404;
    case StatusCode::kConflict: return 409;
    case StatusCode::kResourceExhausted: return 429;
    case StatusCode::kUnavailable: return 503;
    case StatusCode::kOk:
    case StatusCode::kInternal: return 500;
  }
  return 500;
}

HttpResponse error_response(const Status& status, std::string_view request_id) {
  return error_response(http_status_for(status.code()), status, request_id);
}

HttpResponse error_response(int http_status, const Status& status, std::string_view request_id) {
  const bool internal = status.code() == StatusCode::kInternal || status.code() == StatusCode::kOk;
  if (internal) log::error("internal error", {{"detail", status.message()}});
  nlohmann::json err = {
      {"code", internal ? "internal" : std::string(status_code_name(status.code()))},
      {"message", internal ? std::string(kInternalErrorMessage) : status.message()},
      {"request_id", std::string(request_id)},
  };
  if (!internal && !status.field().empty()) err["field"] = status.field();
  // Replace rather than throw on stray invalid UTF-8 in a message: an error path must not fail.
  HttpResponse r = HttpResponse::json(
      internal ? 500 : http_status,
      nlohmann::json{{"error", std::move(err)}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  r.headers.set("Cache-Control", "no-store");
  return r;
}

}  // namespace fg::api
