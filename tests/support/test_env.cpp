#include "support/test_env.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <vector>

namespace fg::testing {
namespace {

std::vector<std::string>& temp_dirs() {
  static std::vector<std::string> dirs;
  return dirs;
}

void remove_temp_dirs() {
  if (std::getenv("FG_TEST_KEEP_TEMP") != nullptr) return;
  for (const auto& d : temp_dirs()) {
    std::error_code ec;
    std::filesystem::remove_all(d, ec);
  }
}

}  // namespace

std::optional<std::string> pg_admin_url() {
  const char* v = std::getenv("FG_TEST_PG_URL");
  if (v == nullptr || *v == '\0') return std::nullopt;
  return std::string(v);
}

bool pg_required() {
  const char* v = std::getenv("FG_TEST_REQUIRE_PG");
  return v != nullptr && std::string(v) == "1";
}

std::optional<std::string> shared_data_dir() {
  if (const char* v = std::getenv("FG_SHARED_DATA")) return std::string(v);
  const std::filesystem::path p = std::filesystem::path(FG_SOURCE_DIR) / ".." / "shared" / "data";
  if (std::filesystem::is_directory(p)) return std::filesystem::canonical(p).string();
  return std::nullopt;
}

std::string finguard_binary() {
  if (const char* v = std::getenv("FG_BINARY")) return v;
  return std::string(FG_BINARY_DIR) + "/finguard";
}

std::string make_temp_dir(const std::string& prefix) {
  static std::once_flag once;
  // Build the list before registering the handler, so the list is destroyed after the handler runs.
  std::call_once(once, [] {
    temp_dirs();
    std::atexit(remove_temp_dirs);
  });
  std::string tmpl = (std::filesystem::temp_directory_path() / (prefix + "XXXXXX")).string();
  char* made = ::mkdtemp(tmpl.data());
  if (made == nullptr) std::abort();
  temp_dirs().push_back(made);
  return made;
}

std::uint16_t free_loopback_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

}  // namespace fg::testing
