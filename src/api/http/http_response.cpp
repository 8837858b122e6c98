#include "api/http/http_response.hpp"

#include <nlohmann/json.hpp>

namespace fg::api {

HttpResponse HttpResponse::with_body(int status, std::string body, std::string_view content_type) {
  HttpResponse r;
  r.status = status;
  r.body = std::move(body);
  r.headers.set("Content-Type", std::string(content_type));
  return r;
}

HttpResponse HttpResponse::json(int status, std::string json) {
  return with_body(status, std::move(json), "application/json");
}

HttpResponse HttpResponse::json_value(int status, const nlohmann::json& body) {
  return json(status, body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

HttpResponse HttpResponse::empty(int status) {
  HttpResponse r;
  r.status = status;
  return r;
}

HttpResponse HttpResponse::streamed(BodySource source, std::string_view content_type) {
  HttpResponse r;
  r.status = 200;
  r.stream = std::move(source);
  r.headers.set("Content-Type", std::string(content_type));
  return r;
}

}  // namespace fg::api
