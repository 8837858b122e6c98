#include "core/log.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "support/test_env.hpp"

namespace fg {
namespace {

TEST(LogTest, RedactsCredentialShapes) {
  const std::string canary = "fgk_3f2a_CANARYsecretVALUE";
  EXPECT_EQ(log::redact("key " + canary + " used").find("CANARY"), std::string::npos);
  EXPECT_EQ(log::redact("Authorization: Bearer abc.def.ghi").find("abc.def"), std::string::npos);
  EXPECT_EQ(log::redact("Cookie: fg_session=tok123; other=1").find("tok123"), std::string::npos);
  EXPECT_EQ(log::redact(R"({"email":"a@b.c","password":"hunter2hunter2"})").find("hunter2"), std::string::npos);
  EXPECT_EQ(log::redact("client_secret=s3cr3t&x=1").find("s3cr3t"), std::string::npos);
  EXPECT_EQ(log::redact("rows=12 source=aws"), "rows=12 source=aws");
}

TEST(LogTest, WritesJsonLinesWithRequestId) {
  const std::string path = testing::make_temp_dir("fg-log-") + "/log.jsonl";
  Config cfg;
  cfg.log_level = "info";
  log::init_to_file(cfg, path);
  {
    log::ScopedRequestId rid("req-123");
    log::info("hello", {{"token", "fgk_1_SECRETCANARY"}, {"rows", "5"}});
  }
  log::debug("dropped below level");
  log::info("after");
  std::ifstream in(path);
  std::string line1, line2, extra;
  ASSERT_TRUE(std::getline(in, line1));
  ASSERT_TRUE(std::getline(in, line2));
  EXPECT_FALSE(std::getline(in, extra));
  const auto j = nlohmann::json::parse(line1);
  EXPECT_EQ(j["msg"], "hello");
  EXPECT_EQ(j["request_id"], "req-123");
  EXPECT_EQ(j["rows"], "5");
  EXPECT_EQ(line1.find("SECRETCANARY"), std::string::npos);
  EXPECT_FALSE(nlohmann::json::parse(line2).contains("request_id"));
  log::init(cfg);
}

}  // namespace
}  // namespace fg
