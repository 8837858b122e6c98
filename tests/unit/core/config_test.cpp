#include "core/config.hpp"

#include <sys/stat.h>

#include <fstream>

#include <gtest/gtest.h>

#include "core/setting_table.hpp"
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

// Issue 21: a setting that nothing reads does not exist. platform_admins was parsed and listed but
// never used; setting it now fails the start instead of promising an access nothing grants.
TEST(ConfigTest, PlatformAdminsIsNoLongerASetting) {
  Result<Config> c = load({"FINGUARD_PLATFORM_ADMINS=5f0c8f5e-3a47-4b8a-9d3c-2f1e0a9b8c7d"});
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().field(), "FINGUARD_PLATFORM_ADMINS");
  c = load({}, {}, write_file("platform_admins: []\n"));
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().field(), "platform_admins");
  for (const Setting& spec : setting_table()) EXPECT_NE(spec.name, "platform_admins");
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

TEST(ConfigTest, SsoIsAllOrNothingAndItsSecretStaysOutOfTheFile) {
  const std::vector<std::string> oidc = {"FINGUARD_OIDC_ISSUER=https://idp.example.com",
                                         "FINGUARD_OIDC_CLIENT_ID=finguard",
                                         "FINGUARD_OIDC_REDIRECT_URI=https://fg.example.com/api/v1/auth/oidc/callback",
                                         "FINGUARD_OIDC_ORG_MAPPING=domain:example.com=acme, claim:groups=ops=beta"};
  const char* const kRequired[] = {"oidc_issuer", "oidc_client_id", "oidc_redirect_uri", "oidc_org_mapping"};
  std::vector<std::string> env = oidc;
  env.push_back("FINGUARD_OIDC_CLIENT_SECRET=canary-oidc-secret");
  Result<Config> c = load(env);
  ASSERT_TRUE(c.ok()) << c.status().to_string();
  EXPECT_TRUE(c->oidc_enabled());
  EXPECT_TRUE(c->oidc_client_secret_from_env);
  EXPECT_EQ(c->oidc_org_mapping.size(), 2u);
  EXPECT_FALSE(c->cf_access_enabled());
  // Each missing piece is named.
  for (std::size_t drop = 0; drop < oidc.size(); ++drop) {
    std::vector<std::string> partial = env;
    partial.erase(partial.begin() + static_cast<std::ptrdiff_t>(drop));
    Result<Config> p = load(partial);
    ASSERT_FALSE(p.ok()) << drop;
    EXPECT_EQ(p.status().field(), kRequired[drop]);
  }
  Result<Config> no_secret = load(oidc);
  ASSERT_FALSE(no_secret.ok());
  EXPECT_EQ(no_secret.status().field(), "oidc_client_secret_file");
  // The secret is refused in the file and on the command line.
  Result<Config> in_file = load(oidc, {}, write_file("oidc_client_secret: canary\n"));
  ASSERT_FALSE(in_file.ok());
  EXPECT_EQ(in_file.status().field(), "oidc_client_secret");
  EXPECT_FALSE(load(oidc, {{"oidc_client_secret", "canary"}}).ok());
  // A secret file must be private (0600), and only one source may be set.
  const std::string secret_file = write_file("canary-oidc-secret\n");
  ::chmod(secret_file.c_str(), 0644);
  std::vector<std::string> with_file = oidc;
  with_file.push_back("FINGUARD_OIDC_CLIENT_SECRET_FILE=" + secret_file);
  EXPECT_EQ(load(with_file).status().field(), "oidc_client_secret_file");
  ::chmod(secret_file.c_str(), 0600);
  EXPECT_TRUE(load(with_file).ok());
  with_file.push_back("FINGUARD_OIDC_CLIENT_SECRET=canary");
  EXPECT_EQ(load(with_file).status().field(), "oidc_client_secret_file");
  // Cloudflare Access needs both the team domain and the audience.
  EXPECT_EQ(load({"FINGUARD_CF_ACCESS_TEAM_DOMAIN=team.cloudflareaccess.com"}).status().field(), "cf_access_audience");
  EXPECT_EQ(load({"FINGUARD_CF_ACCESS_AUDIENCE=aud"}).status().field(), "cf_access_team_domain");
  Result<Config> cf =
      load({"FINGUARD_CF_ACCESS_TEAM_DOMAIN=team.cloudflareaccess.com", "FINGUARD_CF_ACCESS_AUDIENCE=aud"});
  ASSERT_TRUE(cf.ok());
  EXPECT_TRUE(cf->cf_access_enabled());
}

TEST(ConfigTest, RefusesBadValues) {
  struct Case {
    std::string env;
    std::string field;
  };
  for (const Case& k :
       {Case{"FINGUARD_LISTEN=8080", "listen"}, Case{"FINGUARD_LISTEN=127.0.0.1:99999", "listen"},
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

TEST(ConfigTest, PasswordHashPoolHasDefaultsAndIsChecked) {
  Result<Config> c = load({});
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->password_hash_workers, 0) << "one per core, at most 4";
  EXPECT_EQ(c->password_hash_queue, 32);
  c = load({"FINGUARD_PASSWORD_HASH_WORKERS=3", "FINGUARD_PASSWORD_HASH_QUEUE=8"});
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->password_hash_workers, 3);
  EXPECT_EQ(c->password_hash_queue, 8);
  const std::pair<const char*, const char*> bad[] = {{"FINGUARD_PASSWORD_HASH_WORKERS=-1", "password_hash_workers"},
                                                     {"FINGUARD_PASSWORD_HASH_WORKERS=65", "password_hash_workers"},
                                                     {"FINGUARD_PASSWORD_HASH_QUEUE=0", "password_hash_queue"},
                                                     {"FINGUARD_PASSWORD_HASH_QUEUE=lots", "password_hash_queue"}};
  for (const auto& [env, field] : bad) {
    c = load({env});
    ASSERT_FALSE(c.ok()) << env;
    EXPECT_EQ(c.status().field(), field) << env;
  }
}

TEST(ConfigTest, UploadReportRetentionDefaultsTo30DaysAndIsChecked) {
  Result<Config> c = load({});
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->upload_report_retention_days, 30);
  c = load({"FINGUARD_UPLOAD_REPORT_RETENTION_DAYS=7"});
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->upload_report_retention_days, 7);
  for (const char* bad : {"0", "-1", "3651", "a week"}) {
    c = load({std::string("FINGUARD_UPLOAD_REPORT_RETENTION_DAYS=") + bad});
    ASSERT_FALSE(c.ok()) << bad;
    EXPECT_EQ(c.status().field(), "upload_report_retention_days") << bad;
  }
}

TEST(ConfigTest, JobTimeLimitsHaveDefaultsPerKindAndAreChecked) {
  Result<Config> c = load({});
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->job_time_limit_seconds.at("default"), 300);
  EXPECT_EQ(c->job_time_limit_seconds.at("ingest.upload"), 1800);
  c = load({"FINGUARD_JOB_TIME_LIMITS=ingest.upload=600, keys.rewrap=900"});
  ASSERT_TRUE(c.ok()) << c.status().to_string();
  EXPECT_EQ(c->job_time_limit_seconds.at("ingest.upload"), 600);
  EXPECT_EQ(c->job_time_limit_seconds.at("keys.rewrap"), 900);
  EXPECT_EQ(c->job_time_limit_seconds.at("default"), 300);  // merged over the defaults
  EXPECT_EQ(load({})->max_schedules_per_org, 50);
  EXPECT_EQ(load({"FINGUARD_MAX_SCHEDULES_PER_ORG=7"})->max_schedules_per_org, 7);
  EXPECT_EQ(load({"FINGUARD_MAX_SCHEDULES_PER_ORG=1"}).status().field(), "max_schedules_per_org");
  for (const char* bad : {"ingest.upload", "ingest.upload=0", "=30", "Ingest=30", "default=86401", "x=ten"}) {
    c = load({std::string("FINGUARD_JOB_TIME_LIMITS=") + bad});
    ASSERT_FALSE(c.ok()) << bad;
    EXPECT_EQ(c.status().field(), "job_time_limits") << bad;
  }
}

TEST(ConfigTest, MfaLockoutSettingsAreBoundedAndConsistent) {
  Result<Config> c = load({});
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->mfa_lockout.failures, 5);
  EXPECT_EQ(c->mfa_lockout.base_seconds, 60);
  EXPECT_EQ(c->mfa_lockout.max_seconds, 86400);
  c = load({"FINGUARD_MFA_LOCKOUT_FAILURES=3", "FINGUARD_MFA_LOCKOUT_BASE_SECONDS=30",
            "FINGUARD_MFA_LOCKOUT_MAX_SECONDS=3600"});
  ASSERT_TRUE(c.ok()) << c.status().to_string();
  EXPECT_EQ(c->mfa_lockout.failures, 3);
  EXPECT_EQ(c->mfa_lockout.base_seconds, 30);
  EXPECT_EQ(c->mfa_lockout.max_seconds, 3600);
  for (const char* bad : {"FINGUARD_MFA_LOCKOUT_FAILURES=0", "FINGUARD_MFA_LOCKOUT_FAILURES=101",
                          "FINGUARD_MFA_LOCKOUT_BASE_SECONDS=0", "FINGUARD_MFA_LOCKOUT_MAX_SECONDS=2592001"}) {
    EXPECT_EQ(load({bad}).status().code(), StatusCode::kInvalidArgument) << bad;
  }
  EXPECT_EQ(load({"FINGUARD_MFA_LOCKOUT_FAILURES=x"}).status().field(), "mfa_lockout_failures");
  EXPECT_EQ(load({"FINGUARD_MFA_LOCKOUT_BASE_SECONDS=600", "FINGUARD_MFA_LOCKOUT_MAX_SECONDS=60"}).status().field(),
            "mfa_lockout_max_seconds");
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

TEST(ConfigTest, RateLimitsAndWebDirHaveTheirDefaults) {
  Result<Config> c = load({});
  ASSERT_TRUE(c.ok());
  const RateLimitSettings& r = c->rate_limits;
  EXPECT_EQ(r.auth_per_ip.per_minute, 30);
  EXPECT_EQ(r.auth_per_ip.burst, 10);
  EXPECT_EQ(r.read_per_ip.per_minute, 1200);
  EXPECT_EQ(r.mutation_per_principal.burst, 30);
  EXPECT_EQ(r.login_failures_per_ip_per_minute, 5);
  EXPECT_EQ(r.login_failures_per_account_per_minute, 5);
  EXPECT_EQ(c->web_dir, "web/dist");
}

TEST(ConfigTest, RateLimitsComeFromFileEnvAndFlags) {
  const std::string path =
      write_file("rate_limit_read_per_ip_per_minute: 600\nrate_limit_read_per_ip_burst: 50\nweb_dir: /srv/ui\n");
  Result<Config> c =
      load({"FINGUARD_RATE_LIMIT_READ_PER_IP_BURST=70", "FINGUARD_RATE_LIMIT_LOGIN_FAILURES_PER_ACCOUNT_PER_MINUTE=3"},
           {{"rate_limit_mutation_per_principal_per_minute", "10"}}, path);
  ASSERT_TRUE(c.ok()) << c.status().to_string();
  EXPECT_EQ(c->rate_limits.read_per_ip.per_minute, 600);
  EXPECT_EQ(c->rate_limits.read_per_ip.burst, 70);
  EXPECT_EQ(c->rate_limits.mutation_per_principal.per_minute, 10);
  EXPECT_EQ(c->rate_limits.login_failures_per_account_per_minute, 3);
  EXPECT_EQ(c->rate_limits.login_failures_per_ip_per_minute, 5);
  EXPECT_EQ(c->web_dir, "/srv/ui");
}

// Every rate-limit setting of the table: a positive integer within its bound, refused naming itself.
TEST(ConfigTest, RefusesRateLimitsOutOfRangeNamingTheSetting) {
  int seen = 0;
  for (const Setting& spec : setting_table()) {
    const std::string name(spec.name);
    if (name.rfind("rate_limit_", 0) != 0) continue;
    ++seen;
    const std::int64_t max = name.find("login_failures") != std::string::npos ? kMaxLoginFailuresPerMinute
                             : name.ends_with("_burst")                       ? kMaxRateLimitBurst
                                                                              : kMaxRateLimitPerMinute;
    for (const std::string& bad :
         std::vector<std::string>{"0", "-1", "", "abc", "1.5", "12x", std::to_string(max + 1)}) {
      Result<Config> c = load({spec.env() + "=" + bad});
      ASSERT_FALSE(c.ok()) << name << "=" << bad;
      EXPECT_EQ(c.status().field(), name);
      EXPECT_EQ(c.status().code(), StatusCode::kInvalidArgument);
      EXPECT_NE(c.status().message().find(name), std::string::npos) << c.status().message();
    }
    for (const std::string& good : std::vector<std::string>{"1", std::to_string(max)}) {
      EXPECT_TRUE(load({}, {{name, good}}).ok()) << name << "=" << good;
    }
  }
  EXPECT_EQ(seen, 14);
}

TEST(ConfigTest, WebDirMayBeEmptyToServeNoUi) {
  Result<Config> c = load({"FINGUARD_WEB_DIR="});
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->web_dir, "");
}

}  // namespace
}  // namespace fg
