#include "vault/vault.hpp"

#include <sodium.h>

#include "crypto/aead.hpp"
#include "crypto/public_keyring.hpp"
#include "vault/internal/file_io.hpp"
#include "vault/keyring.hpp"

namespace fg::vault {

Result<Vault> Vault::load(const std::string& keys_dir, const MasterKeySource& master) {
  FG_ASSIGN_OR_RETURN(crypto::SecretBuffer master_key, load_master_key(master));
  return load(keys_dir, master_key);
}

Result<Vault> Vault::load(const std::string& keys_dir, const crypto::SecretBuffer& master_key) {
  FG_ASSIGN_OR_RETURN(crypto::KeyId active, crypto::load_active_key_id(keys_dir));
  FG_ASSIGN_OR_RETURN(std::vector<KeyInfo> infos, list_keys(keys_dir));
  std::map<crypto::KeyId, KeyPair> keys;
  for (const KeyInfo& info : infos) {
    if (!info.has_private_key) continue;
    FG_ASSIGN_OR_RETURN(crypto::PublicKey pub, crypto::load_public_key(keys_dir, info.id));
    FG_ASSIGN_OR_RETURN(crypto::SecretBuffer file,
                        internal::read_secret_file(crypto::private_key_path(keys_dir, info.id), 4096));
    FG_ASSIGN_OR_RETURN(KeyPair kp, KeyPair::unwrap(file.view(), pub, master_key));
    keys.emplace(info.id, std::move(kp));
  }
  if (keys.find(active) == keys.end()) {
    return not_found_error("the active worker private key " + active.to_string() + " is missing from " + keys_dir);
  }
  return Vault(std::move(keys), active);
}

Result<crypto::SecretBuffer> Vault::open_secret(const crypto::SecretContext& context,
                                                std::span<const std::uint8_t> sealed) const {
  FG_ASSIGN_OR_RETURN(crypto::SealedSecretView view, crypto::parse_sealed_secret(sealed));
  auto it = keys_.find(view.key_id);
  if (it == keys_.end())
    return not_found_error("secret is sealed to key " + view.key_id.to_string() + ", which this vault does not hold");
  const KeyPair& kp = it->second;
  crypto::SecretBuffer data_key(crypto::kAeadKeyBytes);
  if (crypto_box_seal_open(data_key.data(), view.wrapped_key.data(), view.wrapped_key.size(),
                           kp.public_key().bytes().data(), kp.secret_key().bytes().data()) != 0) {
    return permission_denied_error("secret does not open (altered data key)");
  }
  return crypto::aead_open(data_key, crypto::sealed_secret_aad(view, context), view.box);
}

Result<crypto::Bytes> Vault::reseal(const crypto::SecretContext& context, std::span<const std::uint8_t> sealed) const {
  FG_ASSIGN_OR_RETURN(crypto::SecretBuffer plain, open_secret(context, sealed));
  FG_ASSIGN_OR_RETURN(crypto::SealedSecretView view, crypto::parse_sealed_secret(sealed));
  if (view.key_id == active_) return crypto::Bytes(sealed.begin(), sealed.end());
  return crypto::seal_secret(active_public_key(), context, plain.bytes());
}

const crypto::PublicKey& Vault::active_public_key() const {
  return keys_.at(active_).public_key();
}

std::vector<crypto::KeyId> Vault::key_ids() const {
  std::vector<crypto::KeyId> out;
  for (const auto& [id, kp] : keys_) out.push_back(id);
  return out;
}

}  // namespace fg::vault
