// Typed values of query-string parameters, with the field-naming 400s every route gives for them.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/result.hpp"
#include "core/time.hpp"

namespace fg::api {

//! An integer from 1 to `max` (decimal digits only); invalid_argument naming `field` otherwise:
//! "limit: must be an integer from 1 to 500".
Result<std::int64_t> parse_bounded_integer(std::string_view field, std::string_view text, std::int64_t max);

//! An ISO 8601 date or date-time; invalid_argument naming `field` otherwise.
Result<Timestamp> parse_query_time(std::string_view field, std::string_view text);

}  // namespace fg::api
