// Setting: the declaration of one finguard setting. Its environment variable, its --flag, how a value
// is parsed and checked, the rule an error message names, its --help line and its row in README's
// settings table all follow from this one declaration (issue 21).
//
//   {.name = "db_pool_size", .kind = SettingKind::kInt, .module = "store",
//    .help = "database connections per process", .field = setting_field<&Config::db_pool_size>,
//    .min = 1, .max = 256}
//
// The default is the initialiser of the Config member the setting fills (config.hpp), never written
// again here or in a help string.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/status.hpp"

namespace fg {

struct Config;
enum class RunMode;
enum class LogFormat;

enum class SettingKind {
  kString,  //!< any text; `non_empty` refuses ""
  kBool,    //!< true or false (also 1/0, yes/no)
  kInt,     //!< an integer from `min` to `max`
  kEnum,    //!< one of `values`; an enum member holds the value's position in `values`
  kList,    //!< comma-separated (a YAML list in the file); each item starts with one of `values`, if any
  kUrl,     //!< empty, or starting with one of `values`
  kListen,  //!< HOST:PORT; `bare_port` also takes PORT as 127.0.0.1:PORT; empty when `empty_means` says so
  kSecret,  //!< environment only; the Config member records whether it is set, never the value
  kCustom,  //!< `parse` checks and stores the value; `rule` says what it accepts
};

//! The Config member a setting fills.
using SettingField = std::variant<std::string*, bool*, int*, std::int64_t*, std::vector<std::string>*, RunMode*,
                                  LogFormat*, std::map<std::string, std::int64_t>*>;

struct Setting {
  std::string_view name;  //!< snake_case: the file key; FINGUARD_NAME and --name-with-dashes follow
  SettingKind kind = SettingKind::kString;
  std::string_view module;  //!< the module whose behaviour it sets: "api", "identity", "worker", ...
  std::string_view help;    //!< what it is, without its rule or default (both are generated)
  SettingField (*field)(Config&) = nullptr;
  std::int64_t min = 0;                  //!< kInt
  std::int64_t max = 0;                  //!< kInt; INT64_MAX reads "at least min"
  std::vector<std::string_view> values;  //!< kEnum: the values; kList, kUrl: the accepted prefixes
  std::string_view empty_means;          //!< what an empty value does ("off", "SQLite in DATA_DIR")
  bool non_empty = false;                //!< kString: "" is refused
  bool bare_port = false;                //!< kListen
  std::string_view rule;                 //!< kCustom: what it accepts, as a noun phrase
  Status (*parse)(std::string_view value, SettingField field) = nullptr;  //!< kCustom

  bool env_only() const { return kind == SettingKind::kSecret; }
  //! FINGUARD_ and the upper-cased name.
  std::string env() const;
  //! -- and the name with dashes for underscores.
  std::string flag() const;
};

//! Parses `value`, checks it against the setting's rule and stores it in `cfg`. invalid_argument
//! "NAME: must be RULE" with field() NAME; the message never echoes the value.
Status apply_setting(const Setting& setting, Config& cfg, std::string_view value);

//! What the setting accepts, as a noun phrase: "an integer from 1 to 256", "true or false".
std::string setting_rule(const Setting& setting);

//! The default of a freshly made Config, as it would be written in the file ("" when empty or unset).
std::string setting_default(const Setting& setting);

//! Reads a Config member through a chain of member pointers:
//! setting_field<&Config::worker, &WorkerSettings::concurrency>.
template <auto... Members>
SettingField setting_field(Config& cfg) {
  return &(cfg.*....*Members);
}

}  // namespace fg
