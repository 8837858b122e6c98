#include "app/cli_context.hpp"

#include <cstdint>
#include <cstdio>
#include <string>

#include "core/assert.hpp"
#include "core/setting_table.hpp"
#include "core/settings_doc.hpp"

extern char** environ;

namespace fg::app {

void CliContext::add_global_options(CLI::App& app) {
  app.add_option_function<std::string>(
         "--config", [this](const std::string& v) { config_file_ = v; }, "YAML config file (FINGUARD_* wins over it)")
      ->check(CLI::ExistingFile);
  for (const Setting& setting : setting_table()) {
    if (setting.env_only()) continue;  // secrets stay out of the command line (and shell history)
    const std::string name(setting.name);
    app.add_option_function<std::string>(
           setting.flag(), [this, name](const std::string& v) { flag_values_[name] = v; }, setting_help(setting))
        ->group("Settings");
  }
}

void CliContext::add_setting_alias(CLI::App& cmd, const std::string& flag, const std::string& setting) {
  const Setting* s = find_setting(setting);
  FG_CHECK(s != nullptr && !s->env_only());  // the aliases are written in the commands, not typed by users
  cmd.add_option_function<std::string>(
      flag, [this, setting](const std::string& v) { flag_values_[setting] = v; }, "the " + s->flag() + " setting");
}

void CliContext::add_setting_switch(CLI::App& cmd, const std::string& flag, const std::string& setting,
                                    const std::string& value) {
  const Setting* s = find_setting(setting);
  FG_CHECK(s != nullptr && !s->env_only());  // as in add_setting_alias
  cmd.add_flag_function(
      flag, [this, setting, value](std::int64_t) { flag_values_[setting] = value; }, s->flag() + " " + value);
}

Result<Config> CliContext::load() const {
  ConfigSources src;
  src.file = config_file_;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) src.env.emplace_back(*e);
  src.flags = flag_values_;
  Result<Config> cfg = load_config(src);
  if (!cfg.ok()) std::fprintf(stderr, "finguard: refusing to start: %s\n", cfg.status().message().c_str());
  return cfg;
}

void not_available(CliContext& ctx, const std::string& name, int issue) {
  std::fprintf(stderr, "finguard %s: not available yet (arrives with issue #%d)\n", name.c_str(), issue);
  ctx.exit_code = kExitNotAvailable;
}

}  // namespace fg::app
