#include "crypto/public_keyring.hpp"

#include <sys/stat.h>

#include <fstream>
#include <sstream>

namespace fg::crypto {
namespace {

// A small text file, trimmed of surrounding whitespace. not_found when absent.
Result<std::string> read_small_file(const std::string& path, const char* what) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0)
    return not_found_error(std::string(what) + " not found (run `finguard keys init`)");
  if (!S_ISREG(st.st_mode)) return invalid_argument_error(std::string(what) + " is not a regular file");
  // A file others may write lets them choose which key the API seals to.
  if ((st.st_mode & 022) != 0)
    return invalid_argument_error(std::string(what) + " is writable by group or others; refused");
  if (st.st_size > 4096) return invalid_argument_error(std::string(what) + " is too large");
  std::ifstream in(path);
  if (!in) return invalid_argument_error(std::string(what) + " cannot be read");
  std::stringstream ss;
  ss << in.rdbuf();
  std::string s = ss.str();
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return invalid_argument_error(std::string(what) + " is empty");
  const auto last = s.find_last_not_of(" \t\r\n");
  return s.substr(first, last - first + 1);
}

}  // namespace

std::string keys_dir_for(const std::string& data_dir) {
  return data_dir + "/keys";
}
std::string active_key_path(const std::string& keys_dir) {
  return keys_dir + "/active";
}
std::string public_key_path(const std::string& keys_dir, const KeyId& id) {
  return keys_dir + "/worker-" + id.to_string() + ".pub";
}
std::string private_key_path(const std::string& keys_dir, const KeyId& id) {
  return keys_dir + "/worker-" + id.to_string() + ".key";
}

Result<PublicKey> load_public_key(const std::string& keys_dir, const KeyId& id) {
  FG_ASSIGN_OR_RETURN(std::string text, read_small_file(public_key_path(keys_dir, id), "worker public key"));
  FG_ASSIGN_OR_RETURN(PublicKey key, PublicKey::parse(text));
  if (key.id() != id) return invalid_argument_error("worker public key file does not match its key id");
  return key;
}

Result<KeyId> load_active_key_id(const std::string& keys_dir) {
  FG_ASSIGN_OR_RETURN(std::string text, read_small_file(active_key_path(keys_dir), "active key pointer"));
  return KeyId::parse(text);
}

Result<PublicKey> load_active_public_key(const std::string& keys_dir) {
  FG_ASSIGN_OR_RETURN(KeyId id, load_active_key_id(keys_dir));
  return load_public_key(keys_dir, id);
}

}  // namespace fg::crypto
