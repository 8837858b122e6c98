#include "audit/audit_reader.hpp"

#include <gtest/gtest.h>

namespace fg::audit {
namespace {

TEST(AuditExportTest, CsvQuotesAndDefusesFormulas) {
  AuditRecord r;
  r.org_id = "o";
  r.seq = 1;
  r.target_id = "=HYPERLINK(\"http://x\")";
  r.context = R"({"a":"b,c"})";
  const std::string line = to_csv_line(r);
  EXPECT_NE(line.find("\"'=HYPERLINK(\"\"http://x\"\")\""), std::string::npos) << line;
  EXPECT_NE(line.find("\"{\"\"a\"\":\"\"b,c\"\"}\""), std::string::npos) << line;
  const std::string header = csv_header();
  EXPECT_EQ(std::count(header.begin(), header.end(), ','), 14);
}

TEST(AuditExportTest, JsonLineCarriesTheContextAsAnObject) {
  AuditRecord r;
  r.context = R"({"role":"viewer"})";
  const auto j = nlohmann::json::parse(to_json_line(r));
  EXPECT_EQ(j["context"]["role"], "viewer");
}

TEST(AuditActionTest, NamesRoundTrip) {
  for (AuditAction a : all_actions()) EXPECT_EQ(parse_action(action_name(a)), a);
  EXPECT_FALSE(parse_action("nope"));
  EXPECT_EQ(parse_result("denied"), AuditResult::kDenied);
}

TEST(AuditHashTest, EveryFieldIsCovered) {
  AuditRecord base;
  base.prev_hash = std::string(kGenesisHash);
  const std::string h = compute_hash(base);
  auto differs = [&](auto mutate) {
    AuditRecord r = base;
    mutate(r);
    return compute_hash(r) != h;
  };
  EXPECT_TRUE(differs([](AuditRecord& r) { r.org_id = "x"; }));
  EXPECT_TRUE(differs([](AuditRecord& r) { r.seq = 2; }));
  EXPECT_TRUE(differs([](AuditRecord& r) { r.ts_micros = 5; }));
  EXPECT_TRUE(differs([](AuditRecord& r) { r.actor_id = "x"; }));
  EXPECT_TRUE(differs([](AuditRecord& r) { r.action = "x"; }));
  EXPECT_TRUE(differs([](AuditRecord& r) { r.result = "x"; }));
  EXPECT_TRUE(differs([](AuditRecord& r) { r.context = "{}"; }));
  EXPECT_TRUE(differs([](AuditRecord& r) { r.prev_hash = "1"; }));
  // Fields cannot bleed into each other.
  AuditRecord a = base, b = base;
  a.actor_id = "ab";
  a.actor_role = "c";
  b.actor_id = "a";
  b.actor_role = "bc";
  EXPECT_NE(compute_hash(a), compute_hash(b));
}

}  // namespace
}  // namespace fg::audit
