#include "core/config.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "support/test_env.hpp"

namespace fg {
namespace {

Result<Config> load(std::vector<std::string> env, std::map<std::string, std::string> flags = {},
                    std::optional<std::string> file = std::nullopt) {
  ConfigSources src;
  src.env = std::move(env);
  src.flags = std::move(flags);
  src.file = std::move(file);
  return load_config(src);
}

std::string write_file(const std::string& text) {
  const std::string dir = testing::make_temp_dir("fg-config-");
  const std::string path = dir + "/finguard.yaml";
  std::ofstream(path) << text;
  return path;
}

TEST(ConfigTest, DefaultsAreSafe) {
  Result<Config> c = load({});
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->listen, "127.0.0.1:8080");
  EXPECT_EQ(c->data_dir, "./var");
  EXPECT_EQ(c->effective_database_url(), "sqlite:./var/finguard.db");
  EXPECT_EQ(c->effective_master_key_file(), "./var/keys/master.key");
  EXPECT_FALSE(c->allow_loopback_targets);
}

TEST(ConfigTest, EnvWinsOverFileAndFlagsWinOverEnv) {
  const std::string path = write_file("listen: 127.0.0.1:9000\nlog_level: debug\n");
  Result<Config> c = load({"FINGUARD_LISTEN=127.0.0.1:9100"}, {}, path);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->listen, "127.0.0.1:9100");
  EXPECT_EQ(c->log_level, "debug");
  c = load({"FINGUARD_LISTEN=127.0.0.1:9100"}, {{"listen", "127.0.0.1:9200"}}, path);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->listen, "127.0.0.1:9200");
}

TEST(ConfigTest, RefusesUnknownSettingsNamingThem) {
  Result<Config> c = load({"FINGUARD_LISTNE=127.0.0.1:1"});
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().field(), "FINGUARD_LISTNE");
  c = load({}, {}, write_file("lisen: 127.0.0.1:1\n"));
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().field(), "lisen");
}

TEST(ConfigTest, RefusesSecretsOutsideTheEnvironment) {
  Result<Config> c = load({}, {}, write_file("master_key: c2VjcmV0\n"));
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().field(), "master_key");
  EXPECT_EQ(c.status().message().find("c2VjcmV0"), std::string::npos);
  c = load({"FINGUARD_MASTER_KEY=abc"});
  ASSERT_TRUE(c.ok());
  EXPECT_TRUE(c->master_key_from_env);
}

TEST(ConfigTest, RefusesHalfConfiguredTls) {
  Result<Config> c = load({"FINGUARD_TLS_CERT=/etc/hostname"});
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().field(), "tls_key");
  c = load({"FINGUARD_TLS_KEY=/etc/hostname"});
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().field(), "tls_cert");
  c = load({"FINGUARD_TLS_KEY=/nonexistent/key.pem", "FINGUARD_TLS_CERT=/etc/hostname"});
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().field(), "tls_key");
}

TEST(ConfigTest, RefusesBadValues) {
  struct Case {
    std::string env;
    std::string field;
  };
  for (const Case& k : {Case{"FINGUARD_LISTEN=8080", "listen"}, Case{"FINGUARD_LISTEN=127.0.0.1:99999", "listen"},
                        Case{"FINGUARD_LOG_LEVEL=loud", "log_level"}, Case{"FINGUARD_LOG_FORMAT=xml", "log_format"},
                        Case{"FINGUARD_MODE=prod", "mode"}, Case{"FINGUARD_DATABASE_URL=mysql://x", "database_url"},
                        Case{"FINGUARD_CORS_ORIGINS=*", "cors_origins"}, Case{"FINGUARD_DB_POOL_SIZE=0", "db_pool_size"},
                        Case{"FINGUARD_ALLOW_LOOPBACK_TARGETS=maybe", "allow_loopback_targets"}}) {
    Result<Config> c = load({k.env});
    ASSERT_FALSE(c.ok()) << k.env;
    EXPECT_EQ(c.status().field(), k.field) << k.env;
    EXPECT_EQ(c.status().code(), StatusCode::kInvalidArgument);
  }
}

TEST(ConfigTest, LoopbackTargetsAreRefusedInProduction) {
  Result<Config> c = load({"FINGUARD_MODE=production", "FINGUARD_ALLOW_LOOPBACK_TARGETS=true"});
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().field(), "allow_loopback_targets");
  EXPECT_TRUE(load({"FINGUARD_ALLOW_LOOPBACK_TARGETS=true"}).ok());
}

TEST(ConfigTest, ReadsListsFromFileAndEnv) {
  Result<Config> c = load({}, {}, write_file("cors_origins:\n  - https://a.example\n  - https://b.example\n"));
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->cors_origins.size(), 2u);
  c = load({"FINGUARD_TRUSTED_PROXIES=10.0.0.0/8, 192.168.1.1/32"});
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->trusted_proxies, (std::vector<std::string>{"10.0.0.0/8", "192.168.1.1/32"}));
}

TEST(ConfigTest, RefusesMalformedYaml) {
  Result<Config> c = load({}, {}, write_file("listen: [unclosed\n"));
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().field(), "config");
}

}  // namespace
}  // namespace fg
