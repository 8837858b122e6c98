// One setting's declaration: the names derived from it, and error messages that state its rule
// (issue 21: "Error messages name the real rule").
#include "core/setting.hpp"

#include <gtest/gtest.h>

#include "core/config.hpp"
#include "core/setting_table.hpp"

namespace fg {
namespace {

const Setting& setting(std::string_view name) {
  const Setting* s = find_setting(name);
  EXPECT_NE(s, nullptr) << name;
  return *s;
}

Status apply(std::string_view name, std::string_view value, Config& cfg) {
  return apply_setting(setting(name), cfg, value);
}

TEST(SettingTest, EnvAndFlagFollowFromTheName) {
  EXPECT_EQ(setting("rate_limit_read_per_ip_burst").env(), "FINGUARD_RATE_LIMIT_READ_PER_IP_BURST");
  EXPECT_EQ(setting("rate_limit_read_per_ip_burst").flag(), "--rate-limit-read-per-ip-burst");
  EXPECT_EQ(setting("worker_concurrency").env(), "FINGUARD_WORKER_CONCURRENCY");
  EXPECT_TRUE(setting("master_key").env_only());
  EXPECT_FALSE(setting("master_key_file").env_only());
}

TEST(SettingTest, OutOfBoundsNamesTheRule) {
  Config cfg;
  Status st = apply("db_pool_size", "0", cfg);
  EXPECT_EQ(st.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(st.field(), "db_pool_size");
  EXPECT_EQ(st.message(), "db_pool_size: must be an integer from 1 to 256");
  EXPECT_EQ(apply("worker_concurrency", "65", cfg).message(), "worker_concurrency: must be an integer from 1 to 64");
  EXPECT_EQ(apply("upload_max_bytes", "1023", cfg).message(), "upload_max_bytes: must be an integer of at least 1024");
  EXPECT_EQ(apply("mode", "prod", cfg).message(), "mode: must be development or production");
  EXPECT_EQ(apply("log_level", "loud", cfg).message(),
            "log_level: must be one of trace, debug, info, warn, error or off");
  EXPECT_EQ(apply("allow_loopback_targets", "maybe", cfg).message(), "allow_loopback_targets: must be true or false");
  EXPECT_EQ(apply("database_url", "mysql://x", cfg).message(),
            "database_url: must be a URL starting with postgresql://, postgres:// or sqlite:");
  EXPECT_EQ(apply("listen", "8080", cfg).message(), "listen: must be HOST:PORT with a port from 1 to 65535");
  EXPECT_EQ(apply("cors_origins", "https://a.example, *", cfg).message(),
            "cors_origins: must be a comma-separated list, each item starting with https:// or http://");
  EXPECT_EQ(apply("data_dir", "", cfg).message(), "data_dir: must be a non-empty value");
  EXPECT_NE(apply("job_time_limits", "x=ten", cfg).message().find("SECONDS from 1 to 86400"), std::string::npos);
}

TEST(SettingTest, MessagesNeverEchoTheValue) {
  Config cfg;
  for (const Setting& s : setting_table()) {
    if (s.kind == SettingKind::kString || s.kind == SettingKind::kSecret) continue;  // they take any text
    if (s.kind == SettingKind::kList && s.values.empty()) continue;
    Status st = apply_setting(s, cfg, "canary-value-9");
    ASSERT_FALSE(st.ok()) << s.name;
    EXPECT_EQ(st.message().find("canary"), std::string::npos) << st.message();
  }
}

TEST(SettingTest, StoresTypedValues) {
  Config cfg;
  ASSERT_TRUE(apply("mode", "production", cfg).ok());
  EXPECT_EQ(cfg.mode, RunMode::kProduction);
  ASSERT_TRUE(apply("log_format", "text", cfg).ok());
  EXPECT_EQ(cfg.log_format, LogFormat::kText);
  ASSERT_TRUE(apply("worker_scheduler", "no", cfg).ok());
  EXPECT_FALSE(cfg.worker.scheduler);
  ASSERT_TRUE(apply("ingest_max_rows", "42", cfg).ok());
  EXPECT_EQ(cfg.ingest_caps.max_rows, 42);
  ASSERT_TRUE(apply("master_key", "c2VjcmV0", cfg).ok());
  EXPECT_TRUE(cfg.master_key_from_env);
}

// metrics_listen takes a bare port as loopback (the worker's --metrics-listen PORT did); listen does not.
TEST(SettingTest, MetricsListenReadsABarePortAsLoopback) {
  Config cfg;
  ASSERT_TRUE(apply("metrics_listen", "9465", cfg).ok());
  EXPECT_EQ(cfg.metrics_listen, "127.0.0.1:9465");
  ASSERT_TRUE(apply("metrics_listen", "0.0.0.0:9465", cfg).ok());
  EXPECT_EQ(cfg.metrics_listen, "0.0.0.0:9465");
  ASSERT_TRUE(apply("metrics_listen", "", cfg).ok());
  EXPECT_EQ(cfg.metrics_listen, "");
  EXPECT_EQ(apply("metrics_listen", "99999", cfg).message(),
            "metrics_listen: must be PORT (on 127.0.0.1) or HOST:PORT with a port from 1 to 65535");
  EXPECT_FALSE(apply("listen", "", cfg).ok());
}

TEST(SettingTest, DefaultsComeFromTheConfigMembers) {
  EXPECT_EQ(setting_default(setting("db_pool_size")), "8");
  EXPECT_EQ(setting_default(setting("mode")), "development");
  EXPECT_EQ(setting_default(setting("log_format")), "json");
  EXPECT_EQ(setting_default(setting("worker_scheduler")), "true");
  EXPECT_EQ(setting_default(setting("job_time_limits")), "default=300,ingest.upload=1800");
  EXPECT_EQ(setting_default(setting("database_url")), "");
  EXPECT_EQ(setting_default(setting("master_key")), "");
}

}  // namespace
}  // namespace fg
