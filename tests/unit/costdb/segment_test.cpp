#include "costdb/segment/segment.hpp"

#include <gtest/gtest.h>

#include "costdb/segment/segment_format.hpp"
#include "costdb/segment/segment_writer.hpp"
#include "support/test_env.hpp"
#include "test_rows.hpp"

namespace fg::costdb {
namespace {

TEST(Segment, WritesAndReadsBlocksDictionariesAndStats) {
  const std::string dir = fg::testing::make_temp_dir("costdb-seg");
  const std::string path = dir + "/a.seg";
  auto w = SegmentWriter::create(path, test::at("2024-09-01T00:00:00Z"));
  ASSERT_TRUE(w.ok());
  test::RowBuilder b;
  const std::size_t n = kBlockRows + 10;  // two blocks
  for (std::size_t i = 0; i < n; ++i) {
    LineItem& row = b.row("2024-09-01T00:00:00Z", i % 2 ? "2024-09-02T00:00:00Z" : "2024-09-03T00:00:00Z",
                          i % 3 ? "EC2" : "S3", "0.25");
    if (i == 5) row.money_present.reset(index_of(Column::kEffectiveCost));
    ASSERT_TRUE((*w)->append(row).ok());
  }
  ASSERT_TRUE((*w)->finish().ok());
  EXPECT_FALSE(SegmentWriter::create(path, 0).ok());  // never overwrites

  auto s = Segment::open(path);
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ((*s)->rows(), n);
  ASSERT_EQ((*s)->block_count(), 2u);
  EXPECT_EQ((*s)->block_rows(1), 10u);
  EXPECT_EQ((*s)->dictionary(Column::kServiceName), (std::vector<std::string>{"", "S3", "EC2"}));
  const auto& st = (*s)->int_stats(0, Column::kChargePeriodStart);
  EXPECT_EQ(st.min, test::at("2024-09-02T00:00:00Z"));
  EXPECT_EQ(st.max, test::at("2024-09-03T00:00:00Z"));
  Segment::ReadBuffers buf;
  std::vector<std::uint32_t> codes;
  ASSERT_TRUE((*s)->read_codes(0, Column::kServiceName, codes, buf).ok());
  EXPECT_EQ(codes[0], 1u);
  EXPECT_EQ(codes[1], 2u);
  std::vector<Int128> values;
  std::vector<std::uint8_t> present;
  ASSERT_TRUE((*s)->read_decimals(0, Column::kEffectiveCost, values, present, buf).ok());
  EXPECT_EQ(present[5], 0);
  EXPECT_EQ(present[6], 1);
  EXPECT_TRUE(values[6] == Money::kOne / 4);
}

TEST(Segment, MissingOrTruncatedFilesAreErrors) {
  const std::string dir = fg::testing::make_temp_dir("costdb-seg");
  EXPECT_EQ(Segment::open(dir + "/none.seg").status().code(), StatusCode::kNotFound);
  auto w = SegmentWriter::create(dir + "/b.seg", 0);
  test::RowBuilder b;
  ASSERT_TRUE((*w)->append(b.row("2024-09-01T00:00:00Z", "2024-09-01T00:00:00Z", "X", "1")).ok());
  ASSERT_TRUE((*w)->finish().ok());
  std::filesystem::resize_file(dir + "/b.seg", 20);
  EXPECT_EQ(Segment::open(dir + "/b.seg").status().code(), StatusCode::kInternal);
}

}  // namespace
}  // namespace fg::costdb
