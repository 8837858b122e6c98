#include "ingest/source/raw_input.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include <fmt/format.h>

namespace fg::ingest {
namespace {

class FileInput final : public RawInput {
 public:
  FileInput(int fd, bool owned, std::string path, std::uint64_t size)
      : fd_(fd), owned_(owned), path_(std::move(path)), size_(size) {}
  ~FileInput() override {
    if (owned_ && fd_ >= 0) ::close(fd_);
  }
  FileInput(const FileInput&) = delete;
  FileInput& operator=(const FileInput&) = delete;

  Result<std::size_t> read(char* out, std::size_t n) override {
    for (;;) {
      const ssize_t r = ::read(fd_, out, n);
      if (r >= 0) return static_cast<std::size_t>(r);
      if (errno != EINTR) return invalid_argument_error(fmt::format("read failed: {}", std::strerror(errno)));
    }
  }
  std::string name() const override {
    return owned_ ? std::filesystem::path(path_).filename().string() : std::string("-");
  }
  std::string label() const override { return owned_ ? path_ : std::string("stdin"); }
  std::uint64_t size() const override { return size_; }
  void set_size(std::uint64_t size) { size_ = size; }

 private:
  int fd_;
  bool owned_;
  std::string path_;
  std::uint64_t size_;
};

class MemoryInput final : public RawInput {
 public:
  MemoryInput(std::string name, std::string bytes) : name_(std::move(name)), bytes_(std::move(bytes)) {}
  Result<std::size_t> read(char* out, std::size_t n) override {
    const std::size_t k = std::min(n, bytes_.size() - pos_);
    std::memcpy(out, bytes_.data() + pos_, k);
    pos_ += k;
    return k;
  }
  std::string name() const override { return name_; }
  std::string label() const override { return name_; }
  std::uint64_t size() const override { return bytes_.size(); }

 private:
  std::string name_;
  std::string bytes_;
  std::size_t pos_ = 0;
};

}  // namespace

Result<std::unique_ptr<RawInput>> open_file_input(const std::string& path) {
  const bool is_stdin = path == "-";
  const int fd = is_stdin ? 0 : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return not_found_error("input file not found");
    return invalid_argument_error(fmt::format("cannot open input: {}", std::strerror(errno)));
  }
  // Owns fd (not stdin's) from here on, closing it on the errors below.
  auto input = std::make_unique<FileInput>(fd, !is_stdin, path, 0);
  struct stat st {};
  if (::fstat(fd, &st) == 0) {
    if (S_ISDIR(st.st_mode)) return invalid_argument_error("input is a directory");
    if (S_ISREG(st.st_mode)) input->set_size(static_cast<std::uint64_t>(st.st_size));
  }
  return std::unique_ptr<RawInput>(std::move(input));
}

std::unique_ptr<RawInput> memory_input(std::string name, std::string bytes) {
  return std::make_unique<MemoryInput>(std::move(name), std::move(bytes));
}

}  // namespace fg::ingest
