// Org slugs: the unique, URL-safe handle derived from an org's name at creation ("Acme Corp" ->
// "acme-corp"). `--org` on the CLI accepts the slug, the exact name or the id.
#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"

namespace fg::identity {

inline constexpr std::size_t kMaxOrgNameBytes = 100;
inline constexpr std::size_t kMaxSlugChars = 63;

//! Lower-cases ASCII letters, keeps digits, turns every other run of characters into one '-', trims
//! dashes at both ends and cuts to kMaxSlugChars. invalid_argument (field "name") for an empty or
//! over-long name, a name with control characters, or one that leaves no letter or digit.
Result<std::string> make_slug(std::string_view name);

}  // namespace fg::identity
