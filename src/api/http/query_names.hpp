// Strict query strings: a parameter a route does not know, or one given twice, is a 400 naming it,
// so a misspelt filter (`?actoin=...`) never silently widens a result.
#pragma once

#include <initializer_list>
#include <string_view>

#include "api/http/http_request.hpp"
#include "core/status.hpp"

namespace fg::api {

//! ok when every parameter name of req's query is in `known` and none repeats; otherwise
//! invalid_argument with the offending name as the field.
Status check_query_names(const HttpRequest& req, std::initializer_list<std::string_view> known);

}  // namespace fg::api
