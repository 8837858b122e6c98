#include "app/commands/commands.hpp"

namespace fg::app {

void add_audit_command(CLI::App& app, CliContext& ctx) {
  CLI::App* cmd = app.add_subcommand("audit", "verify and export the audit log");
  cmd->allow_extras();
  cmd->callback([&ctx] { not_available(ctx, "audit", 7); });
}

}  // namespace fg::app
