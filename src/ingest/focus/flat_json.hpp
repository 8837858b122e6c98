// The canonical text of the common FOCUS Tags object without building a JSON tree: nlohmann's
// parse-and-dump of every distinct Tags cell was ~6% of an ingest's CPU.
#pragma once

#include <string>
#include <string_view>

namespace fg::ingest {

//! If `raw` is a flat JSON object whose keys and values are all strings of printable ASCII with no
//! escapes (`{"env": "prod", "app":"web"}`), writes its canonical form to `out` — keys sorted
//! bytewise, no whitespace, exactly what nlohmann::json::dump() prints (`{"app":"web","env":"prod"}`)
//! — and returns true. Returns false for anything else (escapes, non-ASCII, numbers, nesting,
//! duplicate keys, bad syntax), which the caller hands to a full JSON parser.
bool canonical_flat_object(std::string_view raw, std::string& out);

}  // namespace fg::ingest
