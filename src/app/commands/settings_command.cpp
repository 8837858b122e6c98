// `finguard settings`: prints the Markdown table of every setting (core/settings_doc.hpp), the one
// README.md carries between its settings markers.
#include <cstdio>

#include "app/commands/commands.hpp"
#include "core/settings_doc.hpp"

namespace fg::app {

void add_settings_command(CLI::App& app, CliContext& ctx) {
  CLI::App* cmd = app.add_subcommand("settings", "print every setting as a Markdown table (README.md's)");
  cmd->callback([&ctx] {
    std::fputs(settings_markdown().c_str(), stdout);
    ctx.exit_code = kExitOk;
  });
}

}  // namespace fg::app
