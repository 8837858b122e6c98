#include "vault/keyring.hpp"

#include <unistd.h>

#include <memory>

#include <dirent.h>

#include "core/log.hpp"
#include "core/secret_file.hpp"
#include "crypto/public_keyring.hpp"
#include "vault/internal/file_io.hpp"
#include "vault/key_pair.hpp"

namespace fg::vault {
namespace {

// Writes a new keypair's two files. The private file first: a .pub without its .key would let the
// API seal secrets nobody can open.
Status write_key_pair(const std::string& keys_dir, const KeyPair& kp, const crypto::SecretBuffer& master) {
  std::string wrapped = kp.wrap(master);
  FG_TRY(internal::write_new_file(crypto::private_key_path(keys_dir, kp.id()), wrapped, 0600));
  return internal::write_new_file(crypto::public_key_path(keys_dir, kp.id()), kp.public_key().to_string() + "\n", 0644);
}

Status activate(const std::string& keys_dir, const crypto::KeyId& id) {
  return internal::replace_file_atomically(crypto::active_key_path(keys_dir), id.to_string() + "\n", 0644);
}

}  // namespace

Result<crypto::KeyId> init_keyring(const std::string& keys_dir, const MasterKeySource& master) {
  if (::access(crypto::active_key_path(keys_dir).c_str(), F_OK) == 0) {
    return conflict_error("a keyring already exists in " + keys_dir + "; use `finguard keys rotate`");
  }
  if (!master.env_value) {
    Status st = check_private_file(master.file_path, "FINGUARD_MASTER_KEY_FILE");
    if (st.code() == StatusCode::kNotFound) {
      FG_TRY(create_master_key_file(master.file_path));
    }
  }
  FG_ASSIGN_OR_RETURN(crypto::SecretBuffer master_key, load_master_key(master));
  KeyPair kp = KeyPair::generate();
  FG_TRY(write_key_pair(keys_dir, kp, master_key));
  FG_TRY(activate(keys_dir, kp.id()));
  log::info("keys: keyring initialised", {{"key_id", kp.id().to_string()}});
  return kp.id();
}

Result<crypto::KeyId> rotate_keyring(const std::string& keys_dir, const crypto::SecretBuffer& master_key) {
  FG_ASSIGN_OR_RETURN(crypto::PublicKey current, crypto::load_active_public_key(keys_dir));
  FG_ASSIGN_OR_RETURN(crypto::SecretBuffer file,
                      internal::read_secret_file(crypto::private_key_path(keys_dir, current.id()), 4096));
  FG_TRY(KeyPair::unwrap(file.view(), current, master_key));
  KeyPair next = KeyPair::generate();
  FG_TRY(write_key_pair(keys_dir, next, master_key));
  FG_TRY(activate(keys_dir, next.id()));
  log::info("keys: rotated", {{"previous_key_id", current.id().to_string()}, {"key_id", next.id().to_string()}});
  return next.id();
}

Result<std::vector<KeyInfo>> list_keys(const std::string& keys_dir) {
  struct DirCloser {
    void operator()(DIR* d) const { ::closedir(d); }
  };
  std::unique_ptr<DIR, DirCloser> dir(::opendir(keys_dir.c_str()));
  if (!dir) return not_found_error("no keyring in " + keys_dir + " (run `finguard keys init`)");
  Result<crypto::KeyId> active = crypto::load_active_key_id(keys_dir);
  std::vector<KeyInfo> out;
  while (dirent* e = ::readdir(dir.get())) {
    std::string name = e->d_name;
    const std::string prefix = "worker-", suffix = ".pub";
    if (name.size() != prefix.size() + 16 + suffix.size() || name.rfind(prefix, 0) != 0 ||
        name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0) {
      continue;
    }
    Result<crypto::KeyId> id = crypto::KeyId::parse(name.substr(prefix.size(), 16));
    if (!id.ok()) continue;
    KeyInfo info{*id, active.ok() && *active == *id,
                 ::access(crypto::private_key_path(keys_dir, *id).c_str(), F_OK) == 0};
    out.push_back(info);
  }
  return out;
}

Status retire_key(const std::string& keys_dir, const crypto::KeyId& id, const KeyUsageCounter& usage) {
  FG_ASSIGN_OR_RETURN(crypto::KeyId active, crypto::load_active_key_id(keys_dir));
  if (active == id) return conflict_error("key " + id.to_string() + " is the active key; rotate first");
  const std::string priv = crypto::private_key_path(keys_dir, id);
  if (::access(priv.c_str(), F_OK) != 0) return not_found_error("no private key " + id.to_string() + " in the keyring");
  FG_ASSIGN_OR_RETURN(std::uint64_t in_use, usage(id));
  if (in_use > 0) {
    return conflict_error("key " + id.to_string() + " still protects " + std::to_string(in_use) +
                          " secret(s); run the re-wrap job first");
  }
  if (::unlink(priv.c_str()) != 0) return internal_error("cannot delete " + priv);
  log::info("keys: retired", {{"key_id", id.to_string()}});
  return ok_status();
}

}  // namespace fg::vault
