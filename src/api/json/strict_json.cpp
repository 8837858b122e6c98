#include "api/json/strict_json.hpp"

#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace fg::api {
namespace {

// Why parsing stopped, when the callback aborted it.
enum class Refusal { kNone, kDepth, kDuplicateKey };

}  // namespace

Result<nlohmann::json> parse_strict_json(std::string_view text, const JsonLimits& limits) {
  if (text.size() > limits.max_bytes) return invalid_argument_error("the body is too large");
  Refusal refusal = Refusal::kNone;
  std::vector<std::set<std::string>> keys;  // keys seen, per open object
  auto callback = [&](int depth, nlohmann::json::parse_event_t event, nlohmann::json& parsed) -> bool {
    using E = nlohmann::json::parse_event_t;
    if (refusal != Refusal::kNone) return false;
    if (depth > limits.max_depth) {
      refusal = Refusal::kDepth;
      return false;
    }
    switch (event) {
      case E::object_start: keys.emplace_back(); break;
      case E::object_end:
        if (!keys.empty()) keys.pop_back();
        break;
      case E::key:
        if (!keys.back().insert(parsed.get<std::string>()).second) {
          refusal = Refusal::kDuplicateKey;
          return false;
        }
        break;
      default: break;
    }
    return true;
  };
  nlohmann::json out = nlohmann::json::parse(text.begin(), text.end(), callback, /*allow_exceptions=*/false);
  switch (refusal) {
    case Refusal::kDepth: return invalid_argument_error("the body is nested too deeply");
    case Refusal::kDuplicateKey: return invalid_argument_error("the body repeats a key");
    case Refusal::kNone: break;
  }
  if (out.is_discarded()) return invalid_argument_error("the body is not valid JSON");
  return out;
}

}  // namespace fg::api
