#include "app/commands/commands.hpp"

namespace fg::app {

void add_admin_command(CLI::App& app, CliContext& ctx) {
  CLI::App* cmd = app.add_subcommand("admin", "bootstrap and administer orgs and users");
  cmd->allow_extras();
  cmd->callback([&ctx] { not_available(ctx, "admin", 5); });
}

}  // namespace fg::app
