// The settings table as people read it: one --help line per setting and the Markdown table README.md
// carries between its <!-- settings:begin --> and <!-- settings:end --> markers (a test keeps the two
// equal; `finguard settings` prints it). Both are generated from core/setting_table.cpp.
#pragma once

#include <string>

#include "core/setting.hpp"

namespace fg {

//! "HELP (RULE; default X) [FINGUARD_NAME]", for --help.
std::string setting_help(const Setting& setting);

//! The Markdown table of every setting: name, environment variable, default, what it accepts, the
//! module that reads it, and its help. Ends with a newline.
std::string settings_markdown();

}  // namespace fg
