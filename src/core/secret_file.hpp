// Checks that a file holding a secret (a key file) is private to the running user.
#pragma once

#include <string>

#include "core/status.hpp"

namespace fg {

//! OK only for a regular file (not a symlink) owned by the running user with no group or other
//! permission bits (mode & 077 == 0; 0600 or 0400). invalid_argument names `setting` otherwise;
//! not_found when it does not exist. Thread-safe.
Status check_private_file(const std::string& path, const std::string& setting);

}  // namespace fg
