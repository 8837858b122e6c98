#include "ingest/csv/csv_reader.hpp"

#include <gtest/gtest.h>

#include "test_files.hpp"

namespace fg::ingest {
namespace {

std::vector<std::vector<std::string>> read_all(const std::string& text, std::vector<std::uint64_t>* lines = nullptr,
                                               CsvLimits limits = {}) {
  test::StringSource src(text);
  CsvReader r(src, limits);
  CsvRecord rec;
  std::vector<std::vector<std::string>> out;
  for (;;) {
    auto more = r.next(rec);
    EXPECT_TRUE(more.ok()) << more.status().message();
    if (!more.ok() || !*more) break;
    out.emplace_back(rec.fields.begin(), rec.fields.end());
    if (lines) lines->push_back(rec.line);
  }
  return out;
}

TEST(CsvReader, PlainRecords) {
  auto rows = read_all("a,b,c\n1,,3\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1], (std::vector<std::string>{"1", "", "3"}));
}

TEST(CsvReader, BomCrlfAndNoFinalNewline) {
  auto rows = read_all("\xEF\xBB\xBFx,y\r\n1,2\r\n3,4");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0][0], "x");
  EXPECT_EQ(rows[1][1], "2");
  EXPECT_EQ(rows[2][1], "4");
}

TEST(CsvReader, QuotesEscapesAndEmbeddedNewlines) {
  std::vector<std::uint64_t> lines;
  auto rows = read_all("h1,h2\n\"a,b\",\"say \"\"hi\"\"\"\n\"multi\r\nline\nvalue\",x\nlast,\"\"\n", &lines);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[1][0], "a,b");
  EXPECT_EQ(rows[1][1], "say \"hi\"");
  EXPECT_EQ(rows[2][0], "multi\r\nline\nvalue");
  EXPECT_EQ(rows[3][1], "");
  EXPECT_EQ(lines, (std::vector<std::uint64_t>{1, 2, 3, 6}));
}

TEST(CsvReader, TrailingEmptyFieldAndBlankLines) {
  auto rows = read_all("a,b\n\n1,\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1], (std::vector<std::string>{"1", ""}));
}

TEST(CsvReader, UnterminatedQuoteIsAnErrorWithItsLine) {
  test::StringSource src("a\n\"open\nstill open");
  CsvReader r(src);
  CsvRecord rec;
  ASSERT_TRUE(*r.next(rec));
  auto bad = r.next(rec);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("line 2"), std::string::npos);
  EXPECT_EQ(bad.status().message().find("still open"), std::string::npos);  // never echoes content
}

TEST(CsvReader, TextAfterClosingQuoteIsAnError) {
  test::StringSource src("\"a\"b,c\n");
  CsvReader r(src);
  CsvRecord rec;
  EXPECT_FALSE(r.next(rec).ok());
}

TEST(CsvReader, HugeFieldIsRefusedInBoundedMemory) {
  std::string text = "a,b\n1,\"" + std::string(10 << 20, 'x') + "\"\n";
  test::StringSource src(std::move(text), 1 << 16);
  CsvReader r(src);
  CsvRecord rec;
  ASSERT_TRUE(*r.next(rec));
  auto bad = r.next(rec);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("longer than"), std::string::npos);
}

}  // namespace
}  // namespace fg::ingest
