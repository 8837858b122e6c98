#include "ingest/parquet/random_access_source.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>

namespace fg::ingest::parquet {
namespace {

Status check_range(std::uint64_t offset, std::size_t n, std::uint64_t size) {
  if (offset > size || n > size - offset) {
    return invalid_argument_error("read past the end of the object (truncated file?)");
  }
  return ok_status();
}

class FileSource final : public RandomAccessSource {
 public:
  FileSource(int fd, std::uint64_t size) : fd_(fd), size_(size) {}
  ~FileSource() override { ::close(fd_); }
  FileSource(const FileSource&) = delete;
  FileSource& operator=(const FileSource&) = delete;

  std::uint64_t size() const override { return size_; }
  std::uint64_t bytes_read() const override { return read_.load(std::memory_order_relaxed); }

  Status read_at(std::uint64_t offset, std::size_t n, char* out) const override {
    FG_TRY(check_range(offset, n, size_));
    std::size_t done = 0;
    while (done < n) {
      const ssize_t got = ::pread(fd_, out + done, n - done, static_cast<off_t>(offset + done));
      if (got < 0) {
        if (errno == EINTR) continue;
        return unavailable_error(std::string("read failed: ") + std::strerror(errno));
      }
      // The size was taken at open; a file shrunk underneath us reads short.
      if (got == 0) return invalid_argument_error("the file shrank while it was read");
      done += static_cast<std::size_t>(got);
    }
    read_.fetch_add(n, std::memory_order_relaxed);
    return ok_status();
  }

 private:
  int fd_;
  std::uint64_t size_;
  mutable std::atomic<std::uint64_t> read_{0};
};

class MemorySource final : public RandomAccessSource {
 public:
  explicit MemorySource(std::string bytes) : bytes_(std::move(bytes)) {}
  std::uint64_t size() const override { return bytes_.size(); }
  std::uint64_t bytes_read() const override { return read_.load(std::memory_order_relaxed); }
  Status read_at(std::uint64_t offset, std::size_t n, char* out) const override {
    FG_TRY(check_range(offset, n, bytes_.size()));
    if (n > 0) std::memcpy(out, bytes_.data() + offset, n);
    read_.fetch_add(n, std::memory_order_relaxed);
    return ok_status();
  }

 private:
  std::string bytes_;
  mutable std::atomic<std::uint64_t> read_{0};
};

}  // namespace

Result<std::unique_ptr<RandomAccessSource>> open_file_source(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return not_found_error("file not found");
    return invalid_argument_error(std::string("cannot open the file: ") + std::strerror(errno));
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return invalid_argument_error("not a regular file");
  }
  return std::unique_ptr<RandomAccessSource>(std::make_unique<FileSource>(fd, static_cast<std::uint64_t>(st.st_size)));
}

std::unique_ptr<RandomAccessSource> memory_source(std::string bytes) {
  return std::make_unique<MemorySource>(std::move(bytes));
}

}  // namespace fg::ingest::parquet
