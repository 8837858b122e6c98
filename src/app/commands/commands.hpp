// The subcommands of the finguard binary; each lives in its own file and adds itself to the app.
#pragma once

#include <CLI/CLI.hpp>

#include "app/cli_context.hpp"

namespace fg::app {

void add_serve_command(CLI::App& app, CliContext& ctx);
void add_worker_command(CLI::App& app, CliContext& ctx);
void add_ingest_command(CLI::App& app, CliContext& ctx);
void add_audit_command(CLI::App& app, CliContext& ctx);
void add_keys_command(CLI::App& app, CliContext& ctx);
void add_admin_command(CLI::App& app, CliContext& ctx);
//! `admin schedule list|add|remove`, added under `admin` by add_admin_command.
void add_admin_schedule_command(CLI::App& admin, CliContext& ctx);
void add_migrate_command(CLI::App& app, CliContext& ctx);
void add_version_command(CLI::App& app, CliContext& ctx);
void add_settings_command(CLI::App& app, CliContext& ctx);
void add_cloud_command(CLI::App& app, CliContext& ctx);
void add_report_command(CLI::App& app, CliContext& ctx);
void add_backup_command(CLI::App& app, CliContext& ctx);

}  // namespace fg::app
