#include <cstdio>

#include "app/commands/commands.hpp"
#include "app/version.hpp"

namespace fg::app {

void add_version_command(CLI::App& app, CliContext& ctx) {
  CLI::App* cmd = app.add_subcommand("version", "print the version");
  cmd->callback([&ctx] {
    std::printf("finguard %s\n", kVersion);
    ctx.exit_code = kExitOk;
  });
}

}  // namespace fg::app
