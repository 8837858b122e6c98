// CliContext: what every subcommand shares: the raw setting flags and how to turn them into a
// validated Config.
#pragma once

#include <map>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "core/config.hpp"

namespace fg::app {

//! Exit codes of the finguard binary.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;       //!< the command ran and failed (e.g. audit verify broke)
inline constexpr int kExitNotAvailable = 2;  //!< the subcommand's issue has not landed yet
inline constexpr int kExitBadConfig = 78;    //!< EX_CONFIG: refused to start

class CliContext {
 public:
  //! Adds --config and one --flag per setting of core/setting_table.cpp to `app` (global, so they go
  //! before or after the subcommand).
  void add_global_options(CLI::App& app);

  //! Adds `flag` to `cmd` as another name of the setting `setting` (a value, like the setting's own flag).
  void add_setting_alias(CLI::App& cmd, const std::string& flag, const std::string& setting);
  //! Adds the value-less `flag` to `cmd`: given, it sets `setting` to `value` (--no-scheduler).
  void add_setting_switch(CLI::App& cmd, const std::string& flag, const std::string& setting, const std::string& value);

  //! Merges defaults, the config file, FINGUARD_* and flags; prints a one-line error on failure.
  Result<Config> load() const;

  //! The subcommand that ran sets this; main returns it.
  int exit_code = kExitOk;

 private:
  std::optional<std::string> config_file_;
  std::map<std::string, std::string> flag_values_;
};

//! Prints "finguard NAME: not available yet (issue #N)" and sets the exit code to 2. For subcommands
//! whose issue has not landed: they must never pretend to work.
void not_available(CliContext& ctx, const std::string& name, int issue);

}  // namespace fg::app
