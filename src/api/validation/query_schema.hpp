// QuerySchema: the declared query string of a route: one QueryParam per accepted parameter.
//
// The input-validation middleware checks every request's query against its route's schema before the
// handler runs: an unknown parameter, one given twice, or a value of the wrong type or out of bounds is
// a 400 that names it, on every route (a misspelt filter, `?statsu=dead`, once silently returned every
// job). The OpenAPI generator renders the same declaration, so the document and the check cannot drift.
// Handlers still parse the values they use; the schema guarantees what reaches them.
//
//   QuerySchema q{{
//       QueryParam::enumeration("status", {"queued", "running"}),
//       QueryParam::integer("limit", 500),
//       QueryParam::family("filter").repeatable(),  // filter[<key>]=...
//   }};
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.hpp"

namespace fg::api {

enum class QueryType { kString, kInteger, kTimestamp, kEnum };

struct QueryParam {
  std::string name;
  QueryType type = QueryType::kString;
  std::size_t max_length = 256;                                       //!< strings and family values: bytes
  std::int64_t max_value = std::numeric_limits<std::int64_t>::max();  //!< integers: 1 to max_value
  std::vector<std::string> enum_values;
  //! `name` is a family: it matches `name[<key>]` for any key (the handler checks the key), and each
  //! distinct key counts as its own parameter.
  bool is_family = false;
  bool repeated = false;
  //! An empty value means the parameter is absent (an enum filter a form leaves blank).
  bool empty_is_absent = false;
  std::string description;

  static QueryParam string(std::string name, std::size_t max_length);
  //! 1 to max: every integer this API takes in a query is a count, a page size or a cursor.
  static QueryParam integer(std::string name, std::int64_t max);
  //! ISO 8601 date or date-time (fg::parse_timestamp, TimeSyntax::kIso8601).
  static QueryParam timestamp(std::string name);
  static QueryParam enumeration(std::string name, std::vector<std::string> values);
  static QueryParam family(std::string name, std::size_t max_value_length);

  QueryParam&& repeatable() && {
    repeated = true;
    return std::move(*this);
  }
  QueryParam&& blank_is_absent() && {
    empty_is_absent = true;
    return std::move(*this);
  }
  QueryParam&& describe(std::string text) && {
    description = std::move(text);
    return std::move(*this);
  }
};

struct QuerySchema {
  std::vector<QueryParam> params;
  //! Unknown parameters are let through (still bounded, still decoded). Only for a redirect a third
  //! party builds, an OIDC provider's callback, which adds parameters of its own (iss, session_state,
  //! scope, ...).
  bool open = false;
};

//! ok when `raw_query` fits `schema`; otherwise invalid_argument naming the parameter. The field is the
//! parameter's name, or "query" for a name the schema does not know (the message names it only when it
//! is short and plain: a client's text is not echoed otherwise).
Status check_query(const QuerySchema& schema, std::string_view raw_query);

//! "a, b or c": the phrase an enum's error message and the documentation share.
std::string one_of_phrase(const std::vector<std::string>& values);

}  // namespace fg::api
