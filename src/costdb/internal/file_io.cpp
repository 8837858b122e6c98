#include "costdb/internal/file_io.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "core/uuid.hpp"

namespace fg::costdb::internal {
namespace {

Status errno_status(std::string_view what) {
  const int e = errno;
  if (e == ENOENT) return not_found_error(fmt::format("costdb: {}: no such file", what));
  if (e == ENOSPC || e == EDQUOT) return resource_exhausted_error(fmt::format("costdb: {}: disk full", what));
  return internal_error(fmt::format("costdb: {}: {}", what, std::strerror(e)));
}

}  // namespace

File& File::operator=(File&& o) noexcept {
  if (this != &o) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = o.release();
  }
  return *this;
}

File::~File() {
  if (fd_ >= 0) ::close(fd_);
}

Result<File> File::open_read(const std::filesystem::path& p) {
  const int fd = ::open(p.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return errno_status("open");
  return File(fd);
}

Result<File> File::create(const std::filesystem::path& p) {
  const int fd = ::open(p.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return errno_status("create");
  return File(fd);
}

Status File::write_all(std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd_, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno_status("write");
    }
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return ok_status();
}

Status File::pread_exact(std::uint64_t offset, std::size_t n, char* out) const {
  std::size_t done = 0;
  while (done < n) {
    const ssize_t r = ::pread(fd_, out + done, n - done, static_cast<off_t>(offset + done));
    if (r < 0) {
      if (errno == EINTR) continue;
      return errno_status("read");
    }
    if (r == 0) return internal_error("costdb: segment truncated");
    done += static_cast<std::size_t>(r);
  }
  return ok_status();
}

Result<std::uint64_t> File::size() const {
  struct stat st {};
  if (::fstat(fd_, &st) != 0) return errno_status("stat");
  return static_cast<std::uint64_t>(st.st_size);
}

Status File::sync() {
  if (::fsync(fd_) != 0) return errno_status("fsync");
  return ok_status();
}

Status sync_dir(const std::filesystem::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return errno_status("open dir");
  File f(fd);
  return f.sync();
}

Status make_dirs(const std::filesystem::path& dir) {
  if (dir.empty() || std::filesystem::is_directory(dir)) return ok_status();
  FG_TRY(make_dirs(dir.parent_path()));
  if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) return errno_status("mkdir");
  // The new entry lives in the parent; sync it so the directory survives a crash.
  return sync_dir(dir.parent_path().empty() ? std::filesystem::path(".") : dir.parent_path());
}

Status atomic_replace(const std::filesystem::path& target, std::string_view content) {
  const std::filesystem::path tmp = target.string() + ".tmp-" + Uuid::random().to_string();
  {
    FG_ASSIGN_OR_RETURN(File f, File::create(tmp));
    Status s = f.write_all(content);
    if (s.ok()) s = f.sync();
    if (!s.ok()) {
      std::error_code ec;
      std::filesystem::remove(tmp, ec);
      return s;
    }
  }
  if (::rename(tmp.c_str(), target.c_str()) != 0) {
    Status s = errno_status("rename");
    std::error_code ec;
    std::filesystem::remove(tmp, ec);
    return s;
  }
  return sync_dir(target.parent_path());
}

Result<std::string> read_whole(const std::filesystem::path& p) {
  FG_ASSIGN_OR_RETURN(File f, File::open_read(p));
  FG_ASSIGN_OR_RETURN(std::uint64_t n, f.size());
  std::string out(n, '\0');
  FG_TRY(f.pread_exact(0, n, out.data()));
  return out;
}

Result<FileLock> FileLock::acquire(const std::filesystem::path& p) {
  const int fd = ::open(p.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return errno_status("open lock");
  File f(fd);
  while (::flock(fd, LOCK_EX) != 0) {
    if (errno != EINTR) return errno_status("flock");
  }
  return FileLock(std::move(f));
}

Result<FileLock> FileLock::try_acquire(const std::filesystem::path& p) {
  const int fd = ::open(p.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return errno_status("open lock");
  File f(fd);
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    if (errno == EWOULDBLOCK) return conflict_error("costdb: lock is held");
    return errno_status("flock");
  }
  return FileLock(std::move(f));
}

}  // namespace fg::costdb::internal
