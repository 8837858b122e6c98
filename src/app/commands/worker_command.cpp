#include "app/commands/commands.hpp"

namespace fg::app {

void add_worker_command(CLI::App& app, CliContext& ctx) {
  CLI::App* cmd = app.add_subcommand("worker", "run a job worker");
  cmd->allow_extras();
  cmd->callback([&ctx] { not_available(ctx, "worker", 15); });
}

}  // namespace fg::app
