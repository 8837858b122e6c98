#include "identity/slug.hpp"

namespace fg::identity {

Result<std::string> make_slug(std::string_view name) {
  if (name.empty() || name.size() > kMaxOrgNameBytes) {
    return invalid_argument_error("name: must be 1 to 100 bytes", "name");
  }
  std::string slug;
  bool dash = false;
  for (char ch : name) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c == 0x7f) return invalid_argument_error("name: must not contain control characters", "name");
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      if (dash && !slug.empty()) slug.push_back('-');
      dash = false;
      slug.push_back(static_cast<char>(c));
    } else if (c >= 'A' && c <= 'Z') {
      if (dash && !slug.empty()) slug.push_back('-');
      dash = false;
      slug.push_back(static_cast<char>(c - 'A' + 'a'));
    } else {
      dash = true;
    }
  }
  if (slug.size() > kMaxSlugChars) slug.resize(kMaxSlugChars);
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  if (slug.empty()) return invalid_argument_error("name: must contain a letter or digit", "name");
  return slug;
}

}  // namespace fg::identity
