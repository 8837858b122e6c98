#include "app/commands/commands.hpp"

namespace fg::app {

void add_report_command(CLI::App& app, CliContext& ctx) {
  CLI::App* cmd = app.add_subcommand("report", "generate reports");
  cmd->allow_extras();
  cmd->callback([&ctx] { not_available(ctx, "report", 0); });
}

}  // namespace fg::app
