// `finguard serve` with single sign-on misconfigured: it refuses to start (exit 78, EX_CONFIG) naming
// the setting, and never prints the client secret. Fail closed, never a silent bypass.
#include <sys/stat.h>

#include <fstream>

#include <gtest/gtest.h>

#include "support/subprocess.hpp"
#include "support/test_env.hpp"

namespace fg::testing {
namespace {

constexpr const char* kSecret = "canary-serve-oidc-secret-9d2e";

std::map<std::string, std::string> base_env(const std::string& dir) {
  return {{"FINGUARD_DATA_DIR", dir},
          {"FINGUARD_LISTEN", "127.0.0.1:1"},
          {"FINGUARD_LOG_LEVEL", "off"},
          {"FINGUARD_OIDC_ISSUER", "https://idp.example.com"},
          {"FINGUARD_OIDC_CLIENT_ID", "finguard"},
          {"FINGUARD_OIDC_REDIRECT_URI", "https://fg.example.com/api/v1/auth/oidc/callback"},
          {"FINGUARD_OIDC_ORG_MAPPING", "domain:example.com=acme"}};
}

ProcessResult serve(const std::map<std::string, std::string>& env) {
  return run_process({finguard_binary(), "serve"}, env);
}

TEST(ServeSsoTest, HalfConfiguredOidcRefusesToStartNamingTheSetting) {
  std::map<std::string, std::string> env = base_env(make_temp_dir("fg-serve-sso-"));
  env.erase("FINGUARD_OIDC_CLIENT_ID");
  env["FINGUARD_OIDC_CLIENT_SECRET"] = kSecret;
  ProcessResult r = serve(env);
  EXPECT_EQ(r.exit_code, 78) << r.output;
  EXPECT_NE(r.output.find("oidc_client_id"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find(kSecret), std::string::npos);
}

TEST(ServeSsoTest, AnIssuerWithoutHttpsRefusesToStart) {
  std::map<std::string, std::string> env = base_env(make_temp_dir("fg-serve-sso-"));
  env["FINGUARD_OIDC_ISSUER"] = "http://127.0.0.1:9";
  env["FINGUARD_OIDC_CLIENT_SECRET"] = kSecret;
  ProcessResult r = serve(env);
  EXPECT_EQ(r.exit_code, 78) << r.output;
  EXPECT_NE(r.output.find("oidc_issuer"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find(kSecret), std::string::npos);
}

TEST(ServeSsoTest, AReadableSecretFileOrABadMappingRefusesToStart) {
  const std::string dir = make_temp_dir("fg-serve-sso-");
  const std::string secret = dir + "/oidc-secret";
  std::ofstream(secret) << kSecret << "\n";
  ::chmod(secret.c_str(), 0644);
  std::map<std::string, std::string> env = base_env(dir);
  env["FINGUARD_OIDC_CLIENT_SECRET_FILE"] = secret;
  ProcessResult r = serve(env);
  EXPECT_EQ(r.exit_code, 78) << r.output;
  EXPECT_NE(r.output.find("oidc_client_secret_file"), std::string::npos) << r.output;
  ::chmod(secret.c_str(), 0600);
  env["FINGUARD_OIDC_ORG_MAPPING"] = "example.com";
  r = serve(env);
  EXPECT_EQ(r.exit_code, 78) << r.output;
  EXPECT_NE(r.output.find("oidc_org_mapping"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find(kSecret), std::string::npos);
}

TEST(ServeSsoTest, HalfConfiguredCloudflareAccessRefusesToStart) {
  ProcessResult r = serve({{"FINGUARD_DATA_DIR", make_temp_dir("fg-serve-sso-")},
                           {"FINGUARD_LISTEN", "127.0.0.1:1"},
                           {"FINGUARD_CF_ACCESS_TEAM_DOMAIN", "team.cloudflareaccess.com"}});
  EXPECT_EQ(r.exit_code, 78) << r.output;
  EXPECT_NE(r.output.find("cf_access_audience"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace fg::testing
