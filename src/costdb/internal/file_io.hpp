// Durable file operations for the cost store: whole writes, fsync of files and directories, the
// write-temp/fsync/rename/fsync-dir replacement of small files, and advisory locks (flock), which the
// kernel releases when a process dies — so a killed ingest never leaves a lock behind.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace fg::costdb::internal {

//! An open file descriptor, closed on destruction. Move-only.
class File {
 public:
  File() = default;
  explicit File(int fd) : fd_(fd) {}
  File(File&& o) noexcept : fd_(o.release()) {}
  File& operator=(File&& o) noexcept;
  File(const File&) = delete;
  File& operator=(const File&) = delete;
  ~File();

  //! Opens for reading. not_found when absent, internal on other errors.
  static Result<File> open_read(const std::filesystem::path& p);
  //! Creates the file (O_EXCL: it must not exist) for writing, mode 0600.
  static Result<File> create(const std::filesystem::path& p);

  int fd() const { return fd_; }
  int release() {
    const int f = fd_;
    fd_ = -1;
    return f;
  }
  //! Writes all of `data` at the current offset.
  Status write_all(std::string_view data);
  //! Reads exactly `n` bytes at `offset` into `out`.
  Status pread_exact(std::uint64_t offset, std::size_t n, char* out) const;
  Result<std::uint64_t> size() const;
  Status sync();

 private:
  int fd_ = -1;
};

//! fsync of a directory, so a rename or create inside it is durable.
Status sync_dir(const std::filesystem::path& dir);
//! Creates `dir` and parents (0700), syncing each parent it created.
Status make_dirs(const std::filesystem::path& dir);
//! Replaces `target` atomically with `content`: temp file, fsync, rename, fsync directory.
Status atomic_replace(const std::filesystem::path& target, std::string_view content);
//! The whole file, or not_found.
Result<std::string> read_whole(const std::filesystem::path& p);

//! An exclusive flock on a lock file, released on destruction or process death.
class FileLock {
 public:
  //! Blocks until the lock is held. Creates the file.
  static Result<FileLock> acquire(const std::filesystem::path& p);
  //! Returns conflict if another process (or File) holds it.
  static Result<FileLock> try_acquire(const std::filesystem::path& p);

 private:
  explicit FileLock(File f) : file_(std::move(f)) {}
  File file_;
};

}  // namespace fg::costdb::internal
