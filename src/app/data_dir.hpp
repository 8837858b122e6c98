// The data directory: created on first use with owner-only permissions.
#pragma once

#include "core/config.hpp"

namespace fg::app {

//! Creates cfg.data_dir (mode 0700) if missing; refuses one that others can read or write.
Status ensure_data_dir(const Config& cfg);

}  // namespace fg::app
