// Malformed and hostile Parquet files, built field by field (parquet_builder.hpp): each must end in a
// clear error naming the problem and never crash, over-read or allocate what a header merely claims.
// These run under ASan/UBSan too (make test).
#include <cstring>

#include <gtest/gtest.h>

#include "ingest/parquet/parquet_file.hpp"
#include "parquet_builder.hpp"

namespace fg::ingest::parquet {
namespace {

using test::build_file;
using test::ColumnSpec;
using test::data_page_v1;
using test::dictionary_page;
using test::leaf;

// Opens `bytes`, selects every column, reads every row group; the first error, or OK.
Status read_all(const std::string& bytes, const ReaderLimits& limits = {}) {
  auto src = memory_source(bytes);
  FG_ASSIGN_OR_RETURN(auto file, ParquetFile::open(*src, limits));
  std::vector<std::string> paths;
  for (const ColumnDescriptor& c : file->schema().columns()) paths.push_back(c.path);
  FG_ASSIGN_OR_RETURN(ColumnSelection sel, file->select(paths));
  for (std::size_t g = 0; g < file->num_row_groups(); ++g) FG_TRY(file->read_row_group(g, sel));
  return ok_status();
}

void expect_error(const Status& s, const std::string& needle) {
  ASSERT_FALSE(s.ok()) << "expected an error containing: " << needle;
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << s.to_string();
  EXPECT_NE(s.message().find(needle), std::string::npos) << s.message();
}

TEST(ParquetHostile, BaselineReads) {
  const std::string f = test::int64_file({1, 2, 3});
  auto src = memory_source(f);
  auto file = *ParquetFile::open(*src);
  auto rows = *file->read_row_group(0, *file->select({"x"}));
  ASSERT_EQ(rows.num_rows(), 3u);
  EXPECT_EQ(rows.column("x")->int64(2), 3);
}

TEST(ParquetHostile, NotParquetTruncatedAndCorruptFooters) {
  expect_error(read_all("PAR1"), "too small");
  expect_error(read_all(std::string(100, 'x')), "no PAR1 magic");
  const std::string good = test::int64_file({1, 2, 3});
  // Cut anywhere: never a crash, always an error.
  for (std::size_t n = 0; n < good.size(); ++n) EXPECT_FALSE(read_all(good.substr(0, n)).ok()) << n;
  // Every single-byte corruption of the footer: an error or (rarely) a still-valid file, never a crash.
  const std::size_t footer_len = static_cast<unsigned char>(good[good.size() - 8]);
  for (std::size_t i = good.size() - 8 - footer_len; i < good.size() - 8; ++i) {
    std::string bad = good;
    bad[i] = static_cast<char>(bad[i] ^ 0x5a);
    (void)read_all(bad);
  }
  std::string random_footer = good;
  for (std::size_t i = good.size() - 8 - footer_len; i < good.size() - 8; ++i) random_footer[i] = '\xff';
  expect_error(read_all(random_footer), "parquet: footer: malformed");
}

TEST(ParquetHostile, FooterLengthClaims) {
  std::string f = test::int64_file({1});
  std::string huge = f;
  const std::uint32_t claim = 0xffffffffu;  // 4 GiB
  std::memcpy(huge.data() + huge.size() - 8, &claim, 4);
  expect_error(read_all(huge), "exceeds the max_footer_bytes cap");
  std::string past = f;
  const std::uint32_t just = static_cast<std::uint32_t>(f.size());
  std::memcpy(past.data() + past.size() - 8, &just, 4);
  expect_error(read_all(past), "runs past the file");
}

TEST(ParquetHostile, FooterListBombIsRefusedBeforeDecoding) {
  // A footer whose schema list declares 2 million one-byte (empty) structs: ~2 MB of Thrift that
  // libthrift would resize into ~900 MB of SchemaElements before noticing they are invalid.
  std::string thrift;
  thrift += '\x29';  // field 2 (schema), type list
  thrift += '\xfc';  // size follows as a varint, element type struct (0xc)
  std::uint32_t n = 2000000;
  while (n >= 0x80) {
    thrift += static_cast<char>((n & 0x7f) | 0x80);
    n >>= 7;
  }
  thrift += static_cast<char>(n);
  thrift.append(2000000, '\0');  // each element: field stop
  thrift += '\0';
  std::string file = "PAR1" + thrift;
  const auto len = static_cast<std::uint32_t>(thrift.size());
  file.append(reinterpret_cast<const char*>(&len), 4);
  file += "PAR1";
  ReaderLimits limits;
  limits.max_footer_memory = 64u << 20;
  expect_error(read_all(file, limits), "max_footer_memory");
}

TEST(ParquetHostile, PageHeaderClaimingFourGigabytesIsRefused) {
  ColumnSpec c;
  c.element = leaf("x", ::parquet::Type::INT64);
  c.num_values = 1;
  auto page = data_page_v1(1, test::plain_int64({7}));
  page.header.__set_uncompressed_page_size(0x7fffffff);  // the largest an i32 can claim
  c.pages.push_back(page);
  c.codec = ::parquet::CompressionCodec::ZSTD;
  expect_error(read_all(build_file({c}, 1)), "exceeds the max_page_bytes cap");
  // Within the cap but a lie: zstd must produce exactly that many bytes; 7 plain bytes are no zstd.
  c.pages[0].header.__set_uncompressed_page_size(1 << 20);
  expect_error(read_all(build_file({c}, 1)), "ZSTD data is corrupt");
  // The compressed size reaching past the column chunk.
  ColumnSpec d = c;
  d.codec = ::parquet::CompressionCodec::UNCOMPRESSED;
  d.pages[0].header.__set_compressed_page_size(1 << 20);
  d.pages[0].header.__set_uncompressed_page_size(1 << 20);
  expect_error(read_all(build_file({d}, 1)), "runs past the end of its column chunk");
}

TEST(ParquetHostile, ValueCountsBeyondTheRowGroup) {
  ColumnSpec c;
  c.element = leaf("x", ::parquet::Type::INT64);
  c.num_values = 1;
  c.pages.push_back(data_page_v1(0x7fffffff, test::plain_int64({7})));  // a page claiming 2^31 values
  expect_error(read_all(build_file({c}, 1)), "more values than the row group has rows");
  // With a matching row count the slots would be allocated: the batch cap refuses first.
  ReaderLimits small;
  small.max_batch_bytes = 1 << 20;
  expect_error(read_all(build_file({c}, 0x7fffffff), small), "max_batch_bytes");
}

TEST(ParquetHostile, BadDictionaryIndexes) {
  ColumnSpec c;
  c.element = leaf("s", ::parquet::Type::BYTE_ARRAY);
  c.element.__set_converted_type(::parquet::ConvertedType::UTF8);
  c.num_values = 3;
  c.pages.push_back(dictionary_page(2, test::plain_byte_array({"a", "b"})));
  std::string body = "\x02" + test::rle_runs({0, 1, 5}, 2);  // bit width 2, index 5 of 2 entries
  c.pages.push_back(data_page_v1(3, body, ::parquet::Encoding::RLE_DICTIONARY));
  const Status s = read_all(build_file({c}, 3));
  expect_error(s, "dictionary index 5 out of range (the dictionary has 2 entries)");
  EXPECT_NE(s.message().find("parquet: row group 0, column s: page 1: row 2"), std::string::npos) << s.message();
  // Without its dictionary page.
  ColumnSpec d = c;
  d.pages.erase(d.pages.begin());
  expect_error(read_all(build_file({d}, 3)), "without a dictionary page");
  // An index width beyond 32 bits.
  ColumnSpec w = c;
  w.pages[1].body = "\x21" + test::rle_runs({0, 0, 0}, 8);
  expect_error(read_all(build_file({w}, 3)), "wider than 32 bits");
}

TEST(ParquetHostile, LevelsAboveTheirMaximum) {
  ColumnSpec c;
  c.element = leaf("x", ::parquet::Type::INT64, ::parquet::FieldRepetitionType::OPTIONAL);
  c.num_values = 3;
  // max definition level 1 (bit width 1), but an RLE run may carry any byte: 3.
  c.pages.push_back(data_page_v1(3, test::v1_levels({1, 3, 1}, 8) + test::plain_int64({1, 2})));
  expect_error(read_all(build_file({c}, 3)), "definition levels out of range");
  ColumnSpec t = c;
  t.pages[0] = data_page_v1(3, std::string("\x40\x00\x00\x00", 4));  // a level block longer than the page
  expect_error(read_all(build_file({t}, 3)), "definition levels: truncated");
}

TEST(ParquetHostile, InvalidUtf8IsRefusedOrRepairedAndCounted) {
  ColumnSpec c;
  c.element = leaf("s", ::parquet::Type::BYTE_ARRAY);
  c.element.__set_converted_type(::parquet::ConvertedType::UTF8);
  c.num_values = 3;
  c.pages.push_back(data_page_v1(3, test::plain_byte_array({"ok", "bad \xc3\x28 here", "\xed\xa0\x80"})));
  const std::string f = build_file({c}, 3);
  const Status s = read_all(f);
  expect_error(s, "invalid UTF-8");
  EXPECT_NE(s.message().find("row 1"), std::string::npos) << s.message();
  EXPECT_EQ(s.message().find("bad "), std::string::npos) << "the value must not be echoed";
  ReaderLimits lenient;
  lenient.utf8 = Utf8Policy::kReplace;
  auto src = memory_source(f);
  auto file = *ParquetFile::open(*src, lenient);
  auto rows = *file->read_row_group(0, *file->select({"s"}));
  const ColumnBatch& b = *rows.column("s");
  EXPECT_EQ(b.bytes(0), "ok");
  EXPECT_EQ(b.bytes(1), "bad \xef\xbf\xbd( here");
  EXPECT_EQ(b.bytes(2), "\xef\xbf\xbd");
  EXPECT_EQ(b.stats().replaced_utf8, 2u);
  // Un-annotated BYTE_ARRAY is bytes, not text: no UTF-8 rule applies.
  ColumnSpec raw = c;
  raw.element.__isset.converted_type = false;
  EXPECT_TRUE(read_all(build_file({raw}, 3)).ok());
}

TEST(ParquetHostile, UnsupportedFeaturesAreNamed) {
  ColumnSpec c;
  c.element = leaf("x", ::parquet::Type::INT64);
  c.num_values = 1;
  c.pages.push_back(data_page_v1(1, test::plain_int64({7})));
  ColumnSpec lzo = c;
  lzo.codec = ::parquet::CompressionCodec::LZO;
  expect_error(read_all(build_file({lzo}, 1)), "LZO compression is not supported");
  ColumnSpec rle = c;
  rle.pages[0] = data_page_v1(1, test::plain_int64({7}), ::parquet::Encoding::RLE);
  expect_error(read_all(build_file({rle}, 1)), "RLE encoding on INT64 is not supported");
  ColumnSpec time = c;
  ::parquet::LogicalType lt;
  ::parquet::TimeType tt;
  ::parquet::TimeUnit unit;
  unit.__set_MICROS(::parquet::MicroSeconds());
  tt.__set_unit(unit);
  lt.__set_TIME(tt);
  time.element.__set_logicalType(lt);
  expect_error(read_all(build_file({time}, 1)), "column x: logical type TIME is not supported");
  // A column nobody selects may have any type: opening and reading the others works.
  ColumnSpec ok = c;
  ok.element.__set_name("y");
  auto src = memory_source(build_file({time, ok}, 1));
  auto file = *ParquetFile::open(*src);
  EXPECT_EQ(file->schema().columns()[0].unsupported, "logical type TIME");
  EXPECT_EQ(file->read_row_group(0, *file->select({"y"}))->column("y")->int64(0), 7);
}

TEST(ParquetHostile, SchemaTreesThatLie) {
  // A group claiming more children than exist, and nesting past the depth cap.
  const std::string f = build_file({}, 0, [](::parquet::FileMetaData& md) { md.schema[0].__set_num_children(5); });
  expect_error(read_all(f), "more children than there are elements");
  const std::string deep = build_file({}, 0, [](::parquet::FileMetaData& md) {
    md.schema.clear();
    for (int i = 0; i < 100; ++i) {
      ::parquet::SchemaElement g;
      g.__set_name("g");
      g.__set_num_children(1);
      g.__set_repetition_type(::parquet::FieldRepetitionType::OPTIONAL);
      md.schema.push_back(g);
    }
    md.schema.push_back(leaf("x", ::parquet::Type::INT64));
  });
  expect_error(read_all(deep), "schema nested deeper than 32 levels");
  // A column chunk for a column the schema does not have, and one pointing outside the file.
  const std::string extra = build_file(
      {}, 0, [](::parquet::FileMetaData& md) { md.row_groups[0].columns.push_back(::parquet::ColumnChunk()); });
  expect_error(read_all(extra), "1 column chunks for 0 schema columns");
  ColumnSpec c;
  c.element = leaf("x", ::parquet::Type::INT64);
  c.num_values = 1;
  c.pages.push_back(data_page_v1(1, test::plain_int64({7})));
  const std::string outside = build_file({c}, 1, [](::parquet::FileMetaData& md) {
    md.row_groups[0].columns[0].meta_data.__set_data_page_offset(1LL << 40);
  });
  expect_error(read_all(outside), "column x: column chunk lies outside the file");
}

TEST(ParquetHostile, RowCountsMustAgree) {
  ColumnSpec c;
  c.element = leaf("x", ::parquet::Type::INT64);
  c.num_values = 2;
  c.pages.push_back(data_page_v1(2, test::plain_int64({7, 8})));
  expect_error(read_all(build_file({c}, 3)), "the column has 2 rows, the row group 3");
  ColumnSpec more = c;
  more.num_values = 5;  // the chunk declares more values than its pages hold
  expect_error(read_all(build_file({more}, 2)), "ends after 2 of 5 values");
}

TEST(ParquetHostile, ChecksumMismatch) {
  ColumnSpec c;
  c.element = leaf("x", ::parquet::Type::INT64);
  c.num_values = 1;
  auto page = data_page_v1(1, test::plain_int64({7}));
  page.header.__set_crc(12345);
  c.pages.push_back(page);
  expect_error(read_all(build_file({c}, 1)), "page checksum mismatch");
}

TEST(ParquetHostile, DecimalsBeyondMoneyAreErrorsNotWraps) {
  ColumnSpec c;
  c.element = leaf("d", ::parquet::Type::FIXED_LEN_BYTE_ARRAY);
  c.element.__set_type_length(16);
  c.element.__set_converted_type(::parquet::ConvertedType::DECIMAL);
  c.element.__set_precision(38);
  c.element.__set_scale(2);
  c.num_values = 1;
  c.pages.push_back(data_page_v1(1, std::string("\x7f") + std::string(15, '\xff')));  // ~1.7e38 / 100
  const Status s = read_all(build_file({c}, 1));
  expect_error(s, "decimal out of range");
  EXPECT_NE(s.message().find("row 0"), std::string::npos);
}

}  // namespace
}  // namespace fg::ingest::parquet
