#include "app/commands/commands.hpp"

namespace fg::app {

void add_backup_command(CLI::App& app, CliContext& ctx) {
  CLI::App* cmd = app.add_subcommand("backup", "back up the data directory");
  cmd->allow_extras();
  cmd->callback([&ctx] { not_available(ctx, "backup", 0); });
}

}  // namespace fg::app
