#include "identity/totp_key.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>

#include "core/secret_file.hpp"
#include "crypto/aead.hpp"
#include "crypto/hkdf.hpp"

namespace fg::identity {
namespace {

constexpr std::string_view kInfo = "finguard totp v1";
constexpr std::string_view kAadPrefix = "finguard totp secret:";

Status create_key_file(const std::string& path) {
  std::error_code ec;
  const std::filesystem::path dir = std::filesystem::path(path).parent_path();
  if (!dir.empty() && !std::filesystem::exists(dir, ec)) {
    std::filesystem::create_directories(dir, ec);
    if (ec) return unavailable_error("identity key: cannot create its directory");
    ::chmod(dir.c_str(), 0700);
  }
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) return unavailable_error("identity key: cannot create the key file");
  crypto::SecretBuffer bytes = crypto::SecretBuffer::random(kIdentityKeyFileBytes);
  const ssize_t n = ::write(fd, bytes.data(), bytes.size());
  const bool ok = n == static_cast<ssize_t>(bytes.size()) && ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) return unavailable_error("identity key: cannot write the key file");
  return ok_status();
}

}  // namespace

std::string default_identity_key_path(const std::string& data_dir) {
  return data_dir + "/keys/identity.key";
}

Result<TotpKey> TotpKey::derive(std::span<const std::uint8_t> ikm) {
  FG_ASSIGN_OR_RETURN(crypto::SecretBuffer key,
                      crypto::hkdf_sha256(ikm, {}, crypto::as_bytes(kInfo), crypto::kAeadKeyBytes));
  return TotpKey(std::move(key));
}

Result<TotpKey> TotpKey::load_or_create(const std::string& path) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) {
    if (errno != ENOENT) return unavailable_error("identity key: cannot read the key file");
    FG_TRY(create_key_file(path));
  }
  FG_TRY(check_private_file(path, "identity_key_file"));
  const int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return unavailable_error("identity key: cannot open the key file");
  crypto::SecretBuffer bytes(kIdentityKeyFileBytes + 1);
  const ssize_t n = ::read(fd, bytes.data(), bytes.size());
  ::close(fd);
  if (n != static_cast<ssize_t>(kIdentityKeyFileBytes)) {
    return invalid_argument_error("identity key: the key file must hold exactly 32 bytes", "identity_key_file");
  }
  return derive(bytes.bytes().first(kIdentityKeyFileBytes));
}

TotpKey TotpKey::random_for_test() {
  crypto::SecretBuffer bytes = crypto::SecretBuffer::random(kIdentityKeyFileBytes);
  Result<TotpKey> k = derive(bytes.bytes());
  return std::move(k).value();
}

crypto::Bytes TotpKey::seal(const std::string& user_id, std::span<const std::uint8_t> secret) const {
  const std::string aad = std::string(kAadPrefix) + user_id;
  return crypto::aead_seal(key_, crypto::as_bytes(aad), secret);
}

Result<crypto::SecretBuffer> TotpKey::open(const std::string& user_id, std::span<const std::uint8_t> sealed) const {
  const std::string aad = std::string(kAadPrefix) + user_id;
  return crypto::aead_open(key_, crypto::as_bytes(aad), sealed);
}

}  // namespace fg::identity
