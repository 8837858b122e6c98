// CsvChunker + CsvChunkReader against the serial CsvReader on the same bytes: every chunk size and
// read size must give the same records, fields, quoted flags, line numbers and errors.
#include "ingest/csv/csv_chunker.hpp"

#include <random>

#include <gtest/gtest.h>

#include "ingest/focus/focus_file_reader.hpp"
#include "ingest/focus/focus_ingest.hpp"
#include "ingest/focus/focus_validator.hpp"
#include "support/test_env.hpp"
#include "test_files.hpp"

namespace fg::ingest {
namespace {

struct Read {
  std::vector<std::vector<std::string>> fields;
  std::vector<std::vector<bool>> quoted;
  std::vector<std::uint64_t> lines;
  std::string error;  //!< "" when the whole input read cleanly
};

void keep(const CsvRecord& rec, Read& out) {
  out.fields.emplace_back(rec.fields.begin(), rec.fields.end());
  out.quoted.push_back(rec.quoted);
  out.lines.push_back(rec.line);
}

Read serial(const std::string& text, std::size_t step, CsvLimits limits) {
  test::StringSource src(text, step);
  CsvReader r(src, limits);
  CsvRecord rec;
  Read out;
  for (;;) {
    auto more = r.next(rec);
    if (!more.ok()) return out.error = more.status().message(), out;
    if (!*more) return out;
    keep(rec, out);
  }
}

Read chunked(const std::string& text, std::size_t step, std::size_t target, CsvLimits limits,
             std::size_t* chunks = nullptr) {
  test::StringSource src(text, step);
  CsvChunker chunker(src, limits);
  CsvChunk chunk;
  CsvRecord rec;
  Read out;
  for (;;) {
    auto more = chunker.next(chunk, target);
    if (!more.ok()) return out.error = more.status().message(), out;
    if (!*more) return out;
    if (chunks) ++*chunks;
    EXPECT_EQ(chunk.bytes.back(), '\n');
    CsvChunkReader records(chunk);
    // Hold every record of the chunk before comparing: fields must stay valid for the whole chunk.
    std::vector<CsvRecord> held;
    for (;;) {
      auto r = records.next(rec);
      if (!r.ok()) {
        for (const CsvRecord& h : held) keep(h, out);
        return out.error = r.status().message(), out;
      }
      if (!*r) break;
      held.push_back(rec);
    }
    for (const CsvRecord& h : held) keep(h, out);
  }
}

// Same records and error for chunk targets from 1 byte to past the whole input, and several read sizes.
void expect_same(const std::string& text, CsvLimits limits = {}) {
  for (std::size_t step : {std::size_t{1}, std::size_t{3}, std::size_t{7}, std::size_t{4096}}) {
    const Read want = serial(text, step, limits);
    for (std::size_t target = 1; target <= text.size() + 2; target += target < 40 ? 1 : target / 3) {
      SCOPED_TRACE("step " + std::to_string(step) + " target " + std::to_string(target));
      const Read got = chunked(text, step, target, limits);
      EXPECT_EQ(got.error, want.error);
      if (want.error.empty()) {
        EXPECT_EQ(got.fields, want.fields);
        EXPECT_EQ(got.quoted, want.quoted);
        EXPECT_EQ(got.lines, want.lines);
      } else {
        // An error may stop the chunked read a few records earlier; what it read must match.
        ASSERT_LE(got.fields.size(), want.fields.size());
        for (std::size_t i = 0; i < got.fields.size(); ++i) EXPECT_EQ(got.fields[i], want.fields[i]);
      }
      if (::testing::Test::HasFailure()) return;
    }
  }
}

TEST(CsvChunker, PlainRecords) {
  expect_same("a,b,c\n1,,3\n4,5,6\n7,8,9\n");
}

TEST(CsvChunker, BomCrlfAndNoFinalNewline) {
  expect_same("\xEF\xBB\xBFx,y\r\n1,2\r\n3,4\r\n\r\n5,6");
}

TEST(CsvChunker, BomOnlyAtTheStreamStart) {
  // A BOM-like byte run in a later record is data, whichever chunk it starts.
  expect_same("h\n\xEF\xBB\xBFx\n\xEF\xBB\xBF\n");
}

TEST(CsvChunker, EmbeddedNewlinesCommasAndEscapesInQuotes) {
  expect_same(
      "h1,h2\n\"a,b\",\"say \"\"hi\"\"\"\n\"multi\r\nline\nvalue\",x\nlast,\"\"\n"
      "\"\n\n\n\",\"\"\"\n\"\"\"\n\"x\ny\",\"{\"\"k\"\": \"\"v,\n\"\"}\"\n");
}

TEST(CsvChunker, BoundaryExactlyAtAQuote) {
  // Quotes at every offset around a cut: a record ends with a quote, the next starts with one.
  std::string text = "h\n";
  for (int i = 0; i < 30; ++i) text += std::string(static_cast<std::size_t>(i % 5), 'a') + "\"q\"\"\"\n\"\n\"\n";
  expect_same(text);
}

TEST(CsvChunker, BlankLinesAndTrailingEmptyFields) {
  expect_same("a,b\n\n\n1,\n\r\n,\n\n");
}

TEST(CsvChunker, SingleFieldLargerThanAnyChunk) {
  const std::string big(5000, 'x');
  expect_same("a,b\n1,\"" + big + "\n" + big + "\"\n2," + big + "\n3,4\n");
}

TEST(CsvChunker, OverLongRecordIsRefusedWithItsLine) {
  CsvLimits small;
  small.max_record_bytes = 64;
  small.read_chunk = 16;
  const std::string text = "a,b\n1,2\n\"x\ny\",\"" + std::string(1000, 'z') + "\"\n3,4\n";
  const Read want = serial(text, 7, small);
  ASSERT_NE(want.error.find("line 3: record longer than 64 bytes"), std::string::npos) << want.error;
  for (std::size_t target : {1, 5, 16, 100, 4096}) EXPECT_EQ(chunked(text, 7, target, small).error, want.error);
  // The default limit (1 MiB) against a 10 MB field, in bounded memory.
  const std::string huge = "a,b\n1,\"" + std::string(10 << 20, 'x') + "\"\n";
  const Read got = chunked(huge, 1 << 16, 1 << 20, {});
  EXPECT_NE(got.error.find("line 2: record longer than"), std::string::npos) << got.error;
}

TEST(CsvChunker, UnterminatedQuoteAndTextAfterQuoteGiveTheSerialErrors) {
  expect_same("a\nb\n\"open\nstill open");
  expect_same("a\nb\n\"open\nstill open\n");
  expect_same("a\n1\n\"a\"b,c\n");
}

TEST(CsvChunker, RandomInputsMatchTheSerialReader) {
  std::mt19937_64 rng(8);
  const char alphabet[] = {'a', ',', '"', '\n', '\r', 'b', ',', '"', '\n'};
  for (int round = 0; round < 50; ++round) {
    std::string text;
    const std::size_t n = rng() % 60;
    for (std::size_t i = 0; i < n; ++i) text += alphabet[rng() % sizeof alphabet];
    SCOPED_TRACE("round " + std::to_string(round));
    expect_same(text);
    if (::testing::Test::HasFailure()) return;
  }
}

TEST(CsvChunker, ChunksAreAboutTheTargetSize) {
  std::string text;
  for (int i = 0; i < 10000; ++i) text += "abc,\"d\ne\",f\n";  // 12 bytes, 2 lines per record
  std::size_t chunks = 0;
  const Read got = chunked(text, 1 << 16, 1400, {}, &chunks);
  EXPECT_EQ(got.fields.size(), 10000u);
  EXPECT_EQ(got.lines.back(), 19999u);
  // 116 whole records (1,392 bytes) fit in 1,400: 120,000 bytes make 87 chunks.
  EXPECT_EQ(chunks, 87u);
}

// The parallel ingest path (validate_focus) against the serial FocusFileReader + validator on a
// file of many chunks with violations, quoted newlines and blank lines spread through it.
TEST(CsvChunker, ParallelValidationEqualsSerial) {
  const std::string header =
      "BilledCost,BillingAccountId,BillingAccountName,BillingCurrency,BillingPeriodEnd,BillingPeriodStart,"
      "ChargeCategory,ChargeClass,ChargeDescription,ChargePeriodEnd,ChargePeriodStart,ContractedCost,"
      "EffectiveCost,InvoiceIssuerName,ListCost,PricingQuantity,PricingUnit,ProviderName,PublisherName,"
      "ServiceCategory,ServiceName,Tags\n";
  std::string text = "\xEF\xBB\xBF" + header;
  std::mt19937_64 rng(3);
  for (int i = 0; i < 40000; ++i) {
    const bool bad_cost = rng() % 997 == 0, bad_cat = rng() % 1511 == 0, multiline = rng() % 101 == 0;
    text += (bad_cost ? std::string("1.2.3") : std::to_string(rng() % 1000) + ".25") +
            ",acct,\"Acc\nount\",USD,2024-10-01T00:00:00Z,2024-09-01T00:00:00Z," + (bad_cat ? "Bogus" : "Usage") +
            ",," + (multiline ? "\"two\r\nlines\"" : "desc") +
            ",2024-09-02T11:00:00Z,2024-09-02T10:00:00Z,0,0,AWS,0,1,Hours,AWS,AWS,Compute,EC2,"
            "\"{\"\"team\"\":\"\"data\"\"}\"\r\n";
    if (rng() % 500 == 0) text += "\n";
  }
  const std::string dir = fg::testing::make_temp_dir("chunker");
  test::write_file(dir + "/f.csv", text);
  ASSERT_GT(text.size(), 3u << 20);  // several 1 MiB chunks

  ConformanceReport serial_findings;
  auto reader = FocusFileReader::open(*open_file_input(dir + "/f.csv"), {}, serial_findings);
  ASSERT_TRUE(reader.ok());
  FocusValidator validator((*reader)->header());
  ParsedRow row;
  std::uint64_t rows = 0;
  while (*(*reader)->next(row)) {
    ++rows;
    validator.check_row(row, (*reader)->line(), serial_findings);
  }
  auto parallel = validate_focus(dir + "/f.csv");
  ASSERT_TRUE(parallel.ok()) << parallel.status().message();
  EXPECT_EQ(parallel->rows, rows);
  ASSERT_GT(serial_findings.errors(), 0u);
  const auto want = serial_findings.list(), got = parallel->findings.list();
  ASSERT_EQ(got.size(), want.size());
  for (std::size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ(got[i].rule, want[i].rule);
    EXPECT_EQ(got[i].column, want[i].column);
    EXPECT_EQ(got[i].count, want[i].count);
    EXPECT_EQ(got[i].lines, want[i].lines);
  }
}

}  // namespace
}  // namespace fg::ingest
