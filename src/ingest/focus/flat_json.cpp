#include "ingest/focus/flat_json.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace fg::ingest {
namespace {

constexpr std::size_t kMaxPairs = 64;  // more tags than this go the general way

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// A string token at `i` ('"' expected), without escapes or bytes outside printable ASCII.
bool read_string(std::string_view s, std::size_t& i, std::string_view& out) {
  if (i >= s.size() || s[i] != '"') return false;
  const std::size_t start = ++i;
  for (; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == '"') {
      out = s.substr(start, i - start);
      ++i;
      return true;
    }
    if (c == '\\' || c < 0x20 || c > 0x7E) return false;
  }
  return false;
}

void skip_space(std::string_view s, std::size_t& i) {
  while (i < s.size() && is_space(s[i])) ++i;
}

}  // namespace

bool canonical_flat_object(std::string_view s, std::string& out) {
  std::array<std::pair<std::string_view, std::string_view>, kMaxPairs> pairs;
  std::size_t n = 0;
  std::size_t i = 0;
  skip_space(s, i);
  if (i >= s.size() || s[i] != '{') return false;
  ++i;
  skip_space(s, i);
  if (i < s.size() && s[i] == '}') {
    ++i;
  } else {
    for (;;) {
      if (n == kMaxPairs) return false;
      skip_space(s, i);
      if (!read_string(s, i, pairs[n].first)) return false;
      skip_space(s, i);
      if (i >= s.size() || s[i] != ':') return false;
      ++i;
      skip_space(s, i);
      if (!read_string(s, i, pairs[n].second)) return false;
      ++n;
      skip_space(s, i);
      if (i >= s.size()) return false;
      if (s[i] == '}') {
        ++i;
        break;
      }
      if (s[i] != ',') return false;
      ++i;
    }
  }
  skip_space(s, i);
  if (i != s.size()) return false;
  std::sort(pairs.begin(), pairs.begin() + static_cast<std::ptrdiff_t>(n),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  for (std::size_t k = 1; k < n; ++k) {
    if (pairs[k].first == pairs[k - 1].first) return false;  // which one wins is the parser's call
  }
  out.clear();
  out += '{';
  for (std::size_t k = 0; k < n; ++k) {
    if (k) out += ',';
    out += '"';
    out += pairs[k].first;
    out += "\":\"";
    out += pairs[k].second;
    out += '"';
  }
  out += '}';
  return true;
}

}  // namespace fg::ingest
