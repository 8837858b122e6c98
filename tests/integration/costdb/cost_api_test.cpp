// The cost API over real sockets on 127.0.0.1, on SQLite and PostgreSQL: POST /api/v1/ingest, the
// ingest.upload job run by an in-process worker, GET /api/v1/ingest/{upload_id}, GET /api/v1/costs
// and GET /api/v1/costs/dimensions/{dim}. Expected totals are computed here from the file text with
// an exact decimal adder that shares nothing with fg::Money (unit/ingest/test_files.hpp).
#include <sys/stat.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <zlib.h>

#include "api/application/api_service.hpp"
#include "api/routes/costs/cost_routes.hpp"
#include "api/routes/identity/identity_api.hpp"
#include "api/routes/ingest/ingest_routes.hpp"
#include "api/routes/jobs/job_routes.hpp"
#include "app/ingest_caps.hpp"
#include "costdb/cost_store.hpp"
#include "identity/org_service.hpp"
#include "raw_client.hpp"
#include "support/store_fixture.hpp"
#include "support/subprocess.hpp"
#include "unit/ingest/independent_csv.hpp"
#include "unit/ingest/test_files.hpp"
#include "unthrottled_options.hpp"
#include "worker/handlers/ingest_upload_handler.hpp"
#include "worker/worker.hpp"

namespace fg::api {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr std::string_view kPassword = "canary-Passw0rd-zebra-lantern";
constexpr std::string_view kCanary = "CANARY-c0ffee-7f3e9b2a";
constexpr std::size_t kMaxUpload = 4 << 20;
constexpr int kMaxPending = 4;

struct Resp {
  int status = 0;
  std::string body;
  json js() const { return body.empty() ? json() : json::parse(body, nullptr, false); }
};

// ---- the independent expectation (unit/ingest/independent_csv.hpp) ----

struct Expected {
  std::uint64_t rows = 0, quarantined = 0;
  std::map<std::string, ingest::test::DecimalSum> billed;  // per BillingCurrency
  std::map<std::string, std::string> strings() const {
    std::map<std::string, std::string> out;
    for (const auto& [currency, sum] : billed) out[currency] = sum.str();
    return out;
  }
  void merge(const Expected& o) {
    rows += o.rows;
    quarantined += o.quarantined;
    for (const auto& [currency, sum] : o.billed) EXPECT_TRUE(billed[currency].add(sum.str()));
  }
};

// What a lenient ingest keeps (rows whose numbers and dates can be read and that have a billing
// period), and the per-currency BilledCost of those rows. A strict-clean file keeps every row.
Expected expect_from_text(const std::string& text) {
  using ingest::test::column_index;
  using ingest::test::is_null_cell;
  const auto rows = ingest::test::parse_csv(text);
  Expected e;
  const auto& header = rows.at(0);
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const auto& row = rows[r];
    ++e.rows;
    if (!ingest::test::lenient_keeps(header, row)) {
      ++e.quarantined;
      continue;
    }
    const int cur = column_index(header, "BillingCurrency"), billed = column_index(header, "BilledCost");
    ingest::test::DecimalSum& sum = e.billed[cur < 0 || is_null_cell(row[cur]) ? std::string() : row[cur]];
    if (billed >= 0 && !is_null_cell(row[billed])) {
      EXPECT_TRUE(sum.add(row[billed]));
    }
  }
  return e;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

std::string generate(int rows, int seed) {
  const testing::ProcessResult gen = testing::run_process(
      {std::string(FG_BINARY_DIR) + "/focus_gen", "--rows", std::to_string(rows), "--seed", std::to_string(seed)});
  EXPECT_EQ(gen.exit_code, 0);
  return gen.output;
}

void replace_all(std::string& s, const std::string& from, const std::string& to) {
  for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) {
    s.replace(at, from.size(), to);
  }
}

// ---- the fixture ----

class CostApiTest : public store::StoreTest {
 protected:
  struct Session {
    std::string headers;  // cookie and CSRF token
  };

  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    data_dir_ = testing::make_temp_dir("fg-cost-api-");
    Result<std::shared_ptr<costdb::CostStore>> store = costdb::CostStore::open(data_dir_);
    ASSERT_TRUE(store.ok());
    store_ = *store;
    ctx_ = std::make_unique<identity::IdentityContext>(
        identity::IdentityContext{*db_, audit_, SystemClock::instance(), hasher_, key_, {}});
    api_ = std::make_shared<IdentityApi>(*ctx_);
    org_a_ = make_org("Acme Corp", "owner@acme.test");
    org_b_ = make_org("Beta Ltd", "owner@beta.test");
    add_user(org_a_, "viewer@acme.test", "viewer");
    add_user(org_a_, "analyst@acme.test", "analyst");

    Config config;
    config.listen = "127.0.0.1:0";
    ApiServiceOptions options = api::test::unthrottled_service_options();
    ApiDependencies deps;
    install_identity(deps, api_);
    deps.route_sets.push_back([this](Router& r) { return install_jobs(r, *db_, audit_); });
    deps.route_sets.push_back([this](Router& r) {
      return install_ingest(
          r, *db_, audit_, {.data_dir = data_dir_, .max_upload_bytes = kMaxUpload, .max_pending_per_org = kMaxPending});
    });
    deps.route_sets.push_back([this](Router& r) { return install_costs(r, store_); });
    Result<std::unique_ptr<ApiService>> s = ApiService::start(config, std::move(deps), options);
    ASSERT_TRUE(s.ok()) << s.status().to_string();
    service_ = std::move(*s);
    port_ = service_->port();
  }

  void TearDown() override {
    if (worker_) {
      worker_->stop();
      worker_->wait();
    }
    if (service_) {
      service_->stop();
      service_->wait();
    }
  }

  //! A worker with the ingest caps of `config` (the defaults unless a test changes them).
  void start_worker(const Config& config = Config{}) {
    worker::HandlerTable table;
    ASSERT_TRUE(table
                    .add(jobs::kIngestUploadKind,
                         worker::IngestUploadHandler(data_dir_, store_, audit_, app::ingest_caps(config)))
                    .ok());
    worker::WorkerOptions options;
    options.concurrency = 2;
    options.poll = std::chrono::milliseconds(20);
    options.run_scheduler = false;
    worker_ = std::make_unique<worker::Worker>(*db_, std::move(table), options, metrics_, audit_);
    worker_->start();
  }

  OrgId make_org(const std::string& name, const std::string& email) {
    Result<identity::CreatedOrg> c = identity::create_org_with_owner(
        *ctx_, testing::ScopeForTest::org(OrgId::random(), {Actor::Kind::kOperator, "os:test", "operator"}),
        {name, email, std::string(kPassword), ""});
    EXPECT_TRUE(c.ok()) << c.status().to_string();
    return c.ok() ? c->org_id : OrgId();
  }

  void add_user(const OrgId& org, const std::string& email, const std::string& role) {
    const std::string id = Uuid::random().to_string();
    Result<store::SystemTransaction> tx = db_->begin_system();
    ASSERT_TRUE(tx->exec("INSERT INTO users (id, email, password_hash, created_at, updated_at) VALUES ($1, $2, $3, "
                         "1, 1)",
                         {id, email, *hasher_.hash(kPassword)})
                    .ok());
    ASSERT_TRUE(tx->commit().ok());
    Result<store::OrgTransaction> m = db_->begin(scope_for(org));
    ASSERT_TRUE(
        m->exec("INSERT INTO memberships (org_id, user_id, role, created_at) VALUES ($1, $2, $3, 1)", {org, id, role})
            .ok());
    ASSERT_TRUE(m->commit().ok());
  }

  Resp call(const std::string& method, const std::string& path, const std::string& body = "",
            const std::string& headers = "", const std::string& type = "application/json") {
    test::RawClient c(port_);
    std::string req = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + headers;
    if (!body.empty() || method == "POST") {
      if (!type.empty()) req += "Content-Type: " + type + "\r\n";
      req += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    }
    req += "\r\n" + body;
    EXPECT_TRUE(c.send(req));
    std::optional<test::RawResponse> r = c.read_response(std::chrono::seconds(30));
    EXPECT_TRUE(r.has_value()) << method << " " << path;
    if (!r) return {};
    responses_ += r->body;
    return Resp{r->status, r->body};
  }

  Session login(const std::string& email) {
    test::RawClient c(port_);
    const std::string body = json{{"email", email}, {"password", kPassword}}.dump();
    EXPECT_TRUE(
        c.send("POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Type: "
               "application/json\r\nContent-Length: " +
               std::to_string(body.size()) + "\r\n\r\n" + body));
    std::optional<test::RawResponse> r = c.read_response(std::chrono::seconds(30));
    EXPECT_TRUE(r && r->status == 200) << (r ? r->body : "no response");
    Session s;
    if (!r) return s;
    for (const Headers::Entry& h : r->headers.entries()) {
      if (!iequals(h.first, "Set-Cookie")) continue;
      const std::string v = h.second.substr(0, h.second.find(';'));
      if (v.rfind("fg_session=", 0) == 0) s.headers += "Cookie: " + v + "\r\n";
    }
    s.headers += "X-CSRF-Token: " + json::parse(r->body).value("csrf_token", "") + "\r\n";
    return s;
  }

  Resp upload(const Session& s, const std::string& query, const std::string& body,
              const std::string& type = "text/csv") {
    return call("POST", "/api/v1/ingest?" + query, body, s.headers, type);
  }

  //! Polls the job until it leaves queued/running; returns its JSON.
  json wait_job(const Session& s, const std::string& job_id) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(90);
    json j;
    while (std::chrono::steady_clock::now() < deadline) {
      Resp r = call("GET", "/api/v1/jobs/" + job_id, "", s.headers);
      j = r.js();
      const std::string status = j.value("status", "");
      if (status == "succeeded" || status == "dead" || status == "failed") return j;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ADD_FAILURE() << "job did not finish: " << j.dump();
    return j;
  }

  //! Uploads, waits for the job, and returns the upload's JSON.
  json ingest(const Session& s, const std::string& query, const std::string& body,
              const std::string& expect_status = "succeeded") {
    Resp r = upload(s, query, body);
    EXPECT_EQ(r.status, 202) << r.body;
    const json accepted = r.js();
    const json job = wait_job(s, accepted.value("job_id", ""));
    EXPECT_EQ(job.value("status", ""), expect_status) << job.dump();
    Resp u = call("GET", "/api/v1/ingest/" + accepted.value("upload_id", ""), "", s.headers);
    EXPECT_EQ(u.status, 200) << u.body;
    json out = u.js();
    out["job"] = job;
    return out;
  }

  //! Totals of GET /api/v1/costs as currency -> billed_cost.
  std::map<std::string, std::string> billed_totals(const Session& s, const std::string& query = "") {
    Resp r = call("GET", "/api/v1/costs" + query, "", s.headers);
    EXPECT_EQ(r.status, 200) << r.body;
    std::map<std::string, std::string> out;
    const json r_doc = r.js();  // the range must not borrow from a temporary
    for (const json& t : r_doc["totals"]) out[t.value("currency", "?")] = t.value("billed_cost", "?");
    return out;
  }

  //! Every cell of the org's rows in `table`, for the canary checks.
  std::string dump_table(const OrgId& org, const std::string& table) {
    Result<store::OrgTransaction> tx = db_->begin(scope_for(org), store::TxMode::kRead);
    EXPECT_TRUE(tx.ok());
    // The table name is a literal of this test, not input.
    Result<store::RowSet> rows = tx->query("SELECT * FROM " + table, {});
    EXPECT_TRUE(rows.ok()) << rows.status().to_string();
    std::string all;
    for (std::size_t r = 0; rows.ok() && r < rows->size(); ++r) {
      for (std::size_t c = 0; c < rows->columns().size(); ++c) all += rows->text(r, c) + "\n";
    }
    return all;
  }

  std::string data_dir_;
  std::shared_ptr<costdb::CostStore> store_;
  crypto::PasswordHasher hasher_{crypto::PasswordHasherOptions{{1, 8192}, 4, std::chrono::milliseconds(2000)}};
  identity::TotpKey key_ = identity::TotpKey::random_for_test();
  audit::AuditLog audit_;
  jobs::JobMetrics metrics_;
  std::unique_ptr<identity::IdentityContext> ctx_;
  std::shared_ptr<IdentityApi> api_;
  std::unique_ptr<ApiService> service_;
  std::unique_ptr<worker::Worker> worker_;
  std::uint16_t port_ = 0;
  OrgId org_a_, org_b_;
  std::string responses_;
};

TEST_P(CostApiTest, GeneratedFileTotalsEqualTheFileTextExactly) {
  start_worker();
  Session owner = login("owner@acme.test");
  const std::string csv = generate(3000, 7);
  const Expected want = expect_from_text(csv);
  ASSERT_EQ(want.quarantined, 0u);
  ASSERT_GE(want.billed.size(), 2u);  // focus_gen bills two accounts in EUR

  const json u = ingest(owner, "filename=gen-2024-09.csv", csv);
  EXPECT_EQ(u.value("status", ""), "succeeded");
  EXPECT_EQ(u.value("source", ""), "gen-2024-09.csv");
  EXPECT_EQ(u.value("size_bytes", 0u), csv.size());
  const json& summary = u["summary"];
  EXPECT_EQ(summary.value("rows_ingested", 0u), 3000u);
  EXPECT_EQ(summary.value("rows_quarantined", 1u), 0u);
  EXPECT_EQ(summary.value("rows_rounded", 1u), 0u);
  EXPECT_TRUE(summary["quarantine_report"].is_null());
  std::map<std::string, std::string> from_summary;
  for (const json& b : summary["billed_cost_by_currency"]) {
    from_summary[b["currency"].get<std::string>()] = b["billed_cost"].get<std::string>();
  }
  EXPECT_EQ(from_summary, want.strings());

  EXPECT_EQ(billed_totals(owner), want.strings());
  EXPECT_EQ(billed_totals(owner, "?from=2024-09-01&to=2024-10-01"), want.strings());
  EXPECT_TRUE(billed_totals(owner, "?from=2024-10-01&to=2024-11-01").empty());

  // Rows per (currency, service) add up to the totals; money stays an exact decimal string.
  Resp grouped = call("GET", "/api/v1/costs?group_by=service_name&top=1000", "", owner.headers);
  ASSERT_EQ(grouped.status, 200) << grouped.body;
  std::map<std::string, ingest::test::DecimalSum> row_sums;
  const json grouped_doc = grouped.js();  // the range must not borrow from a temporary
  for (const json& row : grouped_doc["rows"]) {
    ASSERT_TRUE(row["billed_cost"].is_string());
    EXPECT_TRUE(row_sums[row["currency"].get<std::string>()].add(row["billed_cost"].get<std::string>()));
  }
  std::map<std::string, std::string> row_totals;
  for (const auto& [currency, sum] : row_sums) row_totals[currency] = sum.str();
  EXPECT_EQ(row_totals, want.strings());  // one set of rows per currency, never merged
  Resp by_day = call("GET", "/api/v1/costs?group_by=service_name,day&metric=effective_cost&top=5", "", owner.headers);
  ASSERT_EQ(by_day.status, 200) << by_day.body;
  EXPECT_EQ(by_day.js().value("metric", ""), "effective_cost");
  const json by_day_doc = by_day.js();  // the range must not borrow from a temporary
  for (const json& row : by_day_doc["rows"]) {
    EXPECT_TRUE(row["keys"].contains("service_name") && row["keys"].contains("day")) << row.dump();
    EXPECT_EQ(row["keys"].value("day", "").rfind("2024-09-", 0), 0u) << row.dump();
  }

  // sums= returns only the sums asked for (plus the order metric's and the count); the ones it
  // returns equal the all-sums answer.
  Resp some = call("GET", "/api/v1/costs?group_by=service_name&top=1000&sums=effective_cost&metric=list_cost", "",
                   owner.headers);
  ASSERT_EQ(some.status, 200) << some.body;
  const json some_doc = some.js();
  const json all_doc =
      call("GET", "/api/v1/costs?group_by=service_name&top=1000&metric=list_cost", "", owner.headers).js();
  ASSERT_EQ(some_doc["rows"].size(), all_doc["rows"].size());
  for (std::size_t i = 0; i < some_doc["rows"].size(); ++i) {
    const json& r = some_doc["rows"][i];
    const json& a = all_doc["rows"][i];
    EXPECT_FALSE(r.contains("billed_cost") || r.contains("contracted_cost") || r.contains("consumed_quantity"))
        << r.dump();
    EXPECT_EQ(r["effective_cost"], a["effective_cost"]);
    EXPECT_EQ(r["list_cost"], a["list_cost"]);
    EXPECT_EQ(r["count"], a["count"]);
  }
  EXPECT_EQ(some_doc["totals"][0]["effective_cost"], all_doc["totals"][0]["effective_cost"]);

  Resp top = call("GET", "/api/v1/costs?group_by=service_name&top=3", "", owner.headers);
  std::map<std::string, int> per_currency;
  const json top_doc = top.js();  // the range must not borrow from a temporary
  for (const json& row : top_doc["rows"]) ++per_currency[row["currency"].get<std::string>()];
  for (const auto& [currency, n] : per_currency) EXPECT_EQ(n, 3) << currency;  // top-N is per currency

  // The upload file is gone once ingested; the store and the audit chain have it.
  EXPECT_TRUE(fs::is_empty(fs::path(data_dir_) / "uploads" / org_a_.to_string()));
  const std::string audit = dump_table(org_a_, "audit_events");
  EXPECT_NE(audit.find("ingest.requested"), std::string::npos);
  EXPECT_NE(audit.find("ingest.completed"), std::string::npos);
}

TEST_P(CostApiTest, SharedSamplesIngestLenientlyWithIndependentTotals) {
  const auto dir = testing::shared_data_dir();
  if (!dir) GTEST_SKIP() << "shared sample data not found";
  std::vector<std::string> files;
  for (auto& e : fs::recursive_directory_iterator(fs::path(*dir) / "focus-samples")) {
    if (e.path().extension() == ".csv") files.push_back(e.path().string());
  }
  std::sort(files.begin(), files.end());
  ASSERT_GE(files.size(), 27u);
  start_worker();
  Session owner = login("owner@acme.test");
  Expected all;
  std::uint64_t quarantined = 0;
  for (const std::string& path : files) {
    SCOPED_TRACE(path);
    const std::string text = read_file(path);
    const Expected e = expect_from_text(text);
    all.merge(e);
    // Sent as Content-Disposition, as a browser form would name the file.
    Resp r = call(
        "POST", "/api/v1/ingest?mode=lenient", text,
        owner.headers + "Content-Disposition: attachment; filename=\"" + fs::path(path).filename().string() + "\"\r\n",
        "text/csv");
    ASSERT_EQ(r.status, 202) << r.body;
    const json job = wait_job(owner, r.js().value("job_id", ""));
    ASSERT_EQ(job.value("status", ""), "succeeded") << job.dump();
    const json u = call("GET", "/api/v1/ingest/" + r.js().value("upload_id", ""), "", owner.headers).js();
    EXPECT_EQ(u.value("source", ""), fs::path(path).filename().string());
    EXPECT_EQ(u["summary"].value("rows_read", 0u), e.rows);
    EXPECT_EQ(u["summary"].value("rows_quarantined", 0u), e.quarantined);
    EXPECT_FALSE(u["summary"]["findings"].empty());  // none of the samples is clean FOCUS
    if (e.quarantined > 0) {
      // The report sits beside the upload, under the org's directory, named relative to DATA_DIR.
      const std::string report = u["summary"].value("quarantine_report", "");
      EXPECT_EQ(report.rfind("uploads/" + org_a_.to_string() + "/", 0), 0u) << report;
      EXPECT_TRUE(fs::exists(fs::path(data_dir_) / report));
    }
    // The upload itself is gone once ingested; only the report (swept by uploads.cleanup) stays.
    EXPECT_FALSE(fs::exists(fs::path(data_dir_) / "uploads" / org_a_.to_string() / u.value("id", "")));
    quarantined += e.quarantined;
  }
  EXPECT_GT(quarantined, 0u);
  EXPECT_EQ(billed_totals(owner), all.strings());
}

TEST_P(CostApiTest, StrictRejectionKillsTheJobAndLeavesTheStoreUntouched) {
  const auto dir = testing::shared_data_dir();
  if (!dir) GTEST_SKIP() << "shared sample data not found";
  start_worker();
  Session owner = login("owner@acme.test");
  ingest(owner, "source=baseline", generate(500, 3));
  const std::string before = call("GET", "/api/v1/costs?group_by=service_name&top=1000", "", owner.headers).body;
  Result<std::vector<costdb::Partition>> parts_before = store_->partitions(scope_for(org_a_));
  ASSERT_TRUE(parts_before.ok());

  // The 1.0 sample breaks strict FOCUS (space-separated times, NULL tokens, an unprefixed column).
  const std::string name = std::string(kCanary) + ".csv";
  const json u = ingest(owner, "mode=strict&filename=" + name,
                        read_file(*dir + "/focus-samples/focus-1.0_sample_1000rows.csv"), "dead");
  EXPECT_EQ(u.value("status", ""), "failed");
  const std::string last_error = u["job"].value("last_error", "");
  EXPECT_NE(last_error.find("strict mode rejected"), std::string::npos) << last_error;
  EXPECT_EQ(last_error.find(std::string(kCanary)), std::string::npos) << last_error;
  EXPECT_EQ(last_error.find(data_dir_), std::string::npos) << last_error;
  EXPECT_EQ(u["job"].value("attempts", 0), 1);  // permanent: not retried
  EXPECT_FALSE(u["summary"]["accepted"].get<bool>());
  EXPECT_FALSE(u["summary"]["findings"].empty());

  EXPECT_EQ(call("GET", "/api/v1/costs?group_by=service_name&top=1000", "", owner.headers).body, before);
  Result<std::vector<costdb::Partition>> parts_after = store_->partitions(scope_for(org_a_));
  ASSERT_TRUE(parts_after.ok());
  ASSERT_EQ(parts_after->size(), parts_before->size());
  for (std::size_t i = 0; i < parts_after->size(); ++i) EXPECT_EQ((*parts_after)[i].source, (*parts_before)[i].source);
  // The job is over: the rejected bytes are removed; the upload record keeps their size and sha256.
  EXPECT_FALSE(fs::exists(fs::path(data_dir_) / "uploads" / org_a_.to_string() / u.value("id", "")));
  EXPECT_EQ(u.value("sha256", "").size(), 64u);
  EXPECT_GT(u.value("size_bytes", 0), 0);
}

// Issue 20: a 10 KB gzip of a FOCUS header and 5M lines of "x" expanded to 10 MB and a 314 MB
// quarantine report. With the default caps the job is dead at once, names the cap, and writes nothing.
TEST_P(CostApiTest, DecompressionBombKillsTheJobNamingTheCapAndWritesNothing) {
  start_worker();
  Session owner = login("owner@acme.test");
  ingest(owner, "source=baseline", generate(50, 3));
  const std::string before = call("GET", "/api/v1/costs?group_by=service_name&top=1000", "", owner.headers).body;

  std::string text = generate(1, 4).substr(0, generate(1, 4).find('\n') + 1);  // the header
  text.reserve(text.size() + 10'000'000);
  for (int i = 0; i < 5'000'000; ++i) text += "x\n";
  z_stream z{};
  ASSERT_EQ(deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY), Z_OK);  // 15 + 16: a gzip wrapper
  std::string gz(deflateBound(&z, text.size()), '\0');
  z.next_in = reinterpret_cast<Bytef*>(text.data());
  z.avail_in = static_cast<uInt>(text.size());
  z.next_out = reinterpret_cast<Bytef*>(gz.data());
  z.avail_out = static_cast<uInt>(gz.size());
  ASSERT_EQ(deflate(&z, Z_FINISH), Z_STREAM_END);
  gz.resize(z.total_out);
  deflateEnd(&z);
  ASSERT_LT(gz.size(), 64u * 1024);

  for (const char* mode : {"lenient", "strict"}) {
    Resp r = upload(owner, std::string("source=bomb-") + mode + "&mode=" + mode, gz, "application/gzip");
    ASSERT_EQ(r.status, 202) << r.body;
    const json job = wait_job(owner, r.js().value("job_id", ""));
    EXPECT_EQ(job.value("status", ""), "dead") << job.dump();
    EXPECT_EQ(job.value("attempts", 0), 1);
    const std::string last_error = job.value("last_error", "");
    // Lenient reads on to the ratio cap; strict may stop first at its error cap (every row is bad).
    const bool named = last_error.find("(setting ingest_max_expansion_ratio)") != std::string::npos ||
                       (std::string(mode) == "strict" &&
                        last_error.find("(setting ingest_max_strict_error_rows)") != std::string::npos);
    EXPECT_TRUE(named) << last_error;
    EXPECT_NE(last_error.find("nothing was written"), std::string::npos) << last_error;
    const std::string upload_id = r.js().value("upload_id", "");
    // No quarantine report was produced (the lenient run stopped at the cap before writing one).
    EXPECT_EQ(call("GET", "/api/v1/ingest/" + upload_id + "/quarantine", "", owner.headers).status, 404);
  }
  EXPECT_EQ(call("GET", "/api/v1/costs?group_by=service_name&top=1000", "", owner.headers).body, before);
}

// Issue 20: past the quarantine cap a lenient ingest keeps counting and stops writing lines; past the
// error cap a strict ingest stops reading; past the row cap the job is dead. Each says so.
TEST_P(CostApiTest, QuarantineErrorAndRowCapsAreReportedInTheJobResult) {
  Config config;
  config.ingest_caps.max_quarantine_rows = 5;
  config.ingest_caps.max_strict_error_rows = 3;
  config.ingest_caps.max_rows = 40;
  start_worker(config);
  Session owner = login("owner@acme.test");
  std::string text = generate(30, 7);
  std::vector<std::string> lines;
  for (std::size_t at = 0, next; at < text.size(); at = next + 1) {
    next = text.find('\n', at);
    if (next == std::string::npos) next = text.size();
    lines.push_back(text.substr(at, next - at));
  }
  // Every data line gets a BilledCost (the generator's second column) that is not a number.
  ASSERT_EQ(lines[0].substr(lines[0].find(',') + 1, 11), "BilledCost,");
  std::string bad = lines[0] + "\n";
  for (std::size_t i = 1; i < lines.size(); ++i) {
    if (lines[i].empty()) continue;
    const std::string& l = lines[i];
    const std::size_t first = l.find(',');
    const std::size_t second = l.find(',', first + 1);
    bad += l.substr(0, first + 1) + "not-a-number" + l.substr(second) + "\n";
  }
  const json lenient = ingest(owner, "source=capped-lenient&mode=lenient", bad);
  EXPECT_EQ(lenient["summary"].value("rows_quarantined", 0), 30);
  EXPECT_EQ(lenient["summary"].value("quarantine_lines", 0), 5);
  EXPECT_TRUE(lenient["summary"].value("quarantine_truncated", false));
  Resp report = call("GET", "/api/v1/ingest/" + lenient.value("id", "") + "/quarantine", "", owner.headers);
  ASSERT_EQ(report.status, 200);
  EXPECT_EQ(std::count(report.body.begin(), report.body.end(), '\n'), 6);  // the header and 5 lines

  const json strict = ingest(owner, "source=capped-strict&mode=strict", bad, "dead");
  EXPECT_TRUE(strict["summary"].value("validation_stopped", false));
  EXPECT_EQ(strict["summary"].value("rows_read", 0), 3);
  EXPECT_NE(strict["job"].value("last_error", "").find("ingest_max_strict_error_rows"), std::string::npos);

  const json many = ingest(owner, "source=capped-rows", generate(41, 8), "dead");
  EXPECT_NE(many["job"].value("last_error", "").find("ingest_max_rows"), std::string::npos);
  EXPECT_EQ(ingest(owner, "source=under-rows", generate(40, 8)).value("status", ""), "succeeded");
}

// Issue 20: invalid UTF-8 in a cell made the explorer answer 500 for the org from then on. Lenient
// ingest stores it with U+FFFD (counted), and the explorer answers 200.
TEST_P(CostApiTest, InvalidUtf8InACellIsRepairedAndTheExplorerKeepsAnswering) {
  start_worker();
  Session owner = login("owner@acme.test");
  std::string text = generate(20, 9);
  // Rows whose ServiceName starts "Service 0" (the generator's names are "Service NNN ...").
  std::size_t damaged = 0;
  for (std::size_t at = text.find("Service 0"); at != std::string::npos; at = text.find("Service 0", at + 1)) ++damaged;
  ASSERT_GT(damaged, 0u);
  replace_all(text, "Service 0", "Se\xffrvice 0");
  const json strict = ingest(owner, "source=utf8-strict", text, "dead");
  EXPECT_NE(strict["job"].value("last_error", "").find("format.utf8"), std::string::npos) << strict.dump();
  const json u = ingest(owner, "source=utf8&mode=lenient", text);
  EXPECT_EQ(u["summary"].value("lenient_utf8", 0u), damaged);
  EXPECT_EQ(u["summary"].value("rows_ingested", 0), 20);
  const Resp costs = call("GET", "/api/v1/costs?group_by=service_name&top=1000", "", owner.headers);
  ASSERT_EQ(costs.status, 200) << costs.body;
  EXPECT_NE(costs.body.find("Se\xef\xbf\xbdrvice 0"), std::string::npos);
  const Resp dims = call("GET", "/api/v1/costs/dimensions/service_name", "", owner.headers);
  ASSERT_EQ(dims.status, 200) << dims.body;
  EXPECT_EQ(dims.body.find('\xff'), std::string::npos);
}

// Native exports through the API (issue 23): detected, or read as the upload's format; the upload and
// its summary say which. The mapping itself is tested in tests/unit/ingest/native_formats_test.cpp.
TEST_P(CostApiTest, NativeExportsAreDetectedOrReadAsTheUploadsFormat) {
  start_worker();
  Session owner = login("owner@acme.test");
  const std::string cur =
      "lineItem/LineItemType,lineItem/UsageStartDate,bill/BillingPeriodStartDate,lineItem/UnblendedCost,"
      "lineItem/CurrencyCode,lineItem/ProductCode\n"
      "Usage,2023-05-02T00:00:00Z,2023-05-01T00:00:00Z,0.1,USD,AmazonS3\n"
      "Usage,2023-05-02T01:00:00Z,2023-05-01T00:00:00Z,0.2,USD,AmazonS3\n";
  json u = ingest(owner, "source=cur", cur);
  EXPECT_EQ(u.value("format", ""), "auto");
  EXPECT_EQ(u["summary"].value("format", ""), "aws-cur");
  EXPECT_EQ(billed_totals(owner, "?from=2023-05-01&to=2023-06-01"),
            (std::map<std::string, std::string>{{"USD", "0.3"}}));
  // The same file read as FOCUS lacks FOCUS's columns: strict mode rejects it, naming the rule.
  u = ingest(owner, "source=cur-as-focus&format=focus", cur, "dead");
  EXPECT_EQ(u.value("format", ""), "focus");
  EXPECT_NE(u["job"].value("last_error", "").find("column.missing"), std::string::npos) << u.dump();
  // Read as a GCP export, the CUR lacks the columns the mapping needs: the job names one.
  u = ingest(owner, "source=cur-as-gcp&format=gcp-billing", cur, "dead");
  EXPECT_NE(u["job"].value("last_error", "").find("gcp-billing: the header has no column"), std::string::npos)
      << u.dump();
  EXPECT_EQ(billed_totals(owner, "?from=2023-05-01&to=2023-06-01"),
            (std::map<std::string, std::string>{{"USD", "0.3"}}));
}

TEST_P(CostApiTest, ReuploadingASourceReplacesItsPeriodAndOtherSourcesAccumulate) {
  start_worker();
  Session owner = login("owner@acme.test");
  const std::string first = generate(800, 11), second = generate(600, 12);
  const Expected e1 = expect_from_text(first), e2 = expect_from_text(second);
  ASSERT_NE(e1.strings(), e2.strings());
  ingest(owner, "filename=monthly.csv", first);
  EXPECT_EQ(billed_totals(owner), e1.strings());
  // The same source (the file name) again: its billing period is replaced, not added to.
  const json again = ingest(owner, "filename=monthly.csv", second);
  EXPECT_EQ(again["summary"].value("replaced_partitions", 0u), 1u);
  EXPECT_EQ(billed_totals(owner), e2.strings());
  // A different source accumulates.
  ingest(owner, "source=other-feed", first);
  Expected both = e2;
  both.merge(e1);
  EXPECT_EQ(billed_totals(owner), both.strings());
}

TEST_P(CostApiTest, APendingUploadOfTheSameSourceConflicts) {
  Session owner = login("owner@acme.test");
  const std::string csv = generate(50, 5);
  Resp first = upload(owner, "source=feed", csv);
  ASSERT_EQ(first.status, 202) << first.body;
  EXPECT_EQ(upload(owner, "source=feed", csv).status, 409);
  EXPECT_EQ(upload(owner, "source=another", csv).status, 202);
  // Only the accepted uploads are on disk.
  EXPECT_EQ(std::distance(fs::directory_iterator(fs::path(data_dir_) / "uploads" / org_a_.to_string()),
                          fs::directory_iterator()),
            2);
  start_worker();
  EXPECT_EQ(wait_job(owner, first.js().value("job_id", "")).value("status", ""), "succeeded");
  EXPECT_EQ(upload(owner, "source=feed", csv).status, 202);
}

// Issue 20 (low): the pending-source 409 and the org's pending-upload cap are answered from the header
// alone. The requests below declare 3 MiB and send none of it: an answer proves the body was not awaited.
TEST_P(CostApiTest, PendingSourceAndPendingCapAreRefusedBeforeTheBody) {
  Session owner = login("owner@acme.test");
  const std::string csv = generate(20, 5);
  auto header_only = [&](const std::string& query) {
    test::RawClient c(port_);
    EXPECT_TRUE(c.send("POST /api/v1/ingest?" + query + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" +
                       owner.headers + "Content-Type: text/csv\r\nContent-Length: 3145728\r\n\r\n"));
    std::optional<test::RawResponse> r = c.read_response(std::chrono::seconds(10));
    return r ? r->status : 0;
  };
  ASSERT_EQ(upload(owner, "source=feed-0", csv).status, 202);
  EXPECT_EQ(header_only("source=feed-0"), 409);
  for (int i = 1; i < kMaxPending; ++i) ASSERT_EQ(upload(owner, "source=feed-" + std::to_string(i), csv).status, 202);
  EXPECT_EQ(header_only("source=one-more"), 429);
  Session beta = login("owner@beta.test");
  EXPECT_EQ(upload(beta, "source=feed-0", csv).status, 202) << "the cap and the source are per org";
  // Once the worker has ingested them, the org may upload again.
  start_worker();
  int status = 0;
  for (auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
       status != 202 && std::chrono::steady_clock::now() < deadline;) {
    status = upload(owner, "source=after", csv).status;
    if (status != 202) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_EQ(status, 202);
}

TEST_P(CostApiTest, AuthenticationPermissionsAndOtherOrgs) {
  start_worker();
  Session owner = login("owner@acme.test");
  Session viewer = login("viewer@acme.test");
  Session analyst = login("analyst@acme.test");
  Session beta = login("owner@beta.test");
  const json u = ingest(owner, "filename=a.csv", generate(300, 21));
  const std::string upload_id = u.value("id", ""), job_id = u["job"].value("id", "");

  for (const auto& [method, path] :
       std::vector<std::pair<std::string, std::string>>{{"POST", "/api/v1/ingest?source=x"},
                                                        {"GET", "/api/v1/ingest/" + upload_id},
                                                        {"GET", "/api/v1/costs"},
                                                        {"GET", "/api/v1/costs/dimensions/service_name"}}) {
    EXPECT_EQ(call(method, path, method == "POST" ? "a,b\n" : "", "", "text/csv").status, 401) << path;
  }
  // The OpenAPI document lists the four operations with their permission and security.
  const json doc = call("GET", "/api/v1/openapi.json").js();
  EXPECT_EQ(doc["paths"]["/api/v1/ingest"]["post"].value("x-permission", ""), "ingest.run");
  EXPECT_TRUE(doc["paths"]["/api/v1/ingest"]["post"]["requestBody"]["content"].contains("text/csv"));
  EXPECT_EQ(doc["paths"]["/api/v1/ingest/{upload_id}"]["get"].value("x-permission", ""), "ingest.run");
  EXPECT_EQ(doc["paths"]["/api/v1/costs"]["get"].value("x-permission", ""), "costs.read");
  EXPECT_EQ(doc["paths"]["/api/v1/costs/dimensions/{dim}"]["get"].value("x-permission", ""), "costs.read");
  EXPECT_FALSE(doc["paths"]["/api/v1/costs"]["get"]["security"].empty());

  // ingest.run is Administrator and up; costs.read is every role.
  EXPECT_EQ(upload(viewer, "source=x", "a,b\n").status, 403);
  EXPECT_EQ(upload(analyst, "source=x", "a,b\n").status, 403);
  EXPECT_EQ(call("GET", "/api/v1/ingest/" + upload_id, "", viewer.headers).status, 403);
  EXPECT_EQ(call("GET", "/api/v1/costs", "", viewer.headers).status, 200);
  EXPECT_EQ(call("GET", "/api/v1/costs/dimensions/region", "", viewer.headers).status, 200);

  // Org B sees none of org A's upload, job, costs or dimension values.
  EXPECT_EQ(call("GET", "/api/v1/ingest/" + upload_id, "", beta.headers).status, 404);
  EXPECT_EQ(call("GET", "/api/v1/jobs/" + job_id, "", beta.headers).status, 404);
  EXPECT_TRUE(billed_totals(beta).empty());
  EXPECT_TRUE(call("GET", "/api/v1/costs/dimensions/service_name", "", beta.headers).js()["values"].empty());

  // Org B ingests services of its own; org A never sees them, and B never sees A's.
  std::string b_csv = generate(300, 22);
  replace_all(b_csv, "Service ", "OrgBService ");
  ingest(beta, "filename=b.csv", b_csv);
  const json a_values = call("GET", "/api/v1/costs/dimensions/service_name?limit=1000", "", owner.headers).js();
  const json b_values = call("GET", "/api/v1/costs/dimensions/service_name?limit=1000", "", beta.headers).js();
  ASSERT_FALSE(a_values["values"].empty());
  ASSERT_FALSE(b_values["values"].empty());
  for (const json& v : a_values["values"]) EXPECT_EQ(v.get<std::string>().rfind("OrgBService", 0), std::string::npos);
  for (const json& v : b_values["values"]) EXPECT_EQ(v.get<std::string>().rfind("OrgBService", 0), 0u);
  EXPECT_EQ(billed_totals(owner), expect_from_text(generate(300, 21)).strings());
  EXPECT_EQ(billed_totals(beta), expect_from_text(b_csv).strings());
  Resp b_rows = call("GET", "/api/v1/costs?group_by=service_name&top=1000", "", beta.headers);
  EXPECT_EQ(b_rows.body.find("\"Service "), std::string::npos);

  // Dimension values: prefix and limit.
  const json some =
      call("GET", "/api/v1/costs/dimensions/service?prefix=OrgBService%200&limit=2", "", beta.headers).js();
  EXPECT_EQ(some.value("dimension", ""), "service_name");
  EXPECT_EQ(some["values"].size(), 2u);
  EXPECT_TRUE(some.value("truncated", false));
  const json teams = call("GET", "/api/v1/costs/dimensions/tag:team?prefix=da", "", owner.headers).js();
  EXPECT_EQ(teams["values"], json::array({"data"}));
}

TEST_P(CostApiTest, BadParametersAre400NamingTheField) {
  Session owner = login("owner@acme.test");
  struct Case {
    std::string path, field;
  };
  for (const Case& c : std::vector<Case>{{"/api/v1/costs?group_by=nope", "group_by"},
                                         {"/api/v1/costs?group_by=service_name,service_name", "group_by"},
                                         {"/api/v1/costs?filter[nope]=1", "filter[nope]"},
                                         {"/api/v1/costs?filter%5Bday%5D=1", "filter[day]"},
                                         {"/api/v1/costs?metric=dollars", "metric"},
                                         {"/api/v1/costs?from=last-week", "from"},
                                         {"/api/v1/costs?to=2024-02-30", "to"},
                                         {"/api/v1/costs?from=2024-10-01&to=2024-09-01", "from"},
                                         {"/api/v1/costs?top=0", "top"},
                                         {"/api/v1/costs?top=1001", "top"},
                                         {"/api/v1/costs?top=x", "top"},
                                         {"/api/v1/costs?sums=count", "sums"},
                                         {"/api/v1/costs?sums=billed_cost,billed_cost", "sums"},
                                         {"/api/v1/costs?sums=", "sums"},
                                         // Unknown names are the field "query" on every route (issue 21); the
                                         // message names them (checked below).
                                         {"/api/v1/costs?colour=red", "query"},
                                         {"/api/v1/costs/dimensions/nope", "dim"},
                                         {"/api/v1/costs/dimensions/hour", "dim"},
                                         {"/api/v1/costs/dimensions/region?limit=0", "limit"},
                                         {"/api/v1/costs/dimensions/region?prefix=a&prefix=b", "prefix"},
                                         {"/api/v1/ingest/not-a-uuid", "upload_id"}}) {
    Resp r = call("GET", c.path, "", owner.headers);
    EXPECT_EQ(r.status, 400) << c.path << " " << r.body;
    EXPECT_EQ(r.js()["error"].value("field", ""), c.field) << c.path << " " << r.body;
  }
  const std::string colour = call("GET", "/api/v1/costs?colour=red", "", owner.headers).js()["error"]["message"];
  EXPECT_NE(colour.find("unknown parameter \"colour\""), std::string::npos) << colour;
  const std::string misspelt = call("GET", "/api/v1/jobs?statsu=dead", "", owner.headers).js()["error"]["message"];
  EXPECT_NE(misspelt.find("unknown parameter \"statsu\""), std::string::npos) << misspelt;
  for (const Case& c : std::vector<Case>{{"mode=fast&source=a", "mode"},
                                         {"format=cur&source=a", "format"},
                                         {"source=..%2Fetc", "source"},
                                         {"source=", "source"},
                                         {"source=" + std::string(129, 'a'), "source"},
                                         {"filename=%2Ftmp%2F.hidden", "filename"},
                                         {"", "source"},
                                         {"source=a&org_id=x", "org_id"},
                                         {"source=a&what=1", "query"}}) {
    Resp r = upload(owner, c.path, "a,b\n1,2\n");
    EXPECT_EQ(r.status, 400) << c.path << " " << r.body;
    EXPECT_EQ(r.js()["error"].value("field", ""), c.field) << c.path << " " << r.body;
  }
  // A path in the file name is cut to its base name, which becomes the source.
  Resp based = upload(owner, "filename=C%3A%5Cexports%5Cseptember.csv", "a,b\n1,2\n");
  ASSERT_EQ(based.status, 202) << based.body;
  EXPECT_EQ(
      call("GET", "/api/v1/ingest/" + based.js().value("upload_id", ""), "", owner.headers).js().value("source", ""),
      "september.csv");
  EXPECT_EQ(upload(owner, "source=empty", "").status, 400);
  EXPECT_EQ(upload(owner, "source=json", "{}", "application/json").status, 415);
  EXPECT_EQ(upload(owner, "source=none", "a,b\n", "").status, 415);
  EXPECT_EQ(upload(owner, "source=gz", "\x1f\x8b", "application/gzip").status, 202);
}

TEST_P(CostApiTest, OversizedUploadIs413AndLeavesNoFile) {
  Session owner = login("owner@acme.test");
  // Declared too large: refused before a byte of the body is read.
  test::RawClient c(port_);
  ASSERT_TRUE(c.send("POST /api/v1/ingest?source=big HTTP/1.1\r\nHost: 127.0.0.1\r\n" + owner.headers +
                     "Content-Type: text/csv\r\nContent-Length: " + std::to_string(kMaxUpload + 1) + "\r\n\r\nabc"));
  std::optional<test::RawResponse> r = c.read_response(std::chrono::seconds(10));
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 413);
  // A chunked body past the limit is cut off the same way (tests/integration/api/server_test.cpp).
  EXPECT_FALSE(fs::exists(fs::path(data_dir_) / "uploads" / org_a_.to_string()));
  // Just under the limit is accepted (the content is the job's concern).
  EXPECT_EQ(upload(owner, "source=fits", std::string(kMaxUpload - 64, 'y')).status, 202);
}

TEST_P(CostApiTest, CanaryInTheFileNameAndBodyNeverReachesTheJobsTable) {
  start_worker();
  Session owner = login("owner@acme.test");
  std::string csv = generate(200, 31);
  replace_all(csv, ",focus_gen\n", "," + std::string(kCanary) + "\n");  // the x_Generator column
  ASSERT_NE(csv.find(std::string(kCanary)), std::string::npos);
  const std::string name = "billing-" + std::string(kCanary) + ".csv";
  ingest(owner, "filename=" + name, csv);
  // A failing one too, so that last_error is set.
  std::string bad = csv;
  replace_all(bad, "2024-09-01T00:00:00Z", "2024-09-01 00:00:00");
  ingest(owner, "mode=strict&filename=bad-" + name, bad, "dead");
  const std::string jobs = dump_table(org_a_, "jobs");
  EXPECT_NE(jobs.find("ingest.upload"), std::string::npos);
  EXPECT_EQ(jobs.find(std::string(kCanary)), std::string::npos) << jobs;
  EXPECT_EQ(jobs.find(data_dir_), std::string::npos) << jobs;
  Resp listed = call("GET", "/api/v1/jobs", "", owner.headers);
  EXPECT_EQ(listed.body.find(std::string(kCanary)), std::string::npos);
}

// BilledCost (the second column, before any quoted cell) of data line `line` (1 = the first) becomes `value`.
std::string with_billed_cost(std::string csv, int line, const std::string& value) {
  std::size_t at = 0;
  for (int i = 0; i < line; ++i) at = csv.find('\n', at) + 1;
  const std::size_t first = csv.find(',', at), second = csv.find(',', first + 1);
  csv.replace(first + 1, second - first - 1, value);
  return csv;
}

// GET /api/v1/ingest/{upload_id}/quarantine: the lenient report as written by the job, to its org's
// Administrators only; uploads without a report, removed reports and other orgs' uploads are 404.
TEST_P(CostApiTest, QuarantineReportDownloadsExactlyForItsOrgOnly) {
  start_worker();
  Session owner = login("owner@acme.test");
  Session viewer = login("viewer@acme.test");
  Session beta = login("owner@beta.test");
  const std::string csv = with_billed_cost(with_billed_cost(generate(100, 41), 2, "12.3.4"), 5, "lots");
  const json u = ingest(owner, "mode=lenient&source=quarantined", csv);
  ASSERT_EQ(u["summary"].value("rows_quarantined", 0), 2) << u.dump();
  const std::string id = u.value("id", ""), path = "/api/v1/ingest/" + id + "/quarantine";
  const fs::path report = fs::path(data_dir_) / "uploads" / org_a_.to_string() / (id + ".quarantine.csv");
  ASSERT_TRUE(fs::exists(report));

  Resp got = call("GET", path, "", owner.headers);
  ASSERT_EQ(got.status, 200) << got.body;
  EXPECT_EQ(got.body, read_file(report.string()));
  // input,line,reason: the two broken rows are file lines 3 and 6 (the header is line 1).
  EXPECT_EQ(std::count(got.body.begin(), got.body.end(), '\n'), 3) << got.body;
  EXPECT_NE(got.body.find(",3,"), std::string::npos) << got.body;
  EXPECT_NE(got.body.find(",6,"), std::string::npos) << got.body;

  EXPECT_EQ(call("GET", path).status, 401);
  EXPECT_EQ(call("GET", path, "", viewer.headers).status, 403);
  EXPECT_EQ(call("GET", path, "", beta.headers).status, 404);
  EXPECT_EQ(call("GET", "/api/v1/ingest/" + Uuid::random().to_string() + "/quarantine", "", owner.headers).status, 404);
  Resp bad_id = call("GET", "/api/v1/ingest/not-a-uuid/quarantine", "", owner.headers);
  EXPECT_EQ(bad_id.status, 400);
  EXPECT_EQ(bad_id.js()["error"].value("field", ""), "upload_id");
  // A path in the id never reaches the file system: the router matches no route.
  EXPECT_EQ(call("GET", "/api/v1/ingest/..%2F..%2Fkeys/quarantine", "", owner.headers).status, 404);
  Resp bad_query = call("GET", path + "?format=zip", "", owner.headers);
  EXPECT_EQ(bad_query.status, 400);
  EXPECT_EQ(bad_query.js()["error"].value("field", ""), "query");  // unknown names are not echoed

  // A strict, clean upload has no report; a report the retention sweep removed is gone.
  const json clean = ingest(owner, "source=clean", generate(50, 42));
  EXPECT_EQ(call("GET", "/api/v1/ingest/" + clean.value("id", "") + "/quarantine", "", owner.headers).status, 404);
  fs::remove(report);
  EXPECT_EQ(call("GET", path, "", owner.headers).status, 404);
}

TEST_P(CostApiTest, ProbeUnauthFindsNoOpenOperation) {
  const std::string tool = std::string(FG_SOURCE_DIR) + "/../shared/tools/probe-unauth";
  if (!std::ifstream(tool)) GTEST_SKIP() << "no " << tool;
  const std::string cmd = "python3 " + tool + " http://127.0.0.1:" + std::to_string(port_) + " > /dev/null";
  EXPECT_EQ(std::system(cmd.c_str()), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, CostApiTest, ::testing::Values(store::Dialect::kSqlite, store::Dialect::kPostgres),
                         store::backend_name);

}  // namespace
}  // namespace fg::api
