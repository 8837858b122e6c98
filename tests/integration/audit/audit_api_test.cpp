// The audit routes over a real socket on 127.0.0.1, on SQLite and PostgreSQL: 401 without
// credentials, 403 below the permission, one org's events invisible to another, 400 naming the field,
// keyset pages that cover the chain exactly once, and a streamed export that verifies offline.
#include <set>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api/routes/audit/audit_routes.hpp"
#include "api_server_fixture.hpp"
#include "audit/audit_event.hpp"
#include "audit/audit_reader.hpp"

namespace fg::api {
namespace {

using nlohmann::json;

class AuditApiTest : public ApiServerTest {
 protected:
  void SetUp() override {
    ApiServerTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    start({[this](Router& r) { return install_audit(r, *db_, audit_); }});
  }

  //! Appends `n` settings.changed events to org's chain directly (an export larger than one batch).
  void append_events(const OrgId& org, int n) {
    Result<store::OrgTransaction> tx = db_->begin(scope_for(org));
    ASSERT_TRUE(tx.ok());
    for (int i = 0; i < n; ++i) {
      audit::AuditEvent e{audit::AuditAction::kSettingsChanged, audit::AuditResult::kSuccess, "org", org.to_string()};
      e.context = {{"i", i}};
      ASSERT_TRUE(audit_.append(*tx, e).ok());
    }
    ASSERT_TRUE(tx->commit().ok());
  }

  //! Every event of `as`'s org, following next_cursor from the first page.
  std::vector<json> all_pages(const std::string& as, const std::string& filter, int limit) {
    std::vector<json> out;
    std::string cursor;
    for (int guard = 0; guard < 10000; ++guard) {
      ApiResp r = call("GET", "/api/v1/audit?limit=" + std::to_string(limit) + filter + cursor, "", keys_[as]);
      EXPECT_EQ(r.status, 200) << r.body;
      if (r.status != 200) break;
      const json page = r.json();  // kept: a range-for over r.json()["events"] would dangle
      for (const json& e : page["events"]) out.push_back(e);
      if (page["next_cursor"].is_null()) break;
      cursor = "&cursor=" + page["next_cursor"].get<std::string>();
    }
    return out;
  }

  static audit::AuditRecord record_of(const json& j) {
    audit::AuditRecord r;
    r.org_id = j.value("org_id", "");
    r.seq = j["seq"];
    r.ts_micros = j["ts"];
    r.actor_kind = j["actor_kind"];
    r.actor_id = j["actor_id"];
    r.actor_role = j["actor_role"];
    r.source_ip = j["source_ip"];
    r.action = j["action"];
    r.target_type = j["target_type"];
    r.target_id = j["target_id"];
    r.result = j["result"];
    r.request_id = j["request_id"];
    r.context = j["context"].dump();  // the canonical text: sorted keys, compact
    r.prev_hash = j["prev_hash"];
    r.hash = j["hash"];
    return r;
  }
};

TEST_P(AuditApiTest, BothRoutesAre401WithoutCredentials) {
  EXPECT_EQ(call("GET", "/api/v1/audit").status, 401);
  EXPECT_EQ(call("GET", "/api/v1/audit/export").status, 401);
  EXPECT_EQ(call("GET", "/api/v1/audit", "", "Authorization: Bearer fgk_0123456789abcdef_AAAA\r\n").status, 401);
}

TEST_P(AuditApiTest, ReadingNeedsAdministratorAndExportingNeedsOwner) {
  for (const char* role : {"analyst", "member", "viewer"}) {
    ApiResp r = call("GET", "/api/v1/audit", "", keys_[role]);
    EXPECT_EQ(r.status, 403) << role;
    EXPECT_EQ(r.json()["error"]["code"], "permission_denied");
  }
  EXPECT_EQ(call("GET", "/api/v1/audit", "", keys_["administrator"]).status, 200);
  for (const char* role : {"administrator", "analyst", "member", "viewer"}) {
    EXPECT_EQ(call("GET", "/api/v1/audit/export", "", keys_[role]).status, 403) << role;
  }
  EXPECT_EQ(call("GET", "/api/v1/audit/export", "", keys_["owner"]).status, 200);
}

TEST_P(AuditApiTest, OneOrgNeverSeesAnothersEvents) {
  append_events(org_a_, 5);
  const std::vector<json> b_events = all_pages("b-owner", "", 500);
  ASSERT_FALSE(b_events.empty());  // B's own creation, login and key events
  for (const json& e : b_events) {
    EXPECT_NE(e["target_id"], org_a_.to_string()) << e.dump();
    EXPECT_EQ(e["context"].value("i", -1), -1) << "org A's planted event in org B's log: " << e.dump();
  }
  // Asking for A's events by A's actor from B's key finds nothing: the org is the key's, never a parameter.
  const std::vector<json> a_events = all_pages("owner", "", 500);
  std::set<std::string> a_actors;
  for (const json& e : a_events) a_actors.insert(e["actor_id"].get<std::string>());
  for (const std::string& actor : a_actors) {
    if (!Uuid::parse(actor).ok()) continue;  // A's users and keys; the shared test operator is not A's
    EXPECT_TRUE(all_pages("b-owner", "&actor=" + actor, 500).empty()) << actor;
  }
  ApiResp b_export = call("GET", "/api/v1/audit/export", "", keys_["b-owner"]);
  ASSERT_EQ(b_export.status, 200);
  EXPECT_EQ(b_export.body.find(org_a_.to_string()), std::string::npos);
}

TEST_P(AuditApiTest, BadParametersAre400NamingTheField) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"/api/v1/audit?from=yesterday", "from"},
      {"/api/v1/audit?to=2024-13-01", "to"},
      {"/api/v1/audit?from=2024-02-01&to=2024-01-01", "to"},
      {"/api/v1/audit?action=auth.login.maybe", "action"},
      {"/api/v1/audit?result=partly", "result"},
      {"/api/v1/audit?limit=0", "limit"},
      {"/api/v1/audit?limit=501", "limit"},
      {"/api/v1/audit?cursor=abc", "cursor"},
      {"/api/v1/audit?cursor=-5", "cursor"},
      {"/api/v1/audit?actoin=x", "query"},
      {"/api/v1/audit?limit=5&limit=6", "limit"},
      {"/api/v1/audit/export?format=xml", "format"},
      {"/api/v1/audit/export?after_seq=-1", "after_seq"},
      {"/api/v1/audit/export?verbose=1", "query"},
      {"/api/v1/audit?org_id=x", "org_id"},  // refused before the route: the org is the credential's
  };
  for (const auto& [path, field] : cases) {
    ApiResp r = call("GET", path, "", keys_["owner"]);
    EXPECT_EQ(r.status, 400) << path << " " << r.body;
    EXPECT_EQ(r.json()["error"]["code"], "invalid_argument") << path;
    EXPECT_EQ(r.field(), field) << path << " " << r.body;
  }
}

TEST_P(AuditApiTest, PagesCoverTheChainOnceNewestFirstAndFiltersApply) {
  append_events(org_a_, 37);
  const std::vector<json> all = all_pages("owner", "", 500);
  const std::vector<json> paged = all_pages("owner", "", 4);
  ASSERT_EQ(paged.size(), all.size());
  ASSERT_GE(paged.size(), 37u);
  for (std::size_t i = 0; i < paged.size(); ++i) {
    EXPECT_EQ(paged[i]["seq"], all[i]["seq"]);
    if (i > 0) {
      EXPECT_LT(paged[i]["seq"].get<std::int64_t>(), paged[i - 1]["seq"].get<std::int64_t>());
    }
  }
  const std::vector<json> settings = all_pages("owner", "&action=settings.changed", 10);
  EXPECT_EQ(settings.size(), 37u);
  for (const json& e : settings) EXPECT_EQ(e["action"], "settings.changed");
  const std::vector<json> keys = all_pages("owner", "&action=api_key.created&result=success", 500);
  EXPECT_EQ(keys.size(), 5u);  // the keys start() made for org A: owner, administrator, analyst, member, viewer
  EXPECT_TRUE(all_pages("owner", "&result=denied&action=api_key.created", 500).empty());
  // A window in the future holds nothing; one around now holds everything.
  EXPECT_TRUE(all_pages("owner", "&from=2999-01-01", 500).empty());
  EXPECT_EQ(all_pages("owner", "&from=2000-01-01&to=2999-01-01", 500).size(), all.size());
  EXPECT_EQ(all[0]["time"].get<std::string>().back(), 'Z');
}

TEST_P(AuditApiTest, ExportStreamsTheWholeChainWhichVerifiesOfflineAndIsAudited) {
  append_events(org_a_, 2345);  // more than two export batches
  ApiResp r = call("GET", "/api/v1/audit/export?format=jsonl", "", keys_["owner"]);
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(iequals(std::string(r.headers.get("Transfer-Encoding").value_or("")), "chunked"));
  EXPECT_FALSE(r.headers.has("Content-Length"));
  EXPECT_EQ(r.headers.get("Content-Type").value_or(""), "application/x-ndjson");
  std::istringstream lines(r.body);
  std::string line;
  std::string prev(audit::kGenesisHash);
  std::int64_t seq = 0;
  json last;
  while (std::getline(lines, line)) {
    const json j = json::parse(line, nullptr, false);
    ASSERT_FALSE(j.is_discarded()) << line;
    const audit::AuditRecord rec = record_of(j);
    EXPECT_EQ(rec.seq, ++seq);
    EXPECT_EQ(rec.prev_hash, prev) << "broken link at " << rec.seq;
    EXPECT_EQ(audit::compute_hash(rec), rec.hash) << "entry " << rec.seq << " does not hash to its hash";
    prev = rec.hash;
    last = j;
  }
  EXPECT_GE(seq, 2345);
  // The export recorded itself, and the file ends with that entry.
  EXPECT_EQ(last["action"], "audit.exported");
  EXPECT_EQ(last["actor_role"], "owner");
  EXPECT_EQ(last["context"]["format"], "jsonl");

  // after_seq ships only what a previous shipment lacked; the new export's own entry comes last.
  ApiResp tail = call("GET", "/api/v1/audit/export?format=jsonl&after_seq=" + std::to_string(seq), "", keys_["owner"]);
  ASSERT_EQ(tail.status, 200);
  std::istringstream tail_lines(tail.body);
  std::vector<json> tail_events;
  while (std::getline(tail_lines, line)) tail_events.push_back(json::parse(line));
  ASSERT_EQ(tail_events.size(), 1u);
  EXPECT_EQ(tail_events[0]["seq"], seq + 1);
  EXPECT_EQ(tail_events[0]["prev_hash"], prev);
}

TEST_P(AuditApiTest, CsvExportHasAHeaderAndOneLinePerEntry) {
  append_events(org_a_, 3);
  ApiResp r = call("GET", "/api/v1/audit/export?format=csv", "", keys_["owner"]);
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.headers.get("Content-Type").value_or(""), "text/csv; charset=utf-8");
  std::istringstream lines(r.body);
  std::string line;
  std::getline(lines, line);
  EXPECT_EQ(line, audit::csv_header());
  std::size_t rows = 0;
  std::string last;
  while (std::getline(lines, line)) {
    ++rows;
    last = line;
  }
  const std::vector<json> all = all_pages("owner", "", 500);
  EXPECT_EQ(rows, all.size());
  EXPECT_NE(last.find("audit.exported"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, AuditApiTest, ::testing::Values(store::Dialect::kSqlite, store::Dialect::kPostgres),
                         store::backend_name);

}  // namespace
}  // namespace fg::api
