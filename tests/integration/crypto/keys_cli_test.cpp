// `finguard keys` as an operator runs it: the built binary in a subprocess, on a fresh data dir.
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "crypto/public_keyring.hpp"
#include "crypto/sealed_secret.hpp"
#include "support/subprocess.hpp"
#include "support/test_env.hpp"
#include "vault/vault.hpp"

namespace fg {
namespace {

using testing::ProcessResult;
using testing::run_process;

std::string slurp(const std::string& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

mode_t mode_of(const std::string& p) {
  struct stat st {};
  EXPECT_EQ(::stat(p.c_str(), &st), 0) << p;
  return st.st_mode & 0777;
}

class KeysCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    data_ = testing::make_temp_dir("fg-keys-cli-") + "/var";
    keys_ = crypto::keys_dir_for(data_);
  }
  ProcessResult keys(const std::vector<std::string>& args, const std::map<std::string, std::string>& env = {}) {
    std::vector<std::string> argv = {testing::finguard_binary(), "keys"};
    argv.insert(argv.end(), args.begin(), args.end());
    argv.push_back("--data-dir");
    argv.push_back(data_);
    return run_process(argv, env);
  }
  std::string data_, keys_;
};

TEST_F(KeysCliTest, InitCreatesPrivateFilesAndRefusesToRunTwice) {
  ProcessResult r = keys({"init"});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const std::string master = keys_ + "/master.key";
  EXPECT_EQ(mode_of(master), 0600u);
  EXPECT_EQ(mode_of(keys_) & 077, 0u);
  Result<crypto::KeyId> id = crypto::load_active_key_id(keys_);
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(mode_of(crypto::private_key_path(keys_, *id)), 0600u);
  // The master key never appears in the output.
  const std::string key_text = slurp(master);
  EXPECT_EQ(r.output.find(key_text.substr(0, 20)), std::string::npos);

  ProcessResult again = keys({"init"});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.output.find("already exists"), std::string::npos);
  EXPECT_EQ(slurp(master), key_text);
  EXPECT_EQ(*crypto::load_active_key_id(keys_), *id);
}

TEST_F(KeysCliTest, RotateAddsAnActiveKeyAndOldSecretsStillOpen) {
  ASSERT_EQ(keys({"init"}).exit_code, 0);
  crypto::SecretContext ctx{OrgId::random(), Uuid::random(), 1};
  // Sealed the way the API tier does it: public key only.
  crypto::Bytes blob =
      *crypto::seal_secret(*crypto::load_active_public_key(keys_), ctx, crypto::as_bytes("canary-secret"));
  const crypto::KeyId before = *crypto::load_active_key_id(keys_);
  ProcessResult r = keys({"rotate"});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const crypto::KeyId after = *crypto::load_active_key_id(keys_);
  EXPECT_NE(after, before);
  ProcessResult list = keys({"list"});
  ASSERT_EQ(list.exit_code, 0);
  EXPECT_NE(list.output.find(after.to_string() + "  active"), std::string::npos) << list.output;
  EXPECT_NE(list.output.find(before.to_string()), std::string::npos);
  Result<vault::Vault> v = vault::Vault::load(keys_, vault::MasterKeySource{std::nullopt, keys_ + "/master.key"});
  ASSERT_TRUE(v.ok()) << v.status().to_string();
  EXPECT_EQ(v->open_secret(ctx, blob)->view(), "canary-secret");
}

TEST_F(KeysCliTest, RefusesAMasterKeyFileOthersCanRead) {
  ASSERT_EQ(keys({"init"}).exit_code, 0);
  ASSERT_EQ(::chmod((keys_ + "/master.key").c_str(), 0640), 0);
  ProcessResult r = keys({"rotate"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("wider than 0600"), std::string::npos) << r.output;
}

TEST_F(KeysCliTest, RefusesAKnownDefaultMasterKey) {
  ProcessResult r = keys({"init"}, {{"FINGUARD_MASTER_KEY", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="}});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("known or default"), std::string::npos) << r.output;
  EXPECT_NE(::access(crypto::active_key_path(keys_).c_str(), F_OK), 0);
}

TEST_F(KeysCliTest, RefusesWhenTheMasterKeyIsMissing) {
  ASSERT_EQ(keys({"init"}).exit_code, 0);
  ASSERT_EQ(::unlink((keys_ + "/master.key").c_str()), 0);
  ProcessResult r = keys({"rotate"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("no master key"), std::string::npos) << r.output;
}

TEST_F(KeysCliTest, RetireDeletesOnlyAnUnusedOldKey) {
  ASSERT_EQ(keys({"init"}).exit_code, 0);
  const crypto::KeyId first = *crypto::load_active_key_id(keys_);
  // The active key is never retired.
  ProcessResult active = keys({"retire", first.to_string()});
  EXPECT_EQ(active.exit_code, 1) << active.output;
  ASSERT_EQ(keys({"rotate"}).exit_code, 0);
  EXPECT_EQ(keys({"retire", "0123456789abcdef"}).exit_code, 1);  // unknown key
  // No stored secret is sealed to the old key (no org has any), so it can go.
  ProcessResult r = keys({"retire", first.to_string()});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  ProcessResult list = keys({"list"});
  EXPECT_NE(list.output.find(first.to_string() + "  retired"), std::string::npos) << list.output;
}

}  // namespace
}  // namespace fg
