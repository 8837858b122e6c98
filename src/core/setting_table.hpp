// The table of every finguard setting (issue 21: each declared once). load_config parses with it, the
// CLI makes its --flags from it, and README's settings table is generated from it
// (settings_markdown.hpp). An unknown key in the file or an unknown FINGUARD_* variable is an error,
// so a typo cannot silently fall back to a default.
#pragma once

#include <string_view>
#include <vector>

#include "core/setting.hpp"

namespace fg {

//! Every setting, in the order --help and README list them. Built once; thread-safe.
const std::vector<Setting>& setting_table();

//! The setting of that snake_case name, or null.
const Setting* find_setting(std::string_view name);

//! The setting of that FINGUARD_* environment name, or null.
const Setting* find_setting_by_env(std::string_view env);

}  // namespace fg
