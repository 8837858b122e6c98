#include "ingest/focus/focus_ingest.hpp"

#include <filesystem>
#include <fstream>
#include <random>

#include <gtest/gtest.h>
#include <zlib.h>
#include <zstd.h>

#include "costdb/cost_store.hpp"
#include "support/scope_for_test.hpp"
#include "support/test_env.hpp"
#include "test_files.hpp"

namespace fg::ingest {
namespace {

using costdb::Column;
using costdb::CostStore;

OrgScope org(const char* id) {
  return fg::testing::ScopeForTest::org(*OrgId::parse(id));
}
const char* kOrgA = "aaaaaaaa-1111-4111-8111-111111111111";
const char* kOrgB = "bbbbbbbb-2222-4222-8222-222222222222";

const char* kHeader =
    "BilledCost,BillingAccountId,BillingAccountName,BillingCurrency,BillingPeriodEnd,BillingPeriodStart,"
    "ChargeCategory,ChargeClass,ChargeDescription,ChargePeriodEnd,ChargePeriodStart,ContractedCost,EffectiveCost,"
    "InvoiceIssuerName,ListCost,PricingQuantity,PricingUnit,ProviderName,PublisherName,ServiceCategory,ServiceName,"
    "Tags\n";

std::string row(const std::string& billed, const std::string& service = "EC2", const std::string& currency = "USD",
                const std::string& month = "09", const std::string& start = "2024-09-02T10:00:00Z") {
  const std::string next = month == "09" ? "2024-10" : "2024-11";
  std::string end = start;
  if (end.find("10:00:00") != std::string::npos) end.replace(end.find("10:00:00"), 8, "11:00:00");
  return billed + ",acct-1,Account,\"" + currency + "\"," + next + "-01T00:00:00Z,2024-" + month +
         "-01T00:00:00Z,Usage,,desc," + end + "," + start + ",0,0,AWS,0,1,Hours,AWS,AWS," + "Compute," + service +
         ",\"{\"\"team\"\":\"\"data\"\"}\"\n";
}

class IngestTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fg::testing::make_temp_dir("ingest");
    store_ = *CostStore::open(dir_ + "/data");
  }
  std::string file(const std::string& name, const std::string& text) {
    test::write_file(dir_ + "/" + name, text);
    return dir_ + "/" + name;
  }
  Result<IngestSummary> ingest(const std::vector<std::string>& files, IngestMode mode = IngestMode::kStrict,
                               const char* org_id = kOrgA, const std::string& source = "",
                               const IngestCaps& caps = {}) {
    IngestOptions o;
    o.mode = mode;
    o.caps = caps;
    o.source = source;
    o.quarantine_path = dir_ + "/quarantine.csv";
    return ingest_focus(*store_, org(org_id), files, o);
  }
  std::map<std::string, std::string> totals(const char* org_id = kOrgA) {
    auto r = store_->query(org(org_id), {});
    EXPECT_TRUE(r.ok());
    std::map<std::string, std::string> out;
    for (const auto& [c, a] : r->totals) out[c] = a.billed_cost.to_string();
    return out;
  }
  std::size_t segment_files() {
    std::size_t n = 0;
    for (auto& e : std::filesystem::recursive_directory_iterator(dir_ + "/data")) n += e.path().extension() == ".seg";
    return n;
  }

  std::string dir_;
  std::shared_ptr<CostStore> store_;
};

// Random decimals in every form FOCUS allows, all within 18 fractional digits.
std::string adversarial(std::mt19937_64& rng) {
  auto digits = [&](int n) {
    std::string s;
    for (int i = 0; i < n; ++i) s += static_cast<char>('0' + rng() % 10);
    return s;
  };
  std::string v;
  switch (rng() % 6) {
    case 0: v = digits(1 + rng() % 12); break;
    case 1: v = digits(1 + rng() % 9) + "." + digits(1 + rng() % 18); break;
    case 2: v = "0." + std::string(rng() % 17, '0') + digits(1); break;
    case 3: v = digits(1) + "." + digits(1 + rng() % 6) + "E-" + std::to_string(rng() % 12); break;
    case 4: v = digits(1 + rng() % 3) + "e" + std::to_string(rng() % 8); break;
    default: v = "99999999999." + std::string(18, '9'); break;
  }
  return rng() % 3 == 0 ? "-" + v : v;
}

TEST_F(IngestTest, TotalsEqualAnIndependentDecimalSumOfTheText) {
  std::mt19937_64 rng(2024);
  std::string text = kHeader;
  std::map<std::string, test::DecimalSum> expected;
  for (int i = 0; i < 3000; ++i) {
    const std::string v = adversarial(rng);
    const std::string currency = i % 7 == 0 ? "EUR" : "USD";
    ASSERT_TRUE(expected[currency].add(v)) << v;
    text += row(v, "svc" + std::to_string(i % 5), currency);
  }
  auto s = ingest({file("exact.csv", text)});
  ASSERT_TRUE(s.ok()) << s.status().message();
  for (const ConformanceIssue& f : s->findings.list())
    ADD_FAILURE() << f.rule << " " << f.column << " line " << f.lines[0];
  ASSERT_TRUE(s->accepted) << s->findings.errors();
  EXPECT_EQ(s->rows_ingested, 3000u);
  EXPECT_EQ(s->rounded_rows, 0u);
  auto t = totals();
  ASSERT_EQ(t.size(), 2u);
  for (auto& [currency, sum] : expected) {
    EXPECT_EQ(t[currency], sum.str()) << currency;
    EXPECT_EQ(s->billed_by_currency.at(currency).to_string(), sum.str());
  }
}

TEST_F(IngestTest, LongFractionsRoundAndReportTheResidue) {
  std::string text = kHeader;
  text += row("0.0000000072922557592391990000");
  text += row("1.5");
  auto s = ingest({file("round.csv", text)});
  ASSERT_TRUE(s.ok() && s->accepted);
  EXPECT_EQ(s->rounded_rows, 1u);
  EXPECT_EQ(int128_to_string(s->residue_e36), "239199000000000000");
  EXPECT_EQ(totals()["USD"], "1.500000007292255759");
}

TEST_F(IngestTest, StrictRejectsAnyViolationAndWritesNothing) {
  std::string text = kHeader;
  text += row("1");
  text += row("2", "EC2", "USD", "09", "2024-09-02 10:00:00");  // not the FOCUS form
  auto s = ingest({file("bad.csv", text)});
  ASSERT_TRUE(s.ok());
  EXPECT_FALSE(s->accepted);
  EXPECT_EQ(s->findings.count("format.datetime", "ChargePeriodStart"), 1u);
  EXPECT_FALSE(s->commit.has_value());
  EXPECT_TRUE(totals().empty());
  EXPECT_EQ(segment_files(), 0u);
}

TEST_F(IngestTest, LenientReadsKnownLayoutsAndQuarantinesTheRest) {
  std::string text = kHeader;
  text += row("1");
  text += row("2", "EC2", "USD", "09", "2024-09-02 10:00:00");  // read as UTC, warned
  text += row("\"$1,000.00 \"");                                // not a number: quarantined
  text += row("4", "EC2", "USD", "09", "7/1/25");               // not a date: quarantined
  std::string nulls = row("8");
  nulls.replace(nulls.find(",,desc"), 6, ",NULL,desc");
  text += nulls;
  auto s = ingest({file("mixed.csv", text)}, IngestMode::kLenient);
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_TRUE(s->accepted);
  EXPECT_EQ(s->rows_read, 5u);
  EXPECT_EQ(s->rows_ingested, 3u);
  EXPECT_EQ(s->rows_quarantined, 2u);
  EXPECT_EQ(s->lenient_timestamps, 2u);  // cells: ChargePeriodStart and ChargePeriodEnd
  EXPECT_EQ(s->lenient_nulls, 1u);
  ASSERT_EQ(s->quarantine_sample.size(), 2u);
  EXPECT_EQ(s->quarantine_sample[0].line, 4u);
  EXPECT_EQ(s->quarantine_sample[0].reason, "format.decimal:BilledCost");
  EXPECT_EQ(s->quarantine_sample[1].line, 5u);
  EXPECT_EQ(s->quarantine_sample[1].reason, "format.datetime:ChargePeriodEnd");
  EXPECT_EQ(totals()["USD"], "11");
  std::ifstream q(dir_ + "/quarantine.csv");
  std::string all((std::istreambuf_iterator<char>(q)), std::istreambuf_iterator<char>());
  EXPECT_NE(all.find("\"mixed.csv\",4,format.decimal:BilledCost"), std::string::npos);
  EXPECT_EQ(all.find("1,000"), std::string::npos);  // reasons, never the cell
}

TEST_F(IngestTest, BadInputFailsClearlyAndLeavesTheStoreUntouched) {
  ASSERT_TRUE(
      ingest({file("good.csv", std::string(kHeader) + row("5"))}, IngestMode::kStrict, kOrgA, "feed")->accepted);
  const std::size_t before = segment_files();

  // A truncated gzip.
  std::string text = kHeader;
  for (int i = 0; i < 5000; ++i) text += row("1");
  z_stream z{};
  deflateInit2(&z, 6, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY);
  std::string gz(deflateBound(&z, text.size()), '\0');
  z.next_in = reinterpret_cast<Bytef*>(text.data());
  z.avail_in = static_cast<uInt>(text.size());
  z.next_out = reinterpret_cast<Bytef*>(gz.data());
  z.avail_out = static_cast<uInt>(gz.size());
  deflate(&z, Z_FINISH);
  gz.resize(z.total_out / 2);
  deflateEnd(&z);
  auto s = ingest({file("cut.csv.gz", gz)}, IngestMode::kLenient, kOrgA, "feed");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("truncated"), std::string::npos);

  // Wrong columns: strict rejects; the finding names the missing column.
  s = ingest({file("cols.csv", "Cost,Service\n1,EC2\n")}, IngestMode::kStrict, kOrgA, "feed");
  ASSERT_TRUE(s.ok());
  EXPECT_FALSE(s->accepted);
  EXPECT_EQ(s->findings.count("column.missing", "BilledCost"), 1u);
  EXPECT_EQ(s->findings.count("column.unknown", "Cost"), 1u);

  // Bad dates, strict.
  s = ingest({file("dates.csv", std::string(kHeader) + row("1", "EC2", "USD", "09", "2024-02-30T00:00:00Z"))},
             IngestMode::kStrict, kOrgA, "feed");
  ASSERT_TRUE(s.ok());
  EXPECT_FALSE(s->accepted);

  // One 10 MB field.
  s = ingest({file("huge.csv", std::string(kHeader) + row(std::string(10 << 20, '1')))}, IngestMode::kLenient, kOrgA,
             "feed");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("longer than"), std::string::npos);

  // An unterminated quote, in the second file of a delivery: the first file is not committed either.
  s = ingest({file("ok2.csv", std::string(kHeader) + row("100")), file("open.csv", std::string(kHeader) + "\"1,")},
             IngestMode::kLenient, kOrgA, "feed");
  ASSERT_FALSE(s.ok());

  EXPECT_EQ(totals()["USD"], "5");
  EXPECT_EQ(segment_files(), before);
}

TEST_F(IngestTest, ReingestReplacesOnlyThatSourcesPeriods) {
  const std::string a =
      file("a.csv", std::string(kHeader) + row("1") + row("10", "EC2", "USD", "10", "2024-10-02T10:00:00Z"));
  const std::string b = file("b.csv", std::string(kHeader) + row("100"));
  ASSERT_TRUE(ingest({a})->accepted);
  ASSERT_TRUE(ingest({b})->accepted);  // another source: accumulates
  EXPECT_EQ(totals()["USD"], "111");
  ASSERT_TRUE(ingest({a})->accepted);  // the same file again replaces itself
  EXPECT_EQ(totals()["USD"], "111");
  test::write_file(a, std::string(kHeader) + row("2"));  // a's September only
  auto s = ingest({a});
  ASSERT_TRUE(s->accepted);
  EXPECT_EQ(s->source, "a.csv");
  EXPECT_EQ(s->commit->replaced_partitions, 1u);
  EXPECT_EQ(totals()["USD"], "112");  // a: Sep 2 + Oct 10 (kept); b: 100
  auto parts = *store_->partitions(org(kOrgA));
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_EQ(parts[0].objects.at(0).sha256.size(), 64u);
}

TEST_F(IngestTest, OrgsNeverSeeEachOthersRows) {
  ASSERT_TRUE(ingest({file("x.csv", std::string(kHeader) + row("7", "Secret"))}, IngestMode::kStrict, kOrgB)->accepted);
  ASSERT_TRUE(ingest({file("y.csv", std::string(kHeader) + row("1"))})->accepted);
  costdb::Query q;
  q.group_by = {costdb::Dimension::of(Column::kServiceName)};
  auto r = store_->query(org(kOrgA), q);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->rows.size(), 1u);
  EXPECT_EQ(r->rows[0].keys[0], "EC2");
  EXPECT_EQ(totals(kOrgB)["USD"], "7");
}

TEST_F(IngestTest, ValidateReportsRulesWithLinesAndCounts) {
  std::string text = kHeader;
  text += row("1");
  text += row("1+2");
  std::string bad_cat = row("1");
  bad_cat.replace(bad_cat.find("Usage"), 5, "usage");
  text += bad_cat + bad_cat;
  auto r = validate_focus(file("v.csv", text));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->rows, 4u);
  EXPECT_EQ(r->findings.count("format.decimal", "BilledCost"), 1u);
  EXPECT_EQ(r->findings.count("value.allowed", "ChargeCategory"), 2u);
  for (const ConformanceIssue& f : r->findings.list()) {
    if (f.rule == "value.allowed") {
      EXPECT_EQ(f.lines, (std::vector<std::uint64_t>{4, 5}));
    }
  }
}

// Issue 20: invalid UTF-8 in a cell made every JSON answer for the org fail. Lenient stores the text
// with U+FFFD and counts it; strict rejects it as format.utf8.
TEST_F(IngestTest, InvalidUtf8IsRepairedInLenientAndRejectedInStrict) {
  std::string text = kHeader;
  text += row("1", "EC2\xff\xfe");
  text += row("2", "S3\xc3");       // a truncated two-byte sequence at the end of the cell
  text += row("4", "Caf\xc3\xa9");  // valid
  auto strict = ingest({file("u.csv", text)});
  ASSERT_TRUE(strict.ok());
  EXPECT_FALSE(strict->accepted);
  EXPECT_EQ(strict->findings.count("format.utf8", "ServiceName"), 2u);
  EXPECT_TRUE(totals().empty());

  auto s = ingest({file("u.csv", text)}, IngestMode::kLenient);
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_TRUE(s->accepted);
  EXPECT_EQ(s->rows_ingested, 3u);
  EXPECT_EQ(s->lenient_utf8, 2u);
  EXPECT_EQ(totals()["USD"], "7");
  auto services = store_->distinct_values(org(kOrgA), costdb::Dimension::of(Column::kServiceName), {});
  ASSERT_TRUE(services.ok());
  EXPECT_EQ(*services, (std::vector<std::string>{"Caf\xc3\xa9", "EC2\xef\xbf\xbd\xef\xbf\xbd", "S3\xef\xbf\xbd"}));
}

std::string zstd_of(const std::string& s) {
  std::string out(ZSTD_compressBound(s.size()), '\0');
  out.resize(ZSTD_compress(out.data(), out.size(), s.data(), s.size(), 3));
  return out;
}

// A delivery of objects that are not files (a cloud download, bytes in memory) lands like the same
// bytes from disk: same totals, same provenance name and digest, compressed or not.
TEST_F(IngestTest, ObjectsFromMemoryIngestLikeTheSameBytesFromFiles) {
  const std::string text = kHeader + row("1.25") + row("2.5", "S3");
  const std::string zst = zstd_of(text);
  ASSERT_TRUE(ingest({file("a.csv", text), file("b.csv.zst", zst)}, IngestMode::kStrict, kOrgA, "feed").ok());
  auto from_files = store_->partitions(org(kOrgA));
  ASSERT_TRUE(from_files.ok());

  std::vector<std::unique_ptr<RawInput>> objects;
  objects.push_back(memory_input("a.csv", text));
  objects.push_back(memory_input("b.csv.zst", zst));
  IngestOptions o;
  o.source = "feed";
  auto s = ingest_focus(*store_, org(kOrgB), std::move(objects), o);
  ASSERT_TRUE(s.ok()) << s.status().to_string();
  EXPECT_EQ(s->rows_ingested, 4u);
  EXPECT_EQ(totals(kOrgB), totals(kOrgA));
  EXPECT_EQ(totals(kOrgB), (std::map<std::string, std::string>{{"USD", "7.5"}}));
  auto from_memory = store_->partitions(org(kOrgB));
  ASSERT_TRUE(from_memory.ok());
  ASSERT_EQ(from_memory->size(), 1u);
  ASSERT_EQ(from_memory->at(0).objects.size(), 2u);
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(from_memory->at(0).objects[i].id, from_files->at(0).objects[i].id);
    EXPECT_EQ(from_memory->at(0).objects[i].sha256, from_files->at(0).objects[i].sha256);
    EXPECT_EQ(from_memory->at(0).objects[i].bytes, from_files->at(0).objects[i].bytes);
  }
  // A corrupt object fails naming it, and the org's data stays as it was.
  std::vector<std::unique_ptr<RawInput>> bad;
  bad.push_back(memory_input("c.csv.zst", zst.substr(0, zst.size() / 2)));
  auto failed = ingest_focus(*store_, org(kOrgB), std::move(bad), o);
  ASSERT_FALSE(failed.ok());
  EXPECT_NE(failed.status().to_string().find("c.csv.zst"), std::string::npos) << failed.status().to_string();
  EXPECT_EQ(totals(kOrgB), (std::map<std::string, std::string>{{"USD", "7.5"}}));
}

// ---- caps (issue 20) ----

// 1M bad rows of "x" compress to a few KB: the ratio cap stops the read after the first MiB or so.
TEST_F(IngestTest, AZstdBombPastTheExpansionRatioFailsNamingItAndWritesNothing) {
  ASSERT_TRUE(ingest({file("good.csv", kHeader + row("1"))}, IngestMode::kStrict, kOrgA, "feed").ok());
  std::string text = kHeader;
  for (int i = 0; i < 1'000'000; ++i) text += "x\n";
  const std::string bomb = zstd_of(text);
  ASSERT_LT(bomb.size(), 16u * 1024);
  IngestCaps caps;
  caps.expansion.max_ratio = 250;
  for (IngestMode mode : {IngestMode::kLenient, IngestMode::kStrict}) {
    auto s = ingest({file("bomb.csv.zst", bomb)}, mode, kOrgA, "feed", caps);
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(s.status().message().find("ingest_max_expansion_ratio"), std::string::npos) << s.status().to_string();
  }
  EXPECT_FALSE(std::filesystem::exists(dir_ + "/quarantine.csv"));
  EXPECT_EQ(totals(), (std::map<std::string, std::string>{{"USD", "1"}}));  // the previous delivery stands
  // Without the cap the same bytes are read (and quarantined): the cap is what stopped it.
  auto uncapped = ingest({file("bomb2.csv.zst", bomb)}, IngestMode::kLenient, kOrgA, "other");
  ASSERT_TRUE(uncapped.ok());
  EXPECT_EQ(uncapped->rows_quarantined, 1'000'000u);
}

TEST_F(IngestTest, TheAbsoluteDecompressedCapAppliesToPlainFilesToo) {
  std::string text = kHeader;
  while (text.size() < 3u << 20) text += row("1");
  IngestCaps caps;
  caps.expansion.max_bytes = 2u << 20;
  auto s = ingest({file("big.csv", text)}, IngestMode::kStrict, kOrgA, "", caps);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("ingest_max_decompressed_bytes"), std::string::npos) << s.status().to_string();
  EXPECT_TRUE(totals().empty());
  EXPECT_EQ(segment_files(), 0u);
  caps.expansion.max_bytes = 4u << 20;
  EXPECT_TRUE(ingest({file("big.csv", text)}, IngestMode::kStrict, kOrgA, "", caps).ok());
}

TEST_F(IngestTest, MoreRowsThanTheCapFailNamingItAndWriteNothing) {
  std::string text = kHeader;
  for (int i = 0; i < 6; ++i) text += row("1");
  IngestCaps caps;
  caps.max_rows = 5;
  auto s = ingest({file("rows.csv", text)}, IngestMode::kLenient, kOrgA, "", caps);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("ingest_max_rows"), std::string::npos);
  EXPECT_TRUE(totals().empty());
  caps.max_rows = 6;
  auto exact = ingest({file("rows.csv", text)}, IngestMode::kLenient, kOrgA, "", caps);
  ASSERT_TRUE(exact.ok());
  EXPECT_EQ(exact->rows_ingested, 6u);
}

TEST_F(IngestTest, LenientStopsWritingTheQuarantineReportAtItsCapsAndKeepsCounting) {
  std::string text = kHeader;
  for (int i = 0; i < 200; ++i) text += row("bad");
  text += row("2");
  IngestCaps caps;
  caps.max_quarantine_rows = 10;
  auto s = ingest({file("q.csv", text)}, IngestMode::kLenient, kOrgA, "", caps);
  ASSERT_TRUE(s.ok());
  EXPECT_TRUE(s->accepted);
  EXPECT_EQ(s->rows_quarantined, 200u);
  EXPECT_EQ(s->rows_ingested, 1u);
  EXPECT_EQ(s->quarantine_lines, 10u);
  EXPECT_TRUE(s->quarantine_truncated);
  auto lines_of = [this] {
    std::ifstream q(dir_ + "/quarantine.csv");
    std::string line;
    std::size_t n = 0;
    while (std::getline(q, line)) ++n;
    return n;
  };
  EXPECT_EQ(lines_of(), 11u);  // the header and 10 rows

  caps = {};
  caps.max_quarantine_bytes = 1024;
  s = ingest({file("q.csv", text)}, IngestMode::kLenient, kOrgA, "", caps);
  ASSERT_TRUE(s.ok());
  EXPECT_TRUE(s->quarantine_truncated);
  EXPECT_LE(std::filesystem::file_size(dir_ + "/quarantine.csv"), 1024u);
  EXPECT_EQ(lines_of(), s->quarantine_lines + 1);

  s = ingest({file("q.csv", text)}, IngestMode::kLenient);
  ASSERT_TRUE(s.ok());
  EXPECT_FALSE(s->quarantine_truncated);
  EXPECT_EQ(s->quarantine_lines, 200u);
}

TEST_F(IngestTest, StrictStopsValidatingAfterTheErrorCapAndRejects) {
  std::string text = kHeader;
  for (int i = 0; i < 500; ++i) text += row("1+2");
  IngestCaps caps;
  caps.max_strict_error_rows = 20;
  auto s = ingest({file("e.csv", text), file("e2.csv", text)}, IngestMode::kStrict, kOrgA, "", caps);
  ASSERT_TRUE(s.ok());
  EXPECT_FALSE(s->accepted);
  EXPECT_TRUE(s->validation_stopped);
  EXPECT_EQ(s->rows_read, 20u);
  // Rows are validated a batch at a time in parallel: the first file's batch, never the second file.
  EXPECT_LE(s->findings.count("format.decimal", "BilledCost"), 500u);
  EXPECT_TRUE(s->objects.empty());
  EXPECT_TRUE(totals().empty());
  EXPECT_EQ(segment_files(), 0u);
  auto all = ingest({file("e.csv", text)});
  ASSERT_TRUE(all.ok());
  EXPECT_FALSE(all->validation_stopped);
  EXPECT_EQ(all->rows_read, 500u);
}

}  // namespace
}  // namespace fg::ingest
