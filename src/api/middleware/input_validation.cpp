#include "api/middleware/input_validation.hpp"

#include <nlohmann/json.hpp>

#include "api/errors/error_response.hpp"
#include "api/json/strict_json.hpp"

namespace fg::api {
namespace {

std::string_view trim_json_space(std::string_view s) {
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// What a client sends as the body of a bodiless POST: nothing, whitespace, or an empty JSON object.
bool is_empty_body(std::string_view body) {
  body = trim_json_space(body);
  if (body.empty()) return true;
  if (body.front() != '{' || body.back() != '}') return false;
  return trim_json_space(body.substr(1, body.size() - 2)).empty();
}

bool is_id_param(std::string_view name) {
  return name == "id" || (name.size() > 3 && name.substr(name.size() - 3) == "_id");
}

}  // namespace

bool is_json_content_type(std::string_view value) {
  const std::size_t semi = value.find(';');
  if (!iequals(trim(value.substr(0, semi)), "application/json")) return false;
  if (semi == std::string_view::npos) return true;
  const std::string_view param = trim(value.substr(semi + 1));
  return iequals(param, "charset=utf-8") || iequals(param, "charset=\"utf-8\"");
}

Verdict InputValidationMiddleware::on_request(RequestContext& ctx, const HttpRequest& req, HttpResponse& out) {
  if (ctx.route == nullptr) return Verdict::kContinue;
  for (const auto& [name, value] : ctx.params) {
    if (is_id_param(name) && !Uuid::parse(value).ok()) {
      out = error_response(invalid_argument_error(name + ": must be a UUID", name), ctx.request_id);
      return Verdict::kRespond;
    }
  }
  if (Status q = check_query(ctx.route->query, req.query); !q.ok()) {
    out = error_response(q, ctx.request_id);
    return Verdict::kRespond;
  }
  if (!ctx.route->raw_body_types.empty()) {
    // A raw body (an upload): only its declared media types; the handler checks the content.
    std::optional<std::string_view> type = req.headers.get("Content-Type");
    const std::string_view bare = type ? trim(type->substr(0, type->find(';'))) : std::string_view();
    for (const std::string& accepted : ctx.route->raw_body_types) {
      if (iequals(bare, accepted)) return Verdict::kContinue;
    }
    out = error_response(415, invalid_argument_error("Content-Type is not accepted by this operation"), ctx.request_id);
    return Verdict::kRespond;
  }
  if (!ctx.route->body) {
    if (!is_empty_body(req.body)) {
      out = error_response(invalid_argument_error("this operation takes no request body"), ctx.request_id);
      return Verdict::kRespond;
    }
    return Verdict::kContinue;
  }
  std::optional<std::string_view> type = req.headers.get("Content-Type");
  if (!type || !is_json_content_type(*type)) {
    out = error_response(415, invalid_argument_error("Content-Type must be application/json"), ctx.request_id);
    return Verdict::kRespond;
  }
  Result<nlohmann::json> parsed = parse_strict_json(req.body, JsonLimits{.max_bytes = ctx.route->body_limit});
  if (!parsed.ok()) {
    out = error_response(parsed.status(), ctx.request_id);
    return Verdict::kRespond;
  }
  Result<ValidatedBody> body = ValidatedBody::check(*ctx.route->body, std::move(*parsed));
  if (!body.ok()) {
    out = error_response(body.status(), ctx.request_id);
    return Verdict::kRespond;
  }
  ctx.body.emplace(std::move(*body));
  return Verdict::kContinue;
}

}  // namespace fg::api
