#include <cstdio>
#include <fstream>
#include <string>

#include "app/commands/commands.hpp"
#include "app/data_dir.hpp"
#include "store/migrator.hpp"

namespace fg::app {

void add_migrate_command(CLI::App& app, CliContext& ctx) {
  CLI::App* cmd =
      app.add_subcommand("migrate", "apply database migrations (PostgreSQL: as a superuser, via database_admin_url)");
  auto role = std::make_shared<std::string>();
  auto password_file = std::make_shared<std::string>();
  cmd->add_option("--create-app-role", *role,
                  "PostgreSQL: also create or update this login role as a finguard_app member");
  cmd->add_option("--password-file", *password_file, "file holding that role's password")->check(CLI::ExistingFile);
  cmd->callback([&ctx, role, password_file] {
    Result<Config> cfg = ctx.load();
    if (!cfg.ok()) {
      ctx.exit_code = kExitBadConfig;
      return;
    }
    if (Status s = ensure_data_dir(*cfg); !s.ok()) {
      std::fprintf(stderr, "finguard migrate: %s\n", s.message().c_str());
      ctx.exit_code = kExitFailure;
      return;
    }
    Result<store::MigrationReport> report = store::migrate(cfg->effective_migrate_url());
    if (!report.ok()) {
      std::fprintf(stderr, "finguard migrate: %s\n", report.status().to_string().c_str());
      ctx.exit_code = kExitFailure;
      return;
    }
    std::printf("finguard migrate: applied %d, schema version %d\n", report->applied, report->current);
    if (!role->empty()) {
      std::ifstream in(*password_file);
      std::string password;
      std::getline(in, password);
      if (password_file->empty() || password.size() < 16) {
        std::fprintf(stderr, "finguard migrate: --create-app-role needs --password-file with at least 16 characters\n");
        ctx.exit_code = kExitFailure;
        return;
      }
      if (Status s = store::create_app_login_role(cfg->effective_migrate_url(), *role, password); !s.ok()) {
        std::fprintf(stderr, "finguard migrate: %s\n", s.to_string().c_str());
        ctx.exit_code = kExitFailure;
        return;
      }
      std::printf("finguard migrate: login role %s is a member of finguard_app\n", role->c_str());
    }
    ctx.exit_code = kExitOk;
  });
}

}  // namespace fg::app
