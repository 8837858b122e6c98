// finguard: one binary, many subcommands (serve, worker, ingest, audit, keys, admin, migrate, ...).
#include <cstdio>

#include <CLI/CLI.hpp>

#include "app/cli_context.hpp"
#include "app/commands/commands.hpp"

int main(int argc, char** argv) {
  using namespace fg::app;
  CLI::App app{"finguard: self-hostable, multi-tenant FinOps platform"};
  app.require_subcommand(1);
  // Global options (--config, the settings' flags) work after the subcommand too: `finguard serve
  // --config f.yaml`. Subcommands made after this inherit it; their own options are matched first.
  app.fallthrough();
  CliContext ctx;
  ctx.add_global_options(app);
  add_serve_command(app, ctx);
  add_worker_command(app, ctx);
  add_ingest_command(app, ctx);
  add_audit_command(app, ctx);
  add_keys_command(app, ctx);
  add_admin_command(app, ctx);
  add_migrate_command(app, ctx);
  add_version_command(app, ctx);
  add_settings_command(app, ctx);
  add_cloud_command(app, ctx);
  add_report_command(app, ctx);
  add_backup_command(app, ctx);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  return ctx.exit_code;
}
