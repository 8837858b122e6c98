#include "app/commands/commands.hpp"

namespace fg::app {

void add_cloud_command(CLI::App& app, CliContext& ctx) {
  CLI::App* cmd = app.add_subcommand("cloud", "manage cloud connections");
  cmd->allow_extras();
  cmd->callback([&ctx] { not_available(ctx, "cloud", 0); });
}

}  // namespace fg::app
