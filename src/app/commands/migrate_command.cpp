#include "app/commands/commands.hpp"

namespace fg::app {

void add_migrate_command(CLI::App& app, CliContext& ctx) {
  CLI::App* cmd = app.add_subcommand("migrate", "apply database migrations");
  cmd->allow_extras();
  cmd->callback([&ctx] { not_available(ctx, "migrate", 4); });
}

}  // namespace fg::app
