#include "api/http/http_request.hpp"

#include "core/hex.hpp"

namespace fg::api {

std::string_view method_name(HttpMethod method) {
  switch (method) {
    case HttpMethod::kGet: return "GET";
    case HttpMethod::kHead: return "HEAD";
    case HttpMethod::kPost: return "POST";
    case HttpMethod::kPut: return "PUT";
    case HttpMethod::kPatch: return "PATCH";
    case HttpMethod::kDelete: return "DELETE";
    case HttpMethod::kOptions: return "OPTIONS";
    case HttpMethod::kOther: return "OTHER";
  }
  return "OTHER";
}

HttpMethod parse_method(std::string_view text) {
  static constexpr HttpMethod kAll[] = {HttpMethod::kGet,   HttpMethod::kHead,   HttpMethod::kPost,   HttpMethod::kPut,
                                        HttpMethod::kPatch, HttpMethod::kDelete, HttpMethod::kOptions};
  for (HttpMethod m : kAll) {
    if (method_name(m) == text) return m;
  }
  return HttpMethod::kOther;
}

bool is_mutation(HttpMethod method) {
  return method == HttpMethod::kPost || method == HttpMethod::kPut || method == HttpMethod::kPatch ||
         method == HttpMethod::kDelete;
}

void HttpRequest::set_target(std::string target_text) {
  target = std::move(target_text);
  const std::size_t q = target.find('?');
  path = target.substr(0, q);
  query = q == std::string::npos ? std::string() : target.substr(q + 1);
}

std::optional<std::string> HttpRequest::query_param(std::string_view name) const {
  std::string_view rest(query);
  while (!rest.empty()) {
    const std::size_t amp = rest.find('&');
    std::string_view pair = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
    const std::size_t eq = pair.find('=');
    std::optional<std::string> key = percent_decode(pair.substr(0, eq), true);
    if (!key || *key != name) continue;
    return eq == std::string_view::npos ? std::optional<std::string>("") : percent_decode(pair.substr(eq + 1), true);
  }
  return std::nullopt;
}

std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '%') {
      if (i + 2 >= text.size()) return std::nullopt;  // a truncated escape
      const int hi = hex_digit_value(text[i + 1]);
      const int lo = hex_digit_value(text[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      const char decoded = static_cast<char>(hi * 16 + lo);
      if (decoded == '\0') return std::nullopt;
      out.push_back(decoded);
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace fg::api
