#include "vault/internal/file_io.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace fg::vault::internal {
namespace {

std::string parent_of(const std::string& path) {
  const auto slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

Status ensure_dir(const std::string& dir) {
  struct stat st {};
  if (::stat(dir.c_str(), &st) == 0) {
    if (!S_ISDIR(st.st_mode)) return invalid_argument_error(dir + " is not a directory");
    return ok_status();
  }
  FG_TRY(ensure_dir(parent_of(dir)));
  if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) return internal_error("cannot create " + dir);
  return ok_status();
}

Status write_all_and_sync(int fd, std::string_view content, const std::string& path) {
  std::size_t off = 0;
  while (off < content.size()) {
    ssize_t n = ::write(fd, content.data() + off, content.size() - off);
    if (n < 0) {
      if (errno == EINTR) continue;
      return internal_error("cannot write " + path);
    }
    off += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) return internal_error("cannot sync " + path);
  return ok_status();
}

void sync_dir(const std::string& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

}  // namespace

Status write_new_file(const std::string& path, std::string_view content, mode_t mode) {
  FG_TRY(ensure_dir(parent_of(path)));
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
  if (fd < 0) {
    if (errno == EEXIST) return conflict_error(path + " already exists; refusing to overwrite a key");
    return internal_error("cannot create " + path);
  }
  // The umask may have narrowed the mode; fchmod makes public files readable as intended.
  ::fchmod(fd, mode);
  Status st = write_all_and_sync(fd, content, path);
  ::close(fd);
  if (!st.ok()) {
    ::unlink(path.c_str());
    return st;
  }
  sync_dir(parent_of(path));
  return ok_status();
}

Status replace_file_atomically(const std::string& path, std::string_view content, mode_t mode) {
  const std::string tmp = path + ".tmp";
  ::unlink(tmp.c_str());
  FG_TRY(write_new_file(tmp, content, mode));
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    ::unlink(tmp.c_str());
    return internal_error("cannot replace " + path);
  }
  sync_dir(parent_of(path));
  return ok_status();
}

Result<crypto::SecretBuffer> read_secret_file(const std::string& path, std::size_t max_bytes) {
  int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return errno == ENOENT ? not_found_error(path + " not found") : internal_error("cannot open " + path);
  struct stat st {};
  if (::fstat(fd, &st) != 0 || static_cast<std::size_t>(st.st_size) > max_bytes) {
    ::close(fd);
    return invalid_argument_error(path + " is too large to be a key file");
  }
  crypto::SecretBuffer buf(static_cast<std::size_t>(st.st_size));
  std::size_t off = 0;
  while (off < buf.size()) {
    ssize_t n = ::read(fd, buf.data() + off, buf.size() - off);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    off += static_cast<std::size_t>(n);
  }
  ::close(fd);
  if (off != buf.size()) return internal_error("short read of " + path);
  return buf;
}

}  // namespace fg::vault::internal
