// Status: the outcome of a fallible call that has no value.
//
// Every module boundary reports failure as a Status (or a Result<T>, which carries one). A Status has
// one code from a small canonical set, a message that is safe to show (never a secret, never raw input)
// and, for invalid input, the name of the failing field. Only src/api maps codes to HTTP statuses.
//
//   Status s = store.rename(scope, id, name);
//   if (!s.ok()) return s.with_context("rename connection");
#pragma once

#include <string>
#include <string_view>

namespace fg {

//! The canonical error codes (CORRECTIONS.md). Their names are also the JSON `error.code` values.
enum class StatusCode {
  kOk,
  kInvalidArgument,
  kUnauthenticated,
  kPermissionDenied,
  kNotFound,
  kConflict,
  kResourceExhausted,
  kUnavailable,
  kInternal,
};

//! The wire name of a code: "invalid_argument", "not_found", ...
std::string_view status_code_name(StatusCode code);

class [[nodiscard]] Status {
 public:
  //! An OK status.
  Status() = default;
  Status(StatusCode code, std::string message, std::string field = {});

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  //! The failing input field, for kInvalidArgument; empty otherwise.
  const std::string& field() const { return field_; }

  //! Returns a copy whose message is "context: message". The code and field are kept.
  Status with_context(std::string_view context) const;

  //! "not_found: connection 12 not found" (plus " [field]" when set); for logs and tests.
  std::string to_string() const;

  friend bool operator==(const Status&, const Status&) = default;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
  std::string field_;
};

inline Status ok_status() { return Status(); }
Status invalid_argument_error(std::string message, std::string field = {});
Status unauthenticated_error(std::string message);
Status permission_denied_error(std::string message);
Status not_found_error(std::string message);
Status conflict_error(std::string message);
Status resource_exhausted_error(std::string message);
Status unavailable_error(std::string message);
Status internal_error(std::string message);

}  // namespace fg
