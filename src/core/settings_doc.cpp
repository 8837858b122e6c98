#include "core/settings_doc.hpp"

#include <charconv>
#include <cstdint>
#include <utility>

#include "core/setting_table.hpp"

namespace fg {
namespace {

// "68719476736 (64 GiB)": a byte count is easier to check in its binary unit.
std::string with_binary_unit(const Setting& s, const std::string& value) {
  if (!s.name.ends_with("_bytes")) return value;
  std::int64_t n = 0;
  std::from_chars(value.data(), value.data() + value.size(), n);
  static constexpr std::pair<std::int64_t, const char*> kUnits[] = {
      {1LL << 40, "TiB"}, {1LL << 30, "GiB"}, {1LL << 20, "MiB"}, {1LL << 10, "KiB"}};
  for (const auto& [size, unit] : kUnits) {
    if (n >= size && n % size == 0) return value + " (" + std::to_string(n / size) + " " + unit + ")";
  }
  return value;
}

// The default as --help says it: the value, or what an empty value means.
std::string default_text(const Setting& s) {
  const std::string value = setting_default(s);
  if (!value.empty()) return with_binary_unit(s, value);
  return s.empty_means.empty() ? "empty" : std::string(s.empty_means);
}

std::string cell(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '|') out += '\\';
    out += c;
  }
  return out;
}

}  // namespace

std::string setting_help(const Setting& s) {
  std::string out(s.help);
  out += " (" + setting_rule(s);
  if (!s.env_only()) out += "; default " + default_text(s);
  return out + ") [" + s.env() + "]";
}

std::string settings_markdown() {
  std::string out =
      "| setting | environment | default | accepts | read by | what it sets |\n"
      "|---|---|---|---|---|---|\n";
  for (const Setting& s : setting_table()) {
    const std::string value = setting_default(s);
    std::string def;
    if (s.env_only()) {
      def = "environment only";
    } else if (value.empty()) {
      def = s.empty_means.empty() ? "empty" : std::string(s.empty_means);
    } else {
      def = "`" + with_binary_unit(s, value) + "`";
    }
    out += "| `" + std::string(s.name) + "` | `" + s.env() + "` | " + cell(def) + " | " + cell(setting_rule(s)) +
           " | " + cell(s.module) + " | " + cell(s.help) + " |\n";
  }
  return out;
}

}  // namespace fg
