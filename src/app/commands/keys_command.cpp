#include "app/commands/commands.hpp"

namespace fg::app {

void add_keys_command(CLI::App& app, CliContext& ctx) {
  CLI::App* cmd = app.add_subcommand("keys", "create, rotate and retire encryption keys");
  cmd->allow_extras();
  cmd->callback([&ctx] { not_available(ctx, "keys", 3); });
}

}  // namespace fg::app
