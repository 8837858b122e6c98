#include "audit/checkpoint_key.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "core/secret_file.hpp"
#include "crypto/random.hpp"

namespace fg::audit {

std::string checkpoint_key_path(const std::string& data_dir) {
  return data_dir + "/keys/audit-checkpoint.key";
}

Result<std::vector<std::uint8_t>> load_or_create_checkpoint_key(const std::string& data_dir) {
  const std::string dir = data_dir + "/keys";
  const std::string path = checkpoint_key_path(data_dir);
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    std::filesystem::create_directories(dir, ec);
    ::chmod(dir.c_str(), 0700);
    const std::vector<std::uint8_t> key = crypto::random_bytes(32);
    // O_EXCL: two processes making it at once cannot both write; the loser reads the winner's key.
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd >= 0) {
      const bool written = ::write(fd, key.data(), key.size()) == static_cast<ssize_t>(key.size()) && ::fsync(fd) == 0;
      ::close(fd);
      if (!written) return internal_error("cannot write the audit checkpoint key");
    } else if (errno != EEXIST) {
      return internal_error("cannot create the audit checkpoint key");
    }
  }
  FG_TRY(check_private_file(path, "audit checkpoint key"));
  std::ifstream in(path, std::ios::binary);
  std::vector<std::uint8_t> key((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (key.size() != 32) return invalid_argument_error("audit checkpoint key: must be 32 bytes");
  return key;
}

}  // namespace fg::audit
