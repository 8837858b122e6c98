// Every FOCUS sample in ../shared/data/focus-samples through the lenient reader. Expected results
// are computed here from the file's text, independently of the ingest code: a minimal CSV splitter,
// regular expressions for what can be interpreted (independent_csv.hpp), and an exact decimal adder
// (test_files.hpp).
#include <filesystem>
#include <fstream>
#include <map>

#include <gtest/gtest.h>

#include "costdb/cost_store.hpp"
#include "independent_csv.hpp"
#include "ingest/focus/focus_ingest.hpp"
#include "support/scope_for_test.hpp"
#include "support/test_env.hpp"
#include "test_files.hpp"

namespace fg::ingest {
namespace {

namespace fs = std::filesystem;

struct Expected {
  std::uint64_t rows = 0, quarantined = 0;
  std::map<std::pair<std::string, std::string>, test::DecimalSum> billed;  // (currency, service)
};

Expected expect_from_text(const std::string& text) {
  auto rows = test::parse_csv(text);
  Expected e;
  const auto& header = rows.at(0);
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const auto& row = rows[r];
    ++e.rows;
    if (!test::lenient_keeps(header, row)) {
      ++e.quarantined;
      continue;
    }
    auto cell = [&](const char* name) {
      const int c = test::column_index(header, name);
      return c < 0 || row[c] == "NULL" || row[c] == "null" ? std::string() : row[c];
    };
    const std::string billed = cell("BilledCost");
    test::DecimalSum& sum = e.billed[std::make_pair(cell("BillingCurrency"), cell("ServiceName"))];
    if (!billed.empty()) {
      EXPECT_TRUE(sum.add(billed));
    }
  }
  return e;
}

std::vector<std::string> sample_files() {
  std::vector<std::string> out;
  auto dir = fg::testing::shared_data_dir();
  if (!dir) return out;
  for (auto& e : fs::recursive_directory_iterator(fs::path(*dir) / "focus-samples")) {
    if (e.path().extension() == ".csv") out.push_back(e.path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(FocusSamples, EverySampleIngestsLenientlyWithIndependentlyComputedTotals) {
  const auto files = sample_files();
  if (files.empty()) GTEST_SKIP() << "shared sample data not found";
  ASSERT_GE(files.size(), 27u);
  const std::string dir = fg::testing::make_temp_dir("ingest-samples");
  auto store = *costdb::CostStore::open(dir);
  std::uint64_t quarantined_total = 0;
  int i = 0;
  for (const std::string& path : files) {
    SCOPED_TRACE(path);
    std::ifstream in(path, std::ios::binary);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const Expected e = expect_from_text(text);
    // One org per file, so each total stands alone.
    char id[40];
    std::snprintf(id, sizeof id, "00000000-0000-4000-8000-%012d", ++i);
    const OrgScope scope = fg::testing::ScopeForTest::org(*OrgId::parse(id));
    IngestOptions o;
    o.mode = IngestMode::kLenient;
    auto s = ingest_focus(*store, scope, {path}, o);
    ASSERT_TRUE(s.ok()) << s.status().message();
    EXPECT_TRUE(s->accepted);
    EXPECT_EQ(s->rows_read, e.rows);
    EXPECT_EQ(s->rows_quarantined, e.quarantined);
    EXPECT_EQ(s->rows_ingested, e.rows - e.quarantined);
    quarantined_total += s->rows_quarantined;
    EXPECT_FALSE(s->findings.empty());  // none of the samples is clean FOCUS (CORRECTIONS.md)

    costdb::Query q;
    q.group_by = {costdb::Dimension::of(costdb::Column::kServiceName)};
    auto r = store->query(scope, q);
    ASSERT_TRUE(r.ok());
    std::map<std::pair<std::string, std::string>, std::string> got;
    for (const auto& row : r->rows) got[{row.currency, row.keys[0]}] = row.sums.billed_cost.to_string();
    std::map<std::pair<std::string, std::string>, std::string> want;
    for (const auto& [k, sum] : e.billed) want[k] = sum.str();
    EXPECT_EQ(got, want);
  }
  EXPECT_GT(quarantined_total, 0u);  // the spec examples' 7/1/25 and "$1,000.00 " rows
}

TEST(FocusSamples, Focus10SampleHasItsKnownDefects) {
  auto dir = fg::testing::shared_data_dir();
  if (!dir) GTEST_SKIP() << "shared sample data not found";
  const std::string path = *dir + "/focus-samples/focus-1.0_sample_1000rows.csv";
  auto v = validate_focus(path);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->rows, 1000u);
  // From the sample's README: space-separated timestamps, unprefixed Id, NULL tokens, Oracle rows
  // without PricingCategory.
  for (const char* c : {"BillingPeriodStart", "BillingPeriodEnd", "ChargePeriodStart", "ChargePeriodEnd"}) {
    EXPECT_EQ(v->findings.count("format.datetime", c), 1000u) << c;
  }
  EXPECT_EQ(v->findings.count("column.unknown", "Id"), 1u);
  EXPECT_EQ(v->findings.count("column.missing", ""), 0u);

  std::ifstream in(path, std::ios::binary);
  const auto rows =
      test::parse_csv(std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>()));
  const auto& h = rows[0];
  const auto idx = [&](const char* n) { return std::find(h.begin(), h.end(), n) - h.begin(); };
  std::uint64_t null_tokens = 0, usage_without_pricing_category = 0;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    for (const std::string& c : rows[r]) null_tokens += c == "NULL";
    usage_without_pricing_category +=
        rows[r][idx("ChargeCategory")] == "Usage" &&
        (rows[r][idx("PricingCategory")] == "NULL" || rows[r][idx("PricingCategory")].empty());
  }
  EXPECT_EQ(v->findings.count("gate.usage_purchase_fields", "PricingCategory"), usage_without_pricing_category);
  EXPECT_GT(usage_without_pricing_category, 0u);
  std::uint64_t placeholder = 0;
  for (const ConformanceIssue& f : v->findings.list()) placeholder += f.rule == "null.placeholder" ? f.count : 0;
  EXPECT_EQ(placeholder, null_tokens);

  const std::string data = fg::testing::make_temp_dir("ingest-10");
  auto store = *costdb::CostStore::open(data);
  const OrgScope scope = fg::testing::ScopeForTest::org(*OrgId::parse("00000000-0000-4000-8000-0000000010a0"));
  IngestOptions o;
  o.mode = IngestMode::kLenient;
  auto s = ingest_focus(*store, scope, {path}, o);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->rows_ingested, 1000u);
  EXPECT_EQ(s->lenient_timestamps, 4000u);
  EXPECT_EQ(s->lenient_nulls, null_tokens);
  o.mode = IngestMode::kStrict;
  auto strict = ingest_focus(*store, scope, {path}, o);
  ASSERT_TRUE(strict.ok());
  EXPECT_FALSE(strict->accepted);
}

}  // namespace
}  // namespace fg::ingest
