// The settings table as a whole: every entry well-formed and unique, every default valid by its own
// rule, and the worker's settings reaching the Config (issue 21).
#include "core/setting_table.hpp"

#include <climits>
#include <set>

#include <gtest/gtest.h>

#include "core/config.hpp"

namespace fg {
namespace {

TEST(SettingTableTest, NamesEnvironmentVariablesAndFlagsAreUnique) {
  std::set<std::string> names, envs, flags;
  for (const Setting& s : setting_table()) {
    EXPECT_TRUE(names.insert(std::string(s.name)).second) << s.name;
    EXPECT_TRUE(envs.insert(s.env()).second) << s.env();
    EXPECT_TRUE(flags.insert(s.flag()).second) << s.flag();
    EXPECT_EQ(s.name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_"), std::string_view::npos) << s.name;
    EXPECT_EQ(find_setting(s.name), &s);
    EXPECT_EQ(find_setting_by_env(s.env()), &s);
  }
  EXPECT_EQ(find_setting("lisen"), nullptr);
}

TEST(SettingTableTest, EveryEntryIsComplete) {
  for (const Setting& s : setting_table()) {
    EXPECT_NE(s.field, nullptr) << s.name;
    EXPECT_FALSE(s.help.empty()) << s.name;
    EXPECT_FALSE(s.module.empty()) << s.name;
    EXPECT_EQ(s.help.find("(default"), std::string_view::npos) << s.name << ": the default is generated";
    if (s.kind == SettingKind::kInt) {
      EXPECT_LE(s.min, s.max) << s.name;
      Config cfg;
      // An int member must hold every value the bounds allow.
      if (std::holds_alternative<int*>(s.field(cfg))) {
        EXPECT_GE(s.min, INT_MIN) << s.name;
        EXPECT_LE(s.max, INT_MAX) << s.name;
      }
    }
    if (s.kind == SettingKind::kEnum || s.kind == SettingKind::kUrl) {
      EXPECT_FALSE(s.values.empty()) << s.name;
    }
    if (s.kind == SettingKind::kCustom) {
      EXPECT_NE(s.parse, nullptr) << s.name;
      EXPECT_FALSE(s.rule.empty()) << s.name;
    }
  }
}

// Written out as its own value, each default is accepted, alone and all together.
TEST(SettingTableTest, DefaultsPassTheirOwnValidation) {
  std::vector<std::string> env;
  for (const Setting& s : setting_table()) {
    if (s.env_only()) continue;
    Config cfg;
    const Status st = apply_setting(s, cfg, setting_default(s));
    EXPECT_TRUE(st.ok()) << s.name << ": " << st.to_string();
    env.push_back(s.env() + "=" + setting_default(s));
  }
  ConfigSources src;
  src.env = env;
  Result<Config> c = load_config(src);
  ASSERT_TRUE(c.ok()) << c.status().to_string();
  EXPECT_EQ(c->worker.concurrency, 2);
  EXPECT_EQ(c->listen, "127.0.0.1:8080");
}

TEST(SettingTableTest, WorkerSettingsComeFromTheEnvironment) {
  ConfigSources src;
  src.env = {"FINGUARD_WORKER_CONCURRENCY=5",
             "FINGUARD_WORKER_LEASE_MS=1000",
             "FINGUARD_WORKER_POLL_MS=20",
             "FINGUARD_WORKER_SHUTDOWN_TIMEOUT_MS=0",
             "FINGUARD_WORKER_SCHEDULER=false",
             "FINGUARD_WORKER_SCHEDULER_LEASE_MS=2000",
             "FINGUARD_WORKER_SCHEDULER_TICK_MS=50",
             "FINGUARD_WORKER_ID=w-1",
             "FINGUARD_METRICS_LISTEN=127.0.0.1:9465"};
  Result<Config> c = load_config(src);
  ASSERT_TRUE(c.ok()) << c.status().to_string();
  EXPECT_EQ(c->worker.concurrency, 5);
  EXPECT_EQ(c->worker.lease_ms, 1000);
  EXPECT_EQ(c->worker.poll_ms, 20);
  EXPECT_EQ(c->worker.shutdown_timeout_ms, 0);
  EXPECT_FALSE(c->worker.scheduler);
  EXPECT_EQ(c->worker.scheduler_lease_ms, 2000);
  EXPECT_EQ(c->worker.scheduler_tick_ms, 50);
  EXPECT_EQ(c->worker.id, "w-1");
  EXPECT_EQ(c->metrics_listen, "127.0.0.1:9465");
  src.env = {"FINGUARD_WORKER_LEASE_MS=100"};
  EXPECT_EQ(load_config(src).status().message(), "worker_lease_ms: must be an integer from 200 to 600000");
}

TEST(SettingTableTest, TheTestClockIsRefusedInProduction) {
  ConfigSources src;
  src.env = {"FINGUARD_WORKER_TEST_CLOCK_SCALE=20"};
  EXPECT_TRUE(load_config(src).ok());
  src.env.push_back("FINGUARD_MODE=production");
  EXPECT_EQ(load_config(src).status().field(), "worker_test_clock_scale");
}

}  // namespace
}  // namespace fg
