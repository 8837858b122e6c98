#include "app/data_dir.hpp"

#include <sys/stat.h>

#include <cerrno>
#include <filesystem>

namespace fg::app {

Status ensure_data_dir(const Config& cfg) {
  std::error_code ec;
  std::filesystem::create_directories(cfg.data_dir, ec);
  if (ec) return invalid_argument_error("data_dir: cannot be created", "data_dir");
  struct stat st {};
  if (::stat(cfg.data_dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
    return invalid_argument_error("data_dir: is not a directory", "data_dir");
  }
  // The data dir holds the SQLite database, cost segments and key files: nobody else may write it.
  if ((st.st_mode & 022) != 0) return invalid_argument_error("data_dir: is writable by group or others", "data_dir");
  if ((st.st_mode & 077) != 0) ::chmod(cfg.data_dir.c_str(), st.st_mode & ~static_cast<mode_t>(077));
  return ok_status();
}

}  // namespace fg::app
