#include "core/status.hpp"

#include "core/assert.hpp"

namespace fg {

std::string_view status_code_name(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return "ok";
    case StatusCode::kInvalidArgument: return "invalid_argument";
    case StatusCode::kUnauthenticated: return "unauthenticated";
    case StatusCode::kPermissionDenied: return "permission_denied";
    case StatusCode::kNotFound: return "not_found";
    case StatusCode::kConflict: return "conflict";
    case StatusCode::kResourceExhausted: return "resource_exhausted";
    case StatusCode::kUnavailable: return "unavailable";
    case StatusCode::kInternal: return "internal";
  }
  return "internal";
}

Status::Status(StatusCode code, std::string message, std::string field)
    : code_(code), message_(std::move(message)), field_(std::move(field)) {
  // An OK status with a message would be read as a failure by whoever logs it.
  FG_ASSERT(code != StatusCode::kOk || (message_.empty() && field_.empty()));
}

Status Status::with_context(std::string_view context) const {
  if (ok()) return *this;
  std::string msg(context);
  msg += ": ";
  msg += message_;
  return Status(code_, std::move(msg), field_);
}

std::string Status::to_string() const {
  std::string out(status_code_name(code_));
  if (!message_.empty()) {
    out += ": ";
    out += message_;
  }
  if (!field_.empty()) {
    out += " [";
    out += field_;
    out += "]";
  }
  return out;
}

Status invalid_argument_error(std::string message, std::string field) {
  return Status(StatusCode::kInvalidArgument, std::move(message), std::move(field));
}
Status unauthenticated_error(std::string message) { return Status(StatusCode::kUnauthenticated, std::move(message)); }
Status permission_denied_error(std::string message) { return Status(StatusCode::kPermissionDenied, std::move(message)); }
Status not_found_error(std::string message) { return Status(StatusCode::kNotFound, std::move(message)); }
Status conflict_error(std::string message) { return Status(StatusCode::kConflict, std::move(message)); }
Status resource_exhausted_error(std::string message) { return Status(StatusCode::kResourceExhausted, std::move(message)); }
Status unavailable_error(std::string message) { return Status(StatusCode::kUnavailable, std::move(message)); }
Status internal_error(std::string message) { return Status(StatusCode::kInternal, std::move(message)); }

}  // namespace fg
