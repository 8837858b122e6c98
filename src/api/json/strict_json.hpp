// Strict JSON parsing for request bodies: size and nesting limits, duplicate keys refused.
//
// RFC 8259 §4 leaves duplicate names undefined; parsers disagree on which one wins, which lets a body
// mean one thing to a proxy or a WAF and another to us. We refuse them.
#pragma once

#include <cstddef>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "core/result.hpp"

namespace fg::api {

//! Deepest nesting a request body may have; our request bodies are flat objects with small arrays.
inline constexpr int kMaxJsonDepth = 16;

struct JsonLimits {
  std::size_t max_bytes = 64 * 1024;
  int max_depth = kMaxJsonDepth;
};

//! Parses `text` as one JSON value. invalid_argument ("the body is not valid JSON", "... nested too
//! deeply", "... repeats a key", "... is too large") without echoing the input. Thread-safe.
Result<nlohmann::json> parse_strict_json(std::string_view text, const JsonLimits& limits);

}  // namespace fg::api
