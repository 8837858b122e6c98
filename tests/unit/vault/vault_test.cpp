#include "vault/vault.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "crypto/public_keyring.hpp"
#include "support/test_env.hpp"
#include "vault/keyring.hpp"

namespace fg::vault {
namespace {

using crypto::Bytes;
using crypto::SecretContext;

constexpr std::string_view kCanary = "AKIAFGCANARY0000/wJalrXUtnFEMI-canary-secret";

SecretContext context_a() {
  return {OrgId(*Uuid::parse("aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa")),
          *Uuid::parse("cccccccc-cccc-4ccc-8ccc-cccccccccccc"), 1};
}
SecretContext context_b() {
  return {OrgId(*Uuid::parse("bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb")),
          *Uuid::parse("cccccccc-cccc-4ccc-8ccc-cccccccccccc"), 1};
}

struct Fixture {
  std::string dir;
  MasterKeySource master;
};

Fixture make_keyring() {
  Fixture f;
  f.dir = fg::testing::make_temp_dir("fg-vault-") + "/keys";
  f.master = {std::nullopt, f.dir + "/master.key"};
  EXPECT_TRUE(init_keyring(f.dir, f.master).ok());
  return f;
}

// What the API tier does: load only the public key and seal.
Bytes seal_as_api(const std::string& keys_dir, const SecretContext& ctx) {
  Result<crypto::PublicKey> pk = crypto::load_active_public_key(keys_dir);
  EXPECT_TRUE(pk.ok());
  return *crypto::seal_secret(*pk, ctx, crypto::as_bytes(kCanary));
}

TEST(VaultTest, OpensWhatThePublicKeySealed) {
  Fixture f = make_keyring();
  Bytes blob = seal_as_api(f.dir, context_a());
  Result<Vault> v = Vault::load(f.dir, f.master);
  ASSERT_TRUE(v.ok()) << v.status().to_string();
  Result<crypto::SecretBuffer> plain = v->open_secret(context_a(), blob);
  ASSERT_TRUE(plain.ok()) << plain.status().to_string();
  EXPECT_EQ(plain->view(), kCanary);
}

TEST(VaultTest, FlippingAnyBitOfAnyPartFailsToOpen) {
  Fixture f = make_keyring();
  Vault v = *Vault::load(f.dir, f.master);
  Bytes blob = seal_as_api(f.dir, context_a());
  // Every byte: header (version, algorithm, key id), wrapped data key, nonce, ciphertext and tag.
  for (std::size_t i = 0; i < blob.size(); ++i) {
    for (int bit = 0; bit < 8; bit += 3) {
      Bytes bad = blob;
      bad[i] ^= static_cast<std::uint8_t>(1 << bit);
      Result<crypto::SecretBuffer> r = v.open_secret(context_a(), bad);
      EXPECT_FALSE(r.ok()) << "byte " << i << " bit " << bit;
      if (!r.ok()) {
        EXPECT_EQ(r.status().message().find(kCanary), std::string::npos);
      }
    }
  }
  EXPECT_FALSE(v.open_secret(context_a(), std::span<const std::uint8_t>(blob).first(blob.size() - 1)).ok());
}

TEST(VaultTest, SecretSealedForOneOrgDoesNotOpenAsAnother) {
  Fixture f = make_keyring();
  Vault v = *Vault::load(f.dir, f.master);
  Bytes blob = seal_as_api(f.dir, context_a());
  EXPECT_EQ(v.open_secret(context_b(), blob).status().code(), StatusCode::kPermissionDenied);
  SecretContext other_conn = context_a();
  other_conn.connection_id = Uuid::random();
  EXPECT_FALSE(v.open_secret(other_conn, blob).ok());
  SecretContext other_version = context_a();
  other_version.version = 2;
  EXPECT_FALSE(v.open_secret(other_version, blob).ok());
}

TEST(VaultTest, AnotherKeyringCannotOpen) {
  Fixture mine = make_keyring(), theirs = make_keyring();
  Bytes blob = seal_as_api(mine.dir, context_a());
  Vault v = *Vault::load(theirs.dir, theirs.master);
  EXPECT_EQ(v.open_secret(context_a(), blob).status().code(), StatusCode::kNotFound);
}

// Key separation at the boundary the API tier has: a copy of the keys directory holding only what
// the API holds (the public key and the active pointer) cannot produce a vault, with or without a
// master key, so nothing in that process can open the secret it just sealed.
TEST(VaultTest, PublicKeyOnlyDeploymentCannotOpen) {
  Fixture f = make_keyring();
  const crypto::KeyId id = *crypto::load_active_key_id(f.dir);
  const std::string api_dir = fg::testing::make_temp_dir("fg-api-") + "/keys";
  std::filesystem::create_directories(api_dir);
  std::filesystem::copy_file(crypto::public_key_path(f.dir, id), crypto::public_key_path(api_dir, id));
  std::filesystem::copy_file(crypto::active_key_path(f.dir), crypto::active_key_path(api_dir));
  Bytes blob = seal_as_api(api_dir, context_a());  // sealing works with the public half alone
  EXPECT_EQ(Vault::load(api_dir, MasterKeySource{std::nullopt, api_dir + "/master.key"}).status().code(),
            StatusCode::kUnavailable);
  Result<Vault> with_master = Vault::load(api_dir, *load_master_key(f.master));
  EXPECT_EQ(with_master.status().code(), StatusCode::kNotFound);
  // The real worker still opens it.
  EXPECT_EQ(Vault::load(f.dir, f.master)->open_secret(context_a(), blob)->view(), kCanary);
}

// And at link level: the library the API tier links (fg_crypto) never references the libsodium
// function that opens a sealed box, nor any private-key derivation; only fg_vault does.
TEST(VaultTest, CryptoLibraryCannotOpenSealedBoxes) {
  const std::string lib = std::string(FG_BINARY_DIR) + "/src/crypto/libfg_crypto.a";
  const std::string vault_lib = std::string(FG_BINARY_DIR) + "/src/vault/libfg_vault.a";
  auto undefined_symbols = [](const std::string& path) {
    std::string out;
    std::string cmd = "nm -u " + path + " 2>/dev/null";
    FILE* p = ::popen(cmd.c_str(), "r");
    EXPECT_NE(p, nullptr);
    char buf[4096];
    while (p != nullptr && std::fgets(buf, sizeof buf, p) != nullptr) out += buf;
    if (p != nullptr) ::pclose(p);
    return out;
  };
  const std::string crypto_syms = undefined_symbols(lib);
  ASSERT_NE(crypto_syms.find("crypto_box_seal"), std::string::npos) << "nm found nothing in " << lib;
  EXPECT_EQ(crypto_syms.find("crypto_box_seal_open"), std::string::npos);
  EXPECT_EQ(crypto_syms.find("crypto_box_keypair"), std::string::npos);
  EXPECT_EQ(crypto_syms.find("crypto_scalarmult_base"), std::string::npos);
  EXPECT_NE(undefined_symbols(vault_lib).find("crypto_box_seal_open"), std::string::npos);
}

TEST(VaultTest, RotationKeepsOldSecretsOpenAndResealMovesThemToTheNewKey) {
  Fixture f = make_keyring();
  Bytes old_blob = seal_as_api(f.dir, context_a());
  crypto::SecretBuffer master = *load_master_key(f.master);
  crypto::KeyId old_id = *crypto::load_active_key_id(f.dir);
  crypto::KeyId new_id = *rotate_keyring(f.dir, master);
  Vault v = *Vault::load(f.dir, f.master);
  EXPECT_EQ(v.active_public_key().id(), new_id);
  EXPECT_EQ(v.key_ids().size(), 2u);
  EXPECT_EQ(v.open_secret(context_a(), old_blob)->view(), kCanary);
  Result<Bytes> moved = v.reseal(context_a(), old_blob);
  ASSERT_TRUE(moved.ok());
  EXPECT_EQ(crypto::parse_sealed_secret(*moved)->key_id, new_id);
  EXPECT_EQ(v.open_secret(context_a(), *moved)->view(), kCanary);
  EXPECT_EQ(*v.reseal(context_a(), *moved), *moved);  // already on the active key
  EXPECT_FALSE(v.reseal(context_b(), old_blob).ok());
  // Once nothing uses it, the old key can go, and the moved secret still opens.
  auto none = [](const crypto::KeyId&) -> Result<std::uint64_t> { return std::uint64_t{0}; };
  ASSERT_TRUE(retire_key(f.dir, old_id, none).ok());
  Vault after = *Vault::load(f.dir, f.master);
  EXPECT_EQ(after.open_secret(context_a(), *moved)->view(), kCanary);
  EXPECT_EQ(after.open_secret(context_a(), old_blob).status().code(), StatusCode::kNotFound);
}

TEST(VaultTest, LoadFailsClosed) {
  Fixture f = make_keyring();
  // Wrong master key.
  EXPECT_EQ(Vault::load(f.dir, crypto::SecretBuffer::random(32)).status().code(), StatusCode::kPermissionDenied);
  // Master key file readable by the group.
  ASSERT_EQ(::chmod(f.master.file_path.c_str(), 0640), 0);
  EXPECT_EQ(Vault::load(f.dir, f.master).status().code(), StatusCode::kInvalidArgument);
  ASSERT_EQ(::chmod(f.master.file_path.c_str(), 0600), 0);
  // Active private key missing.
  const crypto::KeyId id = *crypto::load_active_key_id(f.dir);
  ASSERT_EQ(::unlink(crypto::private_key_path(f.dir, id).c_str()), 0);
  EXPECT_EQ(Vault::load(f.dir, f.master).status().code(), StatusCode::kNotFound);
  // No keyring at all.
  EXPECT_EQ(Vault::load(fg::testing::make_temp_dir("fg-empty-"), f.master).status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace fg::vault
