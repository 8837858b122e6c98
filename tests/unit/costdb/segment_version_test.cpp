// Segments stay readable across schema changes: the checked-in fixture of format version 1 (see
// tests/data/costdb/README.md) answers like the day it was written, a segment with a column this build
// does not know is read without it, a column a segment predates reads as null, and a future version is
// refused by name.
#include <cstring>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "costdb/cost_store.hpp"
#include "costdb/internal/block_codec.hpp"
#include "costdb/internal/bytes.hpp"
#include "costdb/internal/file_io.hpp"
#include "costdb/segment/segment.hpp"
#include "costdb/segment/segment_format.hpp"
#include "support/scope_for_test.hpp"
#include "support/test_env.hpp"

namespace fg::costdb {
namespace {

namespace fs = std::filesystem;
using internal::ByteWriter;

const fs::path kFixture = fs::path(FG_SOURCE_DIR) / "tests/data/costdb/segment-v1";
constexpr const char* kOrg = "33333333-3333-4333-8333-333333333333";

OrgScope org() {
  return testing::ScopeForTest::org(*OrgId::parse(kOrg));
}

// A data dir whose costdb holds the fixture as kOrg's data (a copy: the store may write next to it).
std::string data_dir_with_fixture() {
  const std::string dir = fg::testing::make_temp_dir("costdb-v1");
  fs::create_directories(fs::path(dir) / "costdb");
  fs::copy(kFixture, fs::path(dir) / "costdb" / kOrg, fs::copy_options::recursive);
  return dir;
}

std::string money(const Money& m) {
  return m.to_string();
}

TEST(SegmentVersion, Version1FixtureAnswersAsWhenItWasWritten) {
  auto store = CostStore::open(data_dir_with_fixture());
  ASSERT_TRUE(store.ok()) << store.status().message();
  auto parts = (*store)->partitions(org());
  ASSERT_TRUE(parts.ok()) << parts.status().message();
  ASSERT_EQ(parts->size(), 2u);

  // Figures summed from the generated CSVs with Python's Decimal, independently of the store.
  auto r = (*store)->query(org(), {});
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_EQ(r->totals.size(), 2u);
  EXPECT_EQ(r->totals.at("USD").count + r->totals.at("EUR").count, 600u);
  EXPECT_EQ(money(r->totals.at("USD").billed_cost), "1759.2299466649");
  EXPECT_EQ(money(r->totals.at("EUR").billed_cost), "175.8697708789");
  EXPECT_EQ(money(r->totals.at("USD").effective_cost), "1836.2793450798");
  EXPECT_EQ(money(r->totals.at("EUR").effective_cost), "218.5281269492");

  Query by_category;
  by_category.group_by = {Dimension::of(Column::kChargeCategory)};
  auto g = (*store)->query(org(), by_category);
  ASSERT_TRUE(g.ok()) << g.status().message();
  std::map<std::string, std::string> usd;
  for (const ResultRow& row : g->rows) {
    if (row.currency == "USD") usd[row.keys.at(0)] = money(row.sums.billed_cost);
  }
  EXPECT_EQ(usd, (std::map<std::string, std::string>{
                     {"Credit", "-2.7221692896"}, {"Tax", "2.5398229826"}, {"Usage", "1759.4122929719"}}));

  auto services = (*store)->distinct_values(org(), Dimension::of(Column::kServiceName), {});
  ASSERT_TRUE(services.ok());
  EXPECT_EQ(services->size(), 193u);
  auto teams = (*store)->distinct_values(org(), Dimension::tag("team"), {});
  ASSERT_TRUE(teams.ok()) << teams.status().message();
  EXPECT_FALSE(teams->empty());
}

TEST(SegmentVersion, Version1SegmentHasEveryColumnOfItsDirectory) {
  const fs::path seg =
      kFixture / "fixture-v1-c1e05139bdbce222/2024-09-01/483044f2-d427-473d-9d7a-1d9408ff52be/seg-0.seg";
  auto s = Segment::open(seg);
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ((*s)->rows(), 400u);
  for (const StoredColumn& sc : version1_columns()) {
    const std::optional<Column> c = column_by_name(sc.name);
    ASSERT_TRUE(c.has_value()) << sc.name;
    EXPECT_TRUE((*s)->has_column(*c)) << sc.name;
  }
}

// Writes a one-block segment by hand with the given version and directory: text columns hold
// "value of NAME", decimals 2, times 2024-09-01. The layout is segment_format.hpp's, written independently of
// SegmentWriter.
struct HandColumn {
  std::string name;
  ColumnKind kind;
};
void write_segment(const fs::path& path, std::uint32_t version, const std::vector<HandColumn>& directory,
                   std::uint32_t rows) {
  internal::Compressor z;
  std::string file(kSegmentMagic);
  ByteWriter header;
  header.put_u32(version);
  file += header.buffer();
  ByteWriter footer;
  footer.put_u32(version);
  footer.put_i64(1725148800);
  footer.put_u64(rows);
  footer.put_u32(static_cast<std::uint32_t>(directory.size()));
  for (const HandColumn& c : directory) {
    footer.put_string(c.name);
    footer.put_u8(static_cast<std::uint8_t>(c.kind));
  }
  footer.put_u32(1);
  footer.put_u32(rows);
  std::vector<std::uint32_t> dict_columns;
  for (const HandColumn& c : directory) {
    ByteWriter raw;
    if (c.kind == ColumnKind::kString || c.kind == ColumnKind::kJson) {
      const std::vector<std::uint32_t> codes(rows, 1);
      internal::encode_codes(codes.data(), rows, raw);
    } else if (c.kind == ColumnKind::kDecimal) {
      const std::vector<Int128> v(rows, Money::kOne * 2);
      const std::vector<std::uint8_t> present(rows, 1);
      internal::encode_decimals(v.data(), present.data(), rows, raw);
    } else {
      const std::vector<std::int64_t> v(rows, 1725148800);
      internal::encode_ints(v.data(), rows, INT64_MIN, raw);
    }
    const std::size_t offset = file.size();
    ASSERT_TRUE(z.compress(raw.buffer(), file).ok());
    footer.put_u64(offset);
    footer.put_u32(static_cast<std::uint32_t>(file.size() - offset));
    if (c.kind == ColumnKind::kTime || c.kind == ColumnKind::kInt) {
      footer.put_u8(1);
      footer.put_i64(1725148800);
      footer.put_i64(1725148800);
    } else if (c.kind == ColumnKind::kDecimal) {
      footer.put_u8(1);
      footer.put_i128(Money::kOne * 2);
      footer.put_i128(Money::kOne * 2);
    }
  }
  for (const HandColumn& c : directory) {
    if (c.kind != ColumnKind::kString && c.kind != ColumnKind::kJson) continue;
    footer.put_u32(2);
    footer.put_string("");
    footer.put_string("value of " + c.name);
  }
  std::string tail;
  ASSERT_TRUE(z.compress(footer.buffer(), tail).ok());
  ByteWriter trailer;
  trailer.put_u64(file.size());
  trailer.put_u64(tail.size());
  trailer.put_raw(kSegmentMagic.data(), kSegmentMagic.size());
  file += tail;
  file += trailer.buffer();
  auto f = internal::File::create(path);
  ASSERT_TRUE(f.ok());
  ASSERT_TRUE(f->write_all(file).ok());
}

TEST(SegmentVersion, UnknownColumnsAreSkippedAndMissingOnesReadAsNull) {
  const std::string dir = fg::testing::make_temp_dir("costdb-v2");
  const fs::path path = fs::path(dir) / "a.seg";
  write_segment(path, 2,
                {{"x_FutureText", ColumnKind::kString},
                 {"ServiceName", ColumnKind::kString},
                 {"x_FutureMetric", ColumnKind::kDecimal},
                 {"BilledCost", ColumnKind::kDecimal},
                 {"ChargePeriodStart", ColumnKind::kTime}},
                5);
  auto s = Segment::open(path);
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_TRUE((*s)->has_column(Column::kServiceName));
  EXPECT_FALSE((*s)->has_column(Column::kRegionId));
  EXPECT_EQ((*s)->dictionary(Column::kServiceName), (std::vector<std::string>{"", "value of ServiceName"}));
  EXPECT_EQ((*s)->dictionary(Column::kRegionId), (std::vector<std::string>{""}));

  Segment::ReadBuffers buf;
  std::vector<std::uint32_t> codes;
  ASSERT_TRUE((*s)->read_codes(0, Column::kServiceName, codes, buf).ok());
  EXPECT_EQ(codes, std::vector<std::uint32_t>(5, 1));
  ASSERT_TRUE((*s)->read_codes(0, Column::kRegionId, codes, buf).ok());
  EXPECT_EQ(codes, std::vector<std::uint32_t>(5, 0));
  std::vector<Int128> values;
  std::vector<std::uint8_t> present;
  ASSERT_TRUE((*s)->read_decimals(0, Column::kBilledCost, values, present, buf).ok());
  EXPECT_TRUE(values.at(4) == Money::kOne * 2);
  ASSERT_TRUE((*s)->read_decimals(0, Column::kListCost, values, present, buf).ok());
  EXPECT_EQ(present, std::vector<std::uint8_t>(5, 0));
  std::vector<std::int64_t> ints;
  ASSERT_TRUE((*s)->read_ints(0, Column::kChargePeriodEnd, ints, buf).ok());
  EXPECT_EQ(ints, std::vector<std::int64_t>(5, kNullTime));
  EXPECT_FALSE((*s)->int_stats(0, Column::kChargePeriodEnd).any);
}

TEST(SegmentVersion, AFutureVersionIsRefusedByNumber) {
  const std::string dir = fg::testing::make_temp_dir("costdb-v3");
  const fs::path path = fs::path(dir) / "a.seg";
  write_segment(path, kSegmentVersion + 1, {{"BilledCost", ColumnKind::kDecimal}}, 3);
  auto s = Segment::open(path);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kInternal);
  EXPECT_NE(s.status().message().find("unsupported segment version " + std::to_string(kSegmentVersion + 1)),
            std::string::npos)
      << s.status().message();
}

TEST(SegmentVersion, AKnownColumnStoredWithAnotherKindOrTwiceIsCorrupt) {
  const std::string dir = fg::testing::make_temp_dir("costdb-v2bad");
  write_segment(fs::path(dir) / "kind.seg", 2, {{"BilledCost", ColumnKind::kInt}}, 2);
  EXPECT_EQ(Segment::open(fs::path(dir) / "kind.seg").status().code(), StatusCode::kInternal);
  write_segment(fs::path(dir) / "twice.seg", 2,
                {{"ServiceName", ColumnKind::kString}, {"ServiceName", ColumnKind::kString}}, 2);
  EXPECT_EQ(Segment::open(fs::path(dir) / "twice.seg").status().code(), StatusCode::kInternal);
}

TEST(SegmentVersion, WriterWritesTheCurrentVersionWithItsDirectory) {
  // The header and footer carry kSegmentVersion, and the directory lists every column of the schema.
  const std::string dir = fg::testing::make_temp_dir("costdb-v2w");
  auto store = CostStore::open(dir);
  ASSERT_TRUE(store.ok());
  auto d = (*store)->begin_delivery(org(), "s");
  ASSERT_TRUE(d.ok());
  LineItem row;
  row.clear();
  row.text[index_of(Column::kBillingCurrency)] = "USD";
  row.seconds[index_of(Column::kBillingPeriodStart)] = 1725148800;
  row.seconds[index_of(Column::kChargePeriodStart)] = 1725148800;
  row.set_money(Column::kBilledCost, Money::parse("1.5")->value);
  ASSERT_TRUE((*d)->append(row).ok());
  ASSERT_TRUE((*d)->commit().ok());
  auto parts = (*store)->partitions(org());
  ASSERT_TRUE(parts.ok());
  ASSERT_EQ(parts->size(), 1u);
  const fs::path seg = fs::path(dir) / "costdb" / kOrg / parts->at(0).segments.at(0);
  std::string bytes(12, '\0');
  auto f = internal::File::open_read(seg);
  ASSERT_TRUE(f.ok());
  ASSERT_TRUE(f->pread_exact(0, 12, bytes.data()).ok());
  EXPECT_EQ(bytes.substr(0, 8), kSegmentMagic);
  std::uint32_t version = 0;
  std::memcpy(&version, bytes.data() + 8, 4);
  EXPECT_EQ(version, kSegmentVersion);
  auto s = Segment::open(seg);
  ASSERT_TRUE(s.ok()) << s.status().message();
  for (const ColumnInfo& ci : all_columns()) EXPECT_TRUE((*s)->has_column(ci.column)) << ci.name;
}

}  // namespace
}  // namespace fg::costdb
