#include "api/validation/query_values.hpp"

#include <algorithm>
#include <charconv>
#include <string>

namespace fg::api {

Result<std::int64_t> parse_bounded_integer(std::string_view field, std::string_view text, std::int64_t max) {
  std::int64_t n = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (text.empty() || ec != std::errc() || p != text.data() + text.size() || n < 1 || n > max) {
    return invalid_argument_error(std::string(field) + ": must be an integer from 1 to " + std::to_string(max),
                                  std::string(field));
  }
  return n;
}

Result<Timestamp> parse_query_time(std::string_view field, std::string_view text) {
  Result<Timestamp> t = parse_timestamp(text, TimeSyntax::kIso8601);
  int year = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + std::min<std::size_t>(text.size(), 4), year);
  if (!t.ok() && ec == std::errc() && p == text.data() + 4 && year < 1970) {
    // Well-formed but before the epoch: say the rule it breaks, not the syntax it keeps.
    return invalid_argument_error(std::string(field) + ": must be on or after 1970-01-01", std::string(field));
  }
  if (!t.ok()) {
    return invalid_argument_error(std::string(field) + ": must be an ISO 8601 date or date-time", std::string(field));
  }
  return t;
}

}  // namespace fg::api
