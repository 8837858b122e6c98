#include "vault/master_key.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <set>

#include "core/secret_file.hpp"
#include "crypto/encoding.hpp"
#include "vault/internal/file_io.hpp"

namespace fg::vault {
namespace {

Result<crypto::SecretBuffer> decode_key(std::string_view text, const std::string& setting) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) text.remove_suffix(1);
  Result<crypto::Bytes> raw = crypto::base64_decode(text);
  if (!raw.ok() || raw->size() != kMasterKeyBytes) {
    if (raw.ok()) internal::sodium_wipe(*raw);
    return invalid_argument_error(setting + ": master key must be base64 of 32 random bytes", setting);
  }
  crypto::SecretBuffer key = crypto::SecretBuffer::copy_of(*raw);
  internal::sodium_wipe(*raw);
  if (is_weak_master_key(key.bytes())) {
    return invalid_argument_error(
        setting + ": master key is a known or default key; generate one with `finguard keys init`", setting);
  }
  return key;
}

}  // namespace

MasterKeySource master_key_source(const Config& config) {
  MasterKeySource src;
  if (const char* v = std::getenv("FINGUARD_MASTER_KEY"); v != nullptr && *v != '\0') src.env_value = std::string(v);
  src.file_path = config.effective_master_key_file();
  return src;
}

bool is_weak_master_key(std::span<const std::uint8_t> key) {
  if (key.size() != kMasterKeyBytes) return true;
  bool ascending = true, descending = true, printable = true;
  std::set<std::uint8_t> distinct;
  for (std::size_t i = 0; i < key.size(); ++i) {
    distinct.insert(key[i]);
    if (i > 0 && key[i] != static_cast<std::uint8_t>(key[i - 1] + 1)) ascending = false;
    if (i > 0 && key[i] != static_cast<std::uint8_t>(key[i - 1] - 1)) descending = false;
    if (key[i] < 0x20 || key[i] > 0x7e) printable = false;
  }
  // 32 uniform random bytes have fewer than 16 distinct values with probability < 1e-12, and are all
  // printable with probability (95/256)^32 ~ 2e-14: hitting either means the key is not random.
  return ascending || descending || printable || distinct.size() < 16;
}

Result<crypto::SecretBuffer> load_master_key(const MasterKeySource& source) {
  if (source.env_value) return decode_key(*source.env_value, "FINGUARD_MASTER_KEY");
  const std::string setting = "FINGUARD_MASTER_KEY_FILE";
  Status st = check_private_file(source.file_path, setting);
  if (st.code() == StatusCode::kNotFound) {
    return unavailable_error("no master key: set FINGUARD_MASTER_KEY or create " + source.file_path +
                             " with `finguard keys init`");
  }
  FG_TRY(st);
  FG_ASSIGN_OR_RETURN(crypto::SecretBuffer text, internal::read_secret_file(source.file_path, 4096));
  return decode_key(text.view(), setting);
}

Status create_master_key_file(const std::string& path) {
  crypto::SecretBuffer key = crypto::SecretBuffer::random(kMasterKeyBytes);
  while (is_weak_master_key(key.bytes())) key = crypto::SecretBuffer::random(kMasterKeyBytes);
  std::string text = crypto::base64_encode(key.bytes()) + "\n";
  Status st = internal::write_new_file(path, text, 0600);
  internal::sodium_wipe(text);
  return st;
}

}  // namespace fg::vault
