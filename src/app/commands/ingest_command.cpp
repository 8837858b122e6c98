#include "app/commands/commands.hpp"

namespace fg::app {

void add_ingest_command(CLI::App& app, CliContext& ctx) {
  CLI::App* cmd = app.add_subcommand("ingest", "ingest cost exports into the cost store");
  cmd->allow_extras();
  cmd->callback([&ctx] { not_available(ctx, "ingest", 8); });
}

}  // namespace fg::app
