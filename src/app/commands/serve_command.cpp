#include "app/commands/commands.hpp"

namespace fg::app {

void add_serve_command(CLI::App& app, CliContext& ctx) {
  CLI::App* cmd = app.add_subcommand("serve", "run the API server (--with-worker also runs jobs in-process)");
  cmd->allow_extras();
  cmd->callback([&ctx] { not_available(ctx, "serve", 6); });
}

}  // namespace fg::app
