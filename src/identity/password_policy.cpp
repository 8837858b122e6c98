#include "identity/password_policy.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <unordered_set>

namespace fg::identity {
namespace internal {
extern const std::string_view kCommonPasswordsText;
}  // namespace internal
namespace {

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

//! Code points of valid UTF-8, or nullopt.
std::optional<std::size_t> utf8_length(std::string_view s) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xe ? 3 : (c >> 3) == 0x1e ? 4 : 0;
    if (n == 0 || i + n > s.size()) return std::nullopt;
    for (std::size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) >> 6) != 0x2) return std::nullopt;
    }
    i += n;
    ++count;
  }
  return count;
}

const std::unordered_set<std::string_view>& common_set() {
  static const std::unordered_set<std::string_view> kSet = [] {
    std::unordered_set<std::string_view> set;
    std::string_view text = internal::kCommonPasswordsText;
    while (!text.empty()) {
      const std::size_t nl = text.find('\n');
      std::string_view line = text.substr(0, nl);
      text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
      if (!line.empty() && line.front() != '#') set.insert(line);
    }
    return set;
  }();
  return kSet;
}

}  // namespace

PasswordPolicy PasswordPolicy::for_org(bool org_requires_mfa) {
  PasswordPolicy p;
  p.min_chars = org_requires_mfa ? kMinPasswordCharsMfa : kMinPasswordChars;
  return p;
}

PasswordPolicy PasswordPolicy::strictest(const std::vector<bool>& require_mfa) {
  if (require_mfa.empty()) return for_org(false);
  PasswordPolicy p = for_org(require_mfa.front());
  for (bool mfa : require_mfa) p.min_chars = std::max(p.min_chars, for_org(mfa).min_chars);
  return p;
}

bool is_common_password(std::string_view password) {
  return common_set().count(lower_ascii(password)) > 0;
}

Status check_password(const PasswordPolicy& policy, std::string_view password, std::string_view email,
                      std::string_view field) {
  const std::string f(field);
  std::optional<std::size_t> chars = utf8_length(password);
  if (!chars) return invalid_argument_error(f + ": must be valid UTF-8", f);
  if (*chars < policy.min_chars) {
    return invalid_argument_error(f + ": must be at least " + std::to_string(policy.min_chars) + " characters", f);
  }
  if (*chars > policy.max_chars) {
    return invalid_argument_error(f + ": must be at most " + std::to_string(policy.max_chars) + " characters", f);
  }
  const std::string lowered = lower_ascii(password);
  if (!email.empty() && lowered == lower_ascii(email)) {
    return invalid_argument_error(f + ": must not be the email address", f);
  }
  if (is_common_password(password)) return invalid_argument_error(f + ": is too common; choose another", f);
  return ok_status();
}

}  // namespace fg::identity
