#include "app/database_setup.hpp"

#include "app/data_dir.hpp"
#include "store/migrator.hpp"

namespace fg::app {

Result<std::unique_ptr<store::Database>> open_database(const Config& cfg) {
  FG_TRY(ensure_data_dir(cfg));
  const std::string url = cfg.effective_database_url();
  const bool postgres = url.rfind("postgres", 0) == 0;
  if (!postgres) {
    Result<store::MigrationReport> m = store::migrate(url);
    if (!m.ok()) return m.status().with_context("migrate");
  } else {
    Result<bool> current = store::migrations_current(url);
    if (!current.ok()) return current.status();
    if (!*current)
      return unavailable_error("the PostgreSQL schema is not current: run `finguard migrate` as the owner");
  }
  return store::Database::open(
      {.url = url, .pool_size = cfg.db_pool_size, .refuse_privileged_role = cfg.mode == RunMode::kProduction});
}

}  // namespace fg::app
