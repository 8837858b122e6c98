// Opening the metadata store for a command: the embedded SQLite default migrates itself at start-up
// (under the migration lock); PostgreSQL must already be migrated by `finguard migrate` as the owner,
// and the application refuses to run as a role that could bypass row-level security in production.
#pragma once

#include <memory>

#include "core/config.hpp"
#include "store/database.hpp"

namespace fg::app {

Result<std::unique_ptr<store::Database>> open_database(const Config& cfg);

}  // namespace fg::app
