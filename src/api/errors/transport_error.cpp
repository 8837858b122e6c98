#include "api/errors/transport_error.hpp"

#include "api/errors/error_response.hpp"
#include "core/uuid.hpp"

namespace fg::api {

HttpResponse transport_error_response(int http_status, const Status& status) {
  const std::string request_id = Uuid::random().to_string();
  HttpResponse r = error_response(http_status, status, request_id);
  r.headers.set("X-Request-Id", request_id);
  r.headers.set("X-Content-Type-Options", "nosniff");
  r.close = true;
  return r;
}

}  // namespace fg::api
