#include "app/cli_context.hpp"

#include <cstdio>
#include <string>

extern char** environ;

namespace fg::app {

void CliContext::add_global_options(CLI::App& app) {
  app.add_option_function<std::string>(
         "--config", [this](const std::string& v) { config_file_ = v; }, "YAML config file (FINGUARD_* wins over it)")
      ->check(CLI::ExistingFile);
  for (const auto& spec : setting_specs()) {
    if (spec.env_only) continue;
    std::string flag = "--" + std::string(spec.name);
    for (auto& c : flag) {
      if (c == '_') c = '-';
    }
    const std::string name(spec.name);
    app.add_option_function<std::string>(
           flag, [this, name](const std::string& v) { flag_values_[name] = v; },
           std::string(spec.help) + " [" + std::string(spec.env) + "]")
        ->group("Settings");
  }
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
