#include "costdb/cost_store.hpp"

#include <filesystem>

#include <gtest/gtest.h>

#include "support/scope_for_test.hpp"
#include "support/test_env.hpp"
#include "test_rows.hpp"

namespace fg::costdb {
namespace {

using test::RowBuilder;
using testing::ScopeForTest;

OrgScope org(const char* id) {
  return ScopeForTest::org(*OrgId::parse(id));
}
const char* kOrgA = "11111111-1111-4111-8111-111111111111";
const char* kOrgB = "22222222-2222-4222-8222-222222222222";

class CostStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fg::testing::make_temp_dir("costdb-store");
    StoreOptions o;
    o.max_segment_rows = 3;  // several segments per partition even in small tests
    store_ = *CostStore::open(dir_, o);
  }
  void deliver(const OrgScope& scope, const std::string& source,
               const std::vector<std::tuple<const char*, const char*, const char*, const char*, const char*>>& rows) {
    auto d = store_->begin_delivery(scope, source);
    ASSERT_TRUE(d.ok());
    RowBuilder b;
    for (const auto& [period, start, service, billed, currency] : rows) {
      ASSERT_TRUE((*d)->append(b.row(period, start, service, billed, currency)).ok());
    }
    ASSERT_TRUE((*d)->commit().ok());
  }
  Money total(const OrgScope& scope, const std::string& currency = "USD", Query q = {}) {
    auto r = store_->query(scope, q);
    EXPECT_TRUE(r.ok()) << r.status().message();
    auto it = r->totals.find(currency);
    return it == r->totals.end() ? Money() : it->second.billed_cost;
  }

  std::string dir_;
  // Through the interface: these are the tests a second ICostStore (ClickHouse) must also pass.
  std::shared_ptr<const ICostStore> store_;
};

constexpr const char* kSep = "2024-09-01T00:00:00Z";
constexpr const char* kOct = "2024-10-01T00:00:00Z";

TEST_F(CostStoreTest, EmptyOrgHasNothing) {
  auto r = store_->query(org(kOrgA), {});
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->rows.empty());
  EXPECT_TRUE(r->totals.empty());
}

TEST_F(CostStoreTest, SumsAreExactAndPerCurrency) {
  deliver(org(kOrgA), "s",
          {{kSep, "2024-09-02T10:00:00Z", "EC2", "0.000000000000000001", "USD"},
           {kSep, "2024-09-02T11:00:00Z", "EC2", "123456789012.123456789", "USD"},
           {kSep, "2024-09-03T00:00:00Z", "S3", "-1.5", "USD"},
           {kSep, "2024-09-03T00:00:00Z", "S3", "100", "EUR"}});
  EXPECT_EQ(total(org(kOrgA)).to_string(), "123456789010.623456789000000001");
  EXPECT_EQ(total(org(kOrgA), "EUR").to_string(), "100");
  Query q;
  q.group_by = {Dimension::of(Column::kServiceName)};
  auto r = store_->query(org(kOrgA), q);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->rows.size(), 3u);  // EUR S3, USD EC2, USD S3: never one S3 row across currencies
  EXPECT_EQ(r->rows[0].currency, "EUR");
  EXPECT_EQ(r->rows[1].keys[0], "EC2");
  EXPECT_EQ(r->rows[1].sums.count, 2u);
  EXPECT_EQ(r->rows[2].sums.billed_cost.to_string(), "-1.5");
}

TEST_F(CostStoreTest, OrgsAreIsolated) {
  deliver(org(kOrgA), "s", {{kSep, "2024-09-02T10:00:00Z", "EC2", "1", "USD"}});
  deliver(org(kOrgB), "s", {{kSep, "2024-09-02T10:00:00Z", "SecretService", "5", "USD"}});
  Query q;
  q.group_by = {Dimension::of(Column::kServiceName)};
  auto a = store_->query(org(kOrgA), q);
  ASSERT_TRUE(a.ok());
  ASSERT_EQ(a->rows.size(), 1u);
  EXPECT_EQ(a->rows[0].keys[0], "EC2");
  auto dist = store_->distinct_values(org(kOrgA), Dimension::of(Column::kServiceName), {});
  ASSERT_TRUE(dist.ok());
  EXPECT_EQ(*dist, std::vector<std::string>{"EC2"});
  EXPECT_EQ(total(org(kOrgB)).to_string(), "5");
  EXPECT_EQ(store_->partitions(org(kOrgA))->size(), 1u);
}

TEST_F(CostStoreTest, RedeliveryReplacesOnlyThatSourcesPeriods) {
  deliver(org(kOrgA), "aws",
          {{kSep, "2024-09-02T10:00:00Z", "EC2", "1", "USD"},
           {kSep, "2024-09-03T10:00:00Z", "EC2", "1", "USD"},
           {kOct, "2024-10-02T10:00:00Z", "EC2", "10", "USD"}});
  deliver(org(kOrgA), "azure", {{kSep, "2024-09-02T10:00:00Z", "VM", "100", "USD"}});
  EXPECT_EQ(total(org(kOrgA)).to_string(), "112");
  // aws again, September only: September of aws is replaced; October of aws and azure stay.
  deliver(org(kOrgA), "aws", {{kSep, "2024-09-05T10:00:00Z", "EC2", "7", "USD"}});
  EXPECT_EQ(total(org(kOrgA)).to_string(), "117");
  auto parts = *store_->partitions(org(kOrgA));
  ASSERT_EQ(parts.size(), 3u);
  // The replaced partition's files are gone.
  std::size_t seg_files = 0;
  for (auto& e : std::filesystem::recursive_directory_iterator(dir_)) seg_files += e.path().extension() == ".seg";
  std::size_t referenced = 0;
  for (const Partition& p : parts) referenced += p.segments.size();
  EXPECT_EQ(seg_files, referenced);
}

TEST_F(CostStoreTest, UncommittedDeliveryChangesNothing) {
  deliver(org(kOrgA), "s", {{kSep, "2024-09-02T10:00:00Z", "EC2", "1", "USD"}});
  {
    auto d = store_->begin_delivery(org(kOrgA), "s");
    RowBuilder b;
    for (int i = 0; i < 10; ++i) ASSERT_TRUE((*d)->append(b.row(kSep, "2024-09-02T10:00:00Z", "X", "5")).ok());
  }
  EXPECT_EQ(total(org(kOrgA)).to_string(), "1");
  std::size_t seg_files = 0;
  for (auto& e : std::filesystem::recursive_directory_iterator(dir_)) seg_files += e.path().extension() == ".seg";
  EXPECT_EQ(seg_files, 1u);
}

TEST_F(CostStoreTest, DroppingAnOrgRemovesItsRowsAndOnlyItsRows) {
  deliver(org(kOrgA), "s", {{kSep, "2024-09-02T10:00:00Z", "EC2", "1", "USD"}, {kOct, kOct, "EC2", "2", "USD"}});
  deliver(org(kOrgB), "s", {{kSep, "2024-09-02T10:00:00Z", "EC2", "5", "USD"}});
  ASSERT_TRUE(store_->drop_org(org(kOrgA)).ok());
  EXPECT_TRUE(store_->partitions(org(kOrgA))->empty());
  EXPECT_EQ(total(org(kOrgA)).to_string(), "0");
  EXPECT_TRUE(store_->distinct_values(org(kOrgA), Dimension::of(Column::kServiceName), {})->empty());
  EXPECT_EQ(total(org(kOrgB)).to_string(), "5");
  // Nothing of A is left on disk, set aside or not.
  for (auto& e : std::filesystem::directory_iterator(dir_ + "/costdb")) {
    EXPECT_NE(e.path().filename().string().find(kOrgA), 0u) << e.path();
    EXPECT_NE(e.path().filename().string().rfind(".dropped-", 0), 0u) << e.path();
  }
  // Dropping an org with no data is no error; the org can ingest again afterwards.
  EXPECT_TRUE(store_->drop_org(org(kOrgA)).ok());
  deliver(org(kOrgA), "s", {{kSep, "2024-09-02T10:00:00Z", "EC2", "3", "USD"}});
  EXPECT_EQ(total(org(kOrgA)).to_string(), "3");
}

TEST_F(CostStoreTest, ADeliveryInFlightWhenItsOrgIsDroppedFailsAtCommitAndLeavesNothing) {
  auto d = store_->begin_delivery(org(kOrgA), "s");
  ASSERT_TRUE(d.ok());
  RowBuilder b;
  for (int i = 0; i < 5; ++i) ASSERT_TRUE((*d)->append(b.row(kSep, "2024-09-02T10:00:00Z", "X", "5")).ok());
  ASSERT_TRUE(store_->drop_org(org(kOrgA)).ok());
  EXPECT_FALSE((*d)->commit().ok());
  EXPECT_TRUE(store_->partitions(org(kOrgA))->empty());
  EXPECT_EQ(total(org(kOrgA)).to_string(), "0");
}

TEST_F(CostStoreTest, RowWithoutBillingPeriodIsRefused) {
  auto d = store_->begin_delivery(org(kOrgA), "s");
  LineItem item;
  item.clear();
  EXPECT_EQ((*d)->append(item).code(), StatusCode::kInvalidArgument);
}

TEST_F(CostStoreTest, FiltersGroupingAndTopN) {
  auto d = store_->begin_delivery(org(kOrgA), "s");
  RowBuilder b;
  auto add = [&](const char* start, const char* svc, const char* billed, const char* region, const char* tags) {
    b.row(kSep, start, svc, billed);
    b.text(Column::kRegionId, region);
    LineItem& it = b.text(Column::kTags, tags);
    ASSERT_TRUE((*d)->append(it).ok());
  };
  add("2024-09-01T00:00:00Z", "EC2", "1", "us-east-1", R"({"team":"data"})");
  add("2024-09-01T05:00:00Z", "EC2", "2", "us-west-2", R"({"team":"web"})");
  add("2024-09-02T00:00:00Z", "S3", "4", "us-east-1", R"({"team":"data","env":"prod"})");
  add("2024-09-03T00:00:00Z", "Lambda", "8", "eu-west-1", "");
  ASSERT_TRUE((*d)->commit().ok());

  Query q;
  q.filters = {Filter::in(Column::kRegionId, {"us-east-1"})};
  EXPECT_EQ(total(org(kOrgA), "USD", q).to_string(), "5");
  q.filters = {Filter::prefix(Column::kRegionId, "us-")};
  EXPECT_EQ(total(org(kOrgA), "USD", q).to_string(), "7");
  q.filters = {Filter::tag("team", {"data"})};
  EXPECT_EQ(total(org(kOrgA), "USD", q).to_string(), "5");
  q.filters = {Filter::tag("env")};
  EXPECT_EQ(total(org(kOrgA), "USD", q).to_string(), "4");
  q.filters = {Filter::in(Column::kRegionId, {"nowhere"})};
  EXPECT_EQ(total(org(kOrgA), "USD", q).to_string(), "0");
  q.filters.clear();
  q.from = test::at("2024-09-01T05:00:00Z");
  q.to = test::at("2024-09-03T00:00:00Z");
  EXPECT_EQ(total(org(kOrgA), "USD", q).to_string(), "6");

  Query g;
  g.group_by = {Dimension::day()};
  auto r = store_->query(org(kOrgA), g);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->rows.size(), 3u);
  EXPECT_EQ(r->rows[0].keys[0], "2024-09-03");  // ordered by BilledCost descending
  EXPECT_EQ(r->rows[2].keys[0], "2024-09-01");
  EXPECT_EQ(r->rows[2].sums.billed_cost.to_string(), "3");

  g.group_by = {Dimension::hour(), Dimension::month()};
  r = store_->query(org(kOrgA), g);
  ASSERT_EQ(r->rows.size(), 4u);
  EXPECT_EQ(r->rows[3].keys[0], "2024-09-01T00:00:00Z");
  EXPECT_EQ(r->rows[3].keys[1], "2024-09");

  g.group_by = {Dimension::tag("team")};
  g.top_n = 2;
  r = store_->query(org(kOrgA), g);
  ASSERT_EQ(r->rows.size(), 2u);
  EXPECT_EQ(r->rows[0].keys[0], "");  // untagged Lambda, 8
  EXPECT_EQ(r->rows[1].keys[0], "data");
  EXPECT_EQ(r->rows[1].sums.billed_cost.to_string(), "5");
  EXPECT_EQ(r->totals.at("USD").billed_cost.to_string(), "15");  // totals ignore top_n

  auto dist = store_->distinct_values(org(kOrgA), Dimension::of(Column::kRegionId), {});
  EXPECT_EQ(*dist, (std::vector<std::string>{"eu-west-1", "us-east-1", "us-west-2"}));
  Query only_s3;
  only_s3.filters = {Filter::in(Column::kServiceName, {"S3"})};
  dist = store_->distinct_values(org(kOrgA), Dimension::tag("env"), only_s3);
  EXPECT_EQ(*dist, std::vector<std::string>{"prod"});
}

TEST_F(CostStoreTest, OnlyTheAskedSumsAreComputed) {
  auto d = store_->begin_delivery(org(kOrgA), "s");
  RowBuilder b;
  auto add = [&](const char* svc, const char* billed, const char* effective, const char* list) {
    LineItem& it = b.row(kSep, "2024-09-02T00:00:00Z", svc, billed);
    it.set_money(Column::kEffectiveCost, test::money(effective));
    it.set_money(Column::kListCost, test::money(list));
    ASSERT_TRUE((*d)->append(it).ok());
  };
  add("EC2", "10", "7", "12");
  add("EC2", "1", "0.5", "1.25");
  add("S3", "2", "30", "3");
  ASSERT_TRUE((*d)->commit().ok());

  Query q;
  q.group_by = {Dimension::of(Column::kServiceName)};
  q.sums = {Metric::kEffectiveCost};
  q.order_by = Metric::kBilledCost;  // the order's metric is summed too
  auto r = store_->query(org(kOrgA), q);
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_EQ(r->rows.size(), 2u);
  EXPECT_EQ(r->rows[0].keys[0], "EC2");
  EXPECT_EQ(r->rows[0].sums.billed_cost.to_string(), "11");
  EXPECT_EQ(r->rows[0].sums.effective_cost.to_string(), "7.5");
  EXPECT_EQ(r->rows[0].sums.list_cost.to_string(), "0");  // not asked for
  EXPECT_EQ(r->rows[0].sums.count, 2u);
  EXPECT_EQ(r->totals.at("USD").effective_cost.to_string(), "37.5");

  q.sums = {Metric::kCount};
  q.order_by = Metric::kListCost;
  r = store_->query(org(kOrgA), q);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->rows[0].keys[0], "EC2");  // 13.25 before 3
  EXPECT_EQ(r->rows[0].sums.list_cost.to_string(), "13.25");
  EXPECT_EQ(r->rows[0].sums.billed_cost.to_string(), "0");
  EXPECT_EQ(r->rows[1].sums.count, 1u);

  q.sums.clear();  // all five
  r = store_->query(org(kOrgA), q);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->rows[0].sums.billed_cost.to_string(), "11");
  EXPECT_EQ(r->rows[0].sums.effective_cost.to_string(), "7.5");
  EXPECT_EQ(r->rows[0].sums.list_cost.to_string(), "13.25");
}

// Six dimensions of ~1,800 values each make a key space above 2^64: the scan then groups by
// 128-bit keys in a hash table. Every row is its own group.
TEST_F(CostStoreTest, KeySpacesAbove64BitsGroupExactly) {
  auto store = *CostStore::open(dir_ + "/wide", {});
  auto d = store->begin_delivery(org(kOrgA), "s");
  ASSERT_TRUE(d.ok());
  RowBuilder b;
  constexpr int kRows = 1800;
  const Column cols[] = {Column::kRegionId, Column::kResourceId, Column::kSubAccountId, Column::kSkuId,
                         Column::kChargeDescription};
  for (int i = 0; i < kRows; ++i) {
    const std::string v = std::to_string(i);
    b.row(kSep, "2024-09-02T00:00:00Z", ("svc-" + v).c_str(), (v + ".5").c_str());
    for (Column c : cols) b.text(c, "v" + v);
    ASSERT_TRUE((*d)->append(b.text(Column::kServiceName, "svc-" + v)).ok());
  }
  ASSERT_TRUE((*d)->commit().ok());
  Query q;
  q.group_by = {Dimension::of(Column::kServiceName)};
  for (Column c : cols) q.group_by.push_back(Dimension::of(c));
  q.sums = {Metric::kBilledCost};
  q.top_n = 3;
  auto r = store->query(org(kOrgA), q);
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_EQ(r->rows.size(), 3u);
  EXPECT_EQ(r->rows[0].keys, (std::vector<std::string>{"svc-1799", "v1799", "v1799", "v1799", "v1799", "v1799"}));
  EXPECT_EQ(r->rows[0].sums.billed_cost.to_string(), "1799.5");
  EXPECT_EQ(r->rows[2].sums.billed_cost.to_string(), "1797.5");
  EXPECT_EQ(r->totals.at("USD").count, static_cast<std::uint64_t>(kRows));
  EXPECT_EQ(r->totals.at("USD").billed_cost.to_string(), "1620000");  // 0.5 × 1800 + (0 + … + 1799)

  q.filters = {Filter::prefix(Column::kRegionId, "v17")};  // v17, v170–v179, v1700–v1799
  q.top_n = 0;
  r = store->query(org(kOrgA), q);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->rows.size(), 111u);
  EXPECT_EQ(r->totals.at("USD").count, 111u);
}

TEST_F(CostStoreTest, BadQueriesAreInvalidArgument) {
  Query q;
  q.group_by = {Dimension::of(Column::kBilledCost)};
  EXPECT_EQ(store_->query(org(kOrgA), q).status().code(), StatusCode::kInvalidArgument);
  Query r;
  r.from = 10;
  r.to = 5;
  EXPECT_EQ(store_->query(org(kOrgA), r).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->begin_delivery(org(kOrgA), "").status().code(), StatusCode::kInvalidArgument);
}

TEST_F(CostStoreTest, CorruptSegmentIsAnErrorNotGarbage) {
  deliver(org(kOrgA), "s", {{kSep, "2024-09-02T10:00:00Z", "EC2", "1", "USD"}});
  for (auto& e : std::filesystem::recursive_directory_iterator(dir_)) {
    if (e.path().extension() == ".seg")
      std::filesystem::resize_file(e.path(), std::filesystem::file_size(e.path()) - 5);
  }
  EXPECT_EQ(store_->query(org(kOrgA), {}).status().code(), StatusCode::kInternal);
}

}  // namespace
}  // namespace fg::costdb
