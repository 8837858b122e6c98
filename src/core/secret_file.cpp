#include "core/secret_file.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

namespace fg {

Status check_private_file(const std::string& path, const std::string& setting) {
  struct stat st {};
  // lstat, not stat: a symlink could point the key at a file someone else controls.
  if (::lstat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) return not_found_error(setting + ": key file does not exist");
    return invalid_argument_error(setting + ": key file cannot be read", setting);
  }
  if (S_ISLNK(st.st_mode)) return invalid_argument_error(setting + ": key file is a symlink; refused", setting);
  if (!S_ISREG(st.st_mode)) return invalid_argument_error(setting + ": key file is not a regular file", setting);
  if (st.st_uid != ::geteuid()) {
    return invalid_argument_error(setting + ": key file is not owned by the running user", setting);
  }
  if ((st.st_mode & 077) != 0) {
    return invalid_argument_error(setting + ": key file permissions are wider than 0600 (chmod 600 it)", setting);
  }
  return ok_status();
}

}  // namespace fg
