#include "core/setting.hpp"

#include <algorithm>
#include <charconv>
#include <limits>
#include <type_traits>

#include "core/config.hpp"

namespace fg {
namespace {

constexpr std::int64_t kUnbounded = std::numeric_limits<std::int64_t>::max();

std::vector<std::string> split_list(std::string_view v) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= v.size()) {
    std::size_t end = v.find(',', start);
    if (end == std::string_view::npos) end = v.size();
    std::string_view item = v.substr(start, end - start);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (!item.empty()) out.emplace_back(item);
    start = end + 1;
  }
  return out;
}

bool parse_int(std::string_view v, std::int64_t& out) {
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
  return ec == std::errc() && p == v.data() + v.size();
}

bool all_digits(std::string_view v) {
  return !v.empty() && std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// host:port with an explicit host; "[::1]:8080" for IPv6.
bool valid_listen(std::string_view v) {
  const std::size_t colon = v.rfind(':');
  if (colon == std::string_view::npos || colon == 0) return false;
  std::int64_t port = 0;
  return parse_int(v.substr(colon + 1), port) && port >= 1 && port <= 65535;
}

bool has_prefix(std::string_view v, const std::vector<std::string_view>& prefixes) {
  return std::any_of(prefixes.begin(), prefixes.end(), [v](std::string_view p) { return v.starts_with(p); });
}

// "a, b or c".
std::string either(const std::vector<std::string_view>& values) {
  std::string out;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += i + 1 == values.size() ? " or " : ", ";
    out += values[i];
  }
  return out;
}

Status refuse(const Setting& s) {
  return invalid_argument_error(std::string(s.name) + ": must be " + setting_rule(s), std::string(s.name));
}

Status store_enum(const Setting& s, SettingField field, std::string_view v) {
  const auto it = std::find(s.values.begin(), s.values.end(), v);
  if (it == s.values.end()) return refuse(s);
  const int index = static_cast<int>(it - s.values.begin());
  if (auto* p = std::get_if<std::string*>(&field)) {
    **p = std::string(v);
  } else if (auto* p = std::get_if<RunMode*>(&field)) {
    **p = static_cast<RunMode>(index);
  } else if (auto* p = std::get_if<LogFormat*>(&field)) {
    **p = static_cast<LogFormat>(index);
  }
  return ok_status();
}

Status store_int(const Setting& s, SettingField field, std::string_view v) {
  std::int64_t n = 0;
  if (!parse_int(v, n) || n < s.min || n > s.max) return refuse(s);
  if (auto* p = std::get_if<int*>(&field)) {
    **p = static_cast<int>(n);  // the table's bounds of an int member fit an int (setting_table_test)
  } else {
    *std::get<std::int64_t*>(field) = n;
  }
  return ok_status();
}

}  // namespace

std::string Setting::env() const {
  std::string out = "FINGUARD_";
  for (char c : name) out += static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  return out;
}

std::string Setting::flag() const {
  std::string out = "--";
  for (char c : name) out += c == '_' ? '-' : c;
  return out;
}

Status apply_setting(const Setting& s, Config& cfg, std::string_view v) {
  SettingField field = s.field(cfg);
  switch (s.kind) {
    case SettingKind::kString:
      if (s.non_empty && v.empty()) return refuse(s);
      *std::get<std::string*>(field) = std::string(v);
      return ok_status();
    case SettingKind::kBool: {
      bool& out = *std::get<bool*>(field);
      if (v == "true" || v == "1" || v == "yes") {
        out = true;
      } else if (v == "false" || v == "0" || v == "no") {
        out = false;
      } else {
        return refuse(s);
      }
      return ok_status();
    }
    case SettingKind::kInt: return store_int(s, field, v);
    case SettingKind::kEnum: return store_enum(s, field, v);
    case SettingKind::kList: {
      std::vector<std::string> items = split_list(v);
      if (!s.values.empty()) {
        for (const std::string& item : items) {
          if (!has_prefix(item, s.values)) return refuse(s);
        }
      }
      *std::get<std::vector<std::string>*>(field) = std::move(items);
      return ok_status();
    }
    case SettingKind::kUrl:
      if (!v.empty() && !has_prefix(v, s.values)) return refuse(s);
      *std::get<std::string*>(field) = std::string(v);
      return ok_status();
    case SettingKind::kListen: {
      std::string addr(v);
      // A bare port stays on loopback: what it serves is not for every network.
      if (s.bare_port && all_digits(addr)) addr = "127.0.0.1:" + addr;
      if (!(addr.empty() && !s.empty_means.empty()) && !valid_listen(addr)) return refuse(s);
      *std::get<std::string*>(field) = std::move(addr);
      return ok_status();
    }
    case SettingKind::kSecret: *std::get<bool*>(field) = !v.empty(); return ok_status();
    case SettingKind::kCustom: {
      Status st = s.parse(v, field);
      return st.ok() ? st : refuse(s);
    }
  }
  return refuse(s);
}

std::string setting_rule(const Setting& s) {
  switch (s.kind) {
    case SettingKind::kString: return s.non_empty ? "a non-empty value" : "any value";
    case SettingKind::kBool: return "true or false";
    case SettingKind::kInt:
      if (s.max == kUnbounded) return "an integer of at least " + std::to_string(s.min);
      return "an integer from " + std::to_string(s.min) + " to " + std::to_string(s.max);
    case SettingKind::kEnum: return (s.values.size() > 2 ? "one of " : "") + either(s.values);
    case SettingKind::kList:
      if (s.values.empty()) return "a comma-separated list";
      return "a comma-separated list, each item starting with " + either(s.values);
    case SettingKind::kUrl: return "a URL starting with " + either(s.values);
    case SettingKind::kListen:
      return std::string(s.bare_port ? "PORT (on 127.0.0.1) or " : "") + "HOST:PORT with a port from 1 to 65535";
    case SettingKind::kSecret: return "set in the environment only";
    case SettingKind::kCustom: return std::string(s.rule);
  }
  return {};
}

std::string setting_default(const Setting& s) {
  Config defaults;
  const SettingField field = s.field(defaults);
  if (s.kind == SettingKind::kSecret) return {};
  if (s.kind == SettingKind::kEnum) {
    int index = 0;
    if (auto* p = std::get_if<RunMode*>(&field)) index = static_cast<int>(**p);
    if (auto* p = std::get_if<LogFormat*>(&field)) index = static_cast<int>(**p);
    if (auto* p = std::get_if<std::string*>(&field)) return **p;
    return std::string(s.values.at(static_cast<std::size_t>(index)));
  }
  return std::visit(
      [](auto* p) -> std::string {
        using T = std::remove_cvref_t<decltype(*p)>;
        if constexpr (std::is_same_v<T, std::string>) {
          return *p;
        } else if constexpr (std::is_same_v<T, bool>) {
          return *p ? "true" : "false";
        } else if constexpr (std::is_same_v<T, int> || std::is_same_v<T, std::int64_t>) {
          return std::to_string(*p);
        } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
          std::string out;
          for (const std::string& item : *p) out += (out.empty() ? "" : ",") + item;
          return out;
        } else if constexpr (std::is_same_v<T, std::map<std::string, std::int64_t>>) {
          std::string out;
          for (const auto& [key, n] : *p) out += (out.empty() ? "" : ",") + key + "=" + std::to_string(n);
          return out;
        } else {
          return {};  // the enum members are handled above
        }
      },
      field);
}

}  // namespace fg
