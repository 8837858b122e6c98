// UTF-8 validation for text read from files (Parquet STRING/ENUM/JSON, CSV cells) (RFC 3629: no overlongs, no
// surrogates, nothing past U+10FFFF), and the lenient repair that replaces each maximal invalid sequence with U+FFFD.
#pragma once

#include <string>
#include <string_view>

namespace fg {

bool valid_utf8(std::string_view s);
//! Appends `s` to `out` with every invalid sequence replaced by U+FFFD.
void append_utf8_replacing(std::string_view s, std::string& out);

}  // namespace fg
