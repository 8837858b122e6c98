// Native TLS: TLS 1.2+ only, HSTS over TLS, plain HTTP refused on the TLS port.
#include <filesystem>

#include <gtest/gtest.h>

#include "api/application/api_service.hpp"
#include "integration/api/raw_client.hpp"
#include "support/subprocess.hpp"
#include "support/test_env.hpp"

namespace fg::api {
namespace {

class TlsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists("/usr/bin/openssl") || !std::filesystem::exists("/usr/bin/curl")) {
      GTEST_SKIP() << "needs /usr/bin/openssl and /usr/bin/curl";
    }
    const std::string dir = testing::make_temp_dir("fg-tls-");
    cert_ = dir + "/cert.pem";
    key_ = dir + "/key.pem";
    testing::ProcessResult gen = testing::run_process({"/usr/bin/openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                                                       "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key_,
                                                       "-out", cert_, "-days", "1", "-subj", "/CN=127.0.0.1"});
    ASSERT_EQ(gen.exit_code, 0) << gen.output;
    Config config;
    config.listen = "127.0.0.1:0";
    config.tls_cert = cert_;
    config.tls_key = key_;
    ApiServiceOptions options;
    options.threads = 2;
    Result<std::unique_ptr<ApiService>> s = ApiService::start(config, {}, options);
    ASSERT_TRUE(s.ok()) << s.status().to_string();
    service_ = std::move(*s);
    url_ = "https://127.0.0.1:" + std::to_string(service_->port()) + "/healthz";
  }
  testing::ProcessResult curl(std::vector<std::string> extra) {
    std::vector<std::string> argv = {"/usr/bin/curl", "-sS", "-k", "-D", "-", "--max-time", "5"};
    argv.insert(argv.end(), extra.begin(), extra.end());
    argv.push_back(url_);
    return testing::run_process(argv);
  }
  std::string cert_, key_, url_;
  std::unique_ptr<ApiService> service_;
};

TEST_F(TlsTest, ServesOverTls12And13WithHsts) {
  for (const char* version : {"--tlsv1.2", "--tlsv1.3"}) {
    testing::ProcessResult r = curl({version});
    EXPECT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("HTTP/1.1 200"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("Strict-Transport-Security: max-age=63072000"), std::string::npos) << r.output;
  }
}

TEST_F(TlsTest, RefusesTls11) {
  // SECLEVEL=0 lets the client offer TLS 1.1 (checked against a permissive openssl s_server), so only
  // the server can be refusing it.
  testing::ProcessResult r = curl({"--tlsv1.1", "--tls-max", "1.1", "--ciphers", "DEFAULT:@SECLEVEL=0"});
  EXPECT_NE(r.exit_code, 0) << r.output;
  EXPECT_EQ(r.output.find("HTTP/1.1 200"), std::string::npos);
}

TEST_F(TlsTest, PlainHttpOnTheTlsPortGetsNoAnswer) {
  EXPECT_FALSE(test::http_get(service_->port(), "/healthz").has_value());
}

TEST(TlsConfigTest, MismatchedKeyIsRefused) {
  const std::string dir = testing::make_temp_dir("fg-tls-bad-");
  for (const char* name : {"a", "b"}) {
    testing::ProcessResult gen = testing::run_process(
        {"/usr/bin/openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
         "-keyout", dir + "/" + name + ".key", "-out", dir + "/" + name + ".pem", "-days", "1", "-subj", "/CN=x"});
    ASSERT_EQ(gen.exit_code, 0) << gen.output;
  }
  Config config;
  config.listen = "127.0.0.1:0";
  config.tls_cert = dir + "/a.pem";
  config.tls_key = dir + "/b.key";
  Result<std::unique_ptr<ApiService>> s = ApiService::start(config, {}, {});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().field(), "tls_key");
}

}  // namespace
}  // namespace fg::api
