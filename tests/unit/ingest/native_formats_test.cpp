// The native billing formats (AWS CUR legacy and 2.0, Azure cost details, GCP billing export) through
// ingest_focus(): detection, the mapping of docs/FORMATS.md, and per (currency, service, day)
// totals reconciled exactly with tests/tools/native-reconcile/totals.py, which recomputes them from
// the file with Python's decimal. Samples from ../shared/data/native-samples where they exist; the
// CUR 2.0, commitment and GCP files are written here from the documented schemas.
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/time.hpp"
#include "costdb/cost_store.hpp"
#include "independent_csv.hpp"
#include "ingest/aws/cur_manifest.hpp"
#include "ingest/focus/focus_ingest.hpp"
#include "ingest/gcp/billing_export_mapping.hpp"
#include "ingest/native/source_columns.hpp"
#include "support/scope_for_test.hpp"
#include "support/subprocess.hpp"
#include "support/test_env.hpp"
#include "test_files.hpp"

namespace fg::ingest {
namespace {

using costdb::Column;
using costdb::Dimension;

using Totals = std::map<std::string, std::pair<std::string, std::string>>;  // key → (billed, effective)

Totals python_totals(const std::string& format, const std::string& path) {
  const auto r =
      fg::testing::run_process({"/usr/bin/env", "python3",
                                std::string(FG_SOURCE_DIR) + "/tests/tools/native-reconcile/totals.py", format, path});
  EXPECT_EQ(r.exit_code, 0) << r.output;
  const nlohmann::json j = nlohmann::json::parse(r.output, nullptr, false);
  EXPECT_TRUE(j.is_object()) << r.output;
  Totals out;
  if (!j.is_object()) return out;
  for (const auto& [k, v] : j.items()) out[k] = {v[0].get<std::string>(), v[1].get<std::string>()};
  return out;
}

Totals store_totals(const costdb::CostStore& store, const OrgScope& scope) {
  costdb::Query q;
  q.group_by = {Dimension::of(Column::kServiceName), Dimension::day()};
  auto r = store.query(scope, q);
  EXPECT_TRUE(r.ok());
  Totals out;
  if (!r.ok()) return out;
  for (const auto& row : r->rows) {
    out[row.currency + "|" + row.keys[0] + "|" + row.keys[1]] = {row.sums.billed_cost.to_string(),
                                                                 row.sums.effective_cost.to_string()};
  }
  return out;
}

std::string csv_field(const std::string& v) {
  if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
  std::string out = "\"";
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string csv_text(const std::vector<std::vector<std::string>>& rows) {
  std::string out;
  for (const auto& row : rows) {
    for (std::size_t i = 0; i < row.size(); ++i) out += (i ? "," : "") + csv_field(row[i]);
    out += "\n";
  }
  return out;
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

class NativeFormats : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fg::testing::make_temp_dir("native-formats");
    store_ = std::move(*costdb::CostStore::open(dir_ + "/store"));
  }
  OrgScope next_org() {
    char id[40];
    std::snprintf(id, sizeof id, "00000000-0000-4000-8000-%012d", ++orgs_);
    return fg::testing::ScopeForTest::org(*OrgId::parse(id));
  }
  Result<IngestSummary> ingest(const OrgScope& scope, const std::vector<std::string>& paths,
                               BillingFormat format = BillingFormat::kAuto, IngestMode mode = IngestMode::kStrict) {
    IngestOptions o;
    o.format = format;
    o.mode = mode;
    return ingest_focus(*store_, scope, paths, o);
  }
  std::string write(const std::string& name, const std::string& text) {
    const std::string path = dir_ + "/" + name;
    test::write_file(path, text);
    return path;
  }
  std::optional<std::string> sample(const std::string& rel) {
    auto d = fg::testing::shared_data_dir();
    if (!d) return std::nullopt;
    return *d + "/native-samples/" + rel;
  }

  std::string dir_;
  std::shared_ptr<costdb::CostStore> store_;
  int orgs_ = 0;
};

TEST_F(NativeFormats, AwsLegacyCurSampleReconcilesWithPythonDecimal) {
  const auto path = sample("aws/aws-cur-legacy_anonymized_1281rows.csv");
  if (!path) GTEST_SKIP() << "shared sample data not found";
  const OrgScope scope = next_org();
  auto s = ingest(scope, {*path});
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_TRUE(s->accepted);
  EXPECT_EQ(s->format, "aws-cur");
  EXPECT_EQ(s->rows_ingested, 1281u);
  const Totals want = python_totals("aws-cur", *path);
  EXPECT_GT(want.size(), 10u);
  EXPECT_EQ(store_totals(*store_, scope), want);

  // The mapping's constants and lookups, by charge category: 1,269 usage and 12 tax rows.
  costdb::Query q;
  q.group_by = {Dimension::of(Column::kChargeCategory), Dimension::of(Column::kProviderName)};
  auto r = store_->query(scope, q);
  ASSERT_TRUE(r.ok());
  std::map<std::string, std::uint64_t> counts;
  for (const auto& row : r->rows) counts[row.keys[0] + "/" + row.keys[1]] = row.sums.count;
  EXPECT_EQ(counts, (std::map<std::string, std::uint64_t>{{"Tax/AWS", 12}, {"Usage/AWS", 1269}}));
  q.group_by = {Dimension::of(Column::kServiceCategory)};
  r = store_->query(scope, q);
  ASSERT_TRUE(r.ok());
  bool governance = false;
  for (const auto& row : r->rows) governance |= row.keys[0] == "Management and Governance";  // AWSCloudTrail
  EXPECT_TRUE(governance);
}

// CUR 2.0 is the legacy sample with Data Exports' names and a `resource_tags` map (as JSON text).
TEST_F(NativeFormats, Cur2WithATagsMapReadsLikeTheLegacyFile) {
  const auto path = sample("aws/aws-cur-legacy_anonymized_1281rows.csv");
  if (!path) GTEST_SKIP() << "shared sample data not found";
  auto rows = test::parse_csv(read_text(*path));
  while (!rows.empty() && rows.back().size() <= 1) rows.pop_back();
  for (std::string& name : rows[0]) name = native::aws_fold(name);
  rows[0].push_back("resource_tags");
  std::map<std::string, test::DecimalSum> by_team;
  const int cost = test::column_index(rows[0], "line_item_unblended_cost");
  ASSERT_GE(cost, 0);
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const std::string team = "t" + std::to_string(i % 3);
    rows[i].push_back(R"({"user_team":")" + team + R"(","aws_created_by":"x"})");
    ASSERT_TRUE(by_team[team].add(rows[i][static_cast<std::size_t>(cost)]));
  }
  const std::string cur2 = write("cur2.csv", csv_text(rows));
  const OrgScope legacy = next_org(), snake = next_org();
  ASSERT_TRUE(ingest(legacy, {*path}).ok());
  auto s = ingest(snake, {cur2});
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_TRUE(s->accepted);
  EXPECT_EQ(s->format, "aws-cur");
  EXPECT_EQ(store_totals(*store_, snake), store_totals(*store_, legacy));
  EXPECT_EQ(store_totals(*store_, snake), python_totals("aws-cur", cur2));

  costdb::Query q;
  q.group_by = {Dimension::tag("team")};
  auto r = store_->query(snake, q);
  ASSERT_TRUE(r.ok());
  std::map<std::string, std::string> got, want;
  for (const auto& row : r->rows) got[row.keys[0]] = row.sums.billed_cost.to_string();
  for (const auto& [team, sum] : by_team) want[team] = sum.str();
  EXPECT_EQ(got, want);  // `user_` is stripped from the key
  q.group_by = {Dimension::tag("aws_created_by")};
  r = store_->query(snake, q);
  ASSERT_TRUE(r.ok());
  ASSERT_FALSE(r->rows.empty());
  EXPECT_EQ(r->rows[0].keys[0], "x");  // AWS-generated tags keep their prefix
}

// Reserved Instances and Savings Plans: the fee and the covered usage are one cost, counted once in
// each of BilledCost and EffectiveCost (docs/FORMATS.md "AWS CUR", EffectiveCost).
TEST_F(NativeFormats, CurCommitmentLinesAreNotCountedTwice) {
  const std::string header =
      "lineItem/LineItemType,lineItem/UsageStartDate,lineItem/UsageEndDate,bill/BillingPeriodStartDate,"
      "bill/BillingPeriodEndDate,lineItem/ProductCode,lineItem/UnblendedCost,lineItem/CurrencyCode,"
      "reservation/ReservationARN,reservation/EffectiveCost,reservation/UnusedAmortizedUpfrontFeeForBillingPeriod,"
      "reservation/UnusedRecurringFee,savingsPlan/SavingsPlanARN,savingsPlan/SavingsPlanEffectiveCost,"
      "savingsPlan/TotalCommitmentToDate,savingsPlan/UsedCommitment,lineItem/UsageType\n";
  const std::string p = ",2024-03-01T00:00:00Z,2024-03-01T01:00:00Z,2024-03-01T00:00:00Z,2024-04-01T00:00:00Z,";
  const std::string ri = "arn:aws:ec2:us-east-1:111122223333:reserved-instances/ri-1";
  const std::string sp = "arn:aws:savingsplans::111122223333:savingsplan/sp-1";
  const std::string text = header +                                                                    //
                           "RIFee" + p + "AmazonEC2,100,USD," + ri + ",,5,3,,,,,HeavyUsage\n" +        //
                           "DiscountedUsage" + p + "AmazonEC2,0,USD," + ri + ",92,,,,,,,BoxUsage\n" +  //
                           "SavingsPlanRecurringFee" + p + "ComputeSavingsPlans,50,USD,,,,," + sp + ",,50,45,\n" +
                           "SavingsPlanCoveredUsage" + p + "AmazonEC2,60,USD,,,,," + sp + ",45,,,BoxUsage\n" +
                           "SavingsPlanNegation" + p + "AmazonEC2,-60,USD,,,,," + sp + ",,,,BoxUsage\n" + "Usage" + p +
                           "AmazonEC2,10,USD,,,,,,,,,SpotUsage:m5.large\n" +  //
                           "Tax" + p + "AmazonEC2,1,USD,,,,,,,,,\n" +         //
                           "Credit" + p + "AmazonEC2,-2,USD,,,,,,,,,\n";
  const std::string path = write("commitments.csv", text);
  const OrgScope scope = next_org();
  auto s = ingest(scope, {path});
  ASSERT_TRUE(s.ok()) << s.status().message();
  ASSERT_TRUE(s->accepted);
  EXPECT_EQ(s->billed_by_currency.at("USD").to_string(), "159");
  costdb::Query q;
  q.group_by = {Dimension::of(Column::kChargeCategory)};
  auto r = store_->query(scope, q);
  ASSERT_TRUE(r.ok());
  std::map<std::string, std::pair<std::string, std::string>> got;
  for (const auto& row : r->rows) {
    got[row.keys[0]] = {row.sums.billed_cost.to_string(), row.sums.effective_cost.to_string()};
  }
  // Purchase: billed 100 + 50, effective only the unused parts 5 + 3 and 50 − 45.
  // Usage: billed 0 + 60 − 60 + 10, effective 92 + 45 + 0 + 10.
  EXPECT_EQ(got,
            (std::map<std::string, std::pair<std::string, std::string>>{
                {"Credit", {"-2", "-2"}}, {"Purchase", {"150", "13"}}, {"Tax", {"1", "1"}}, {"Usage", {"10", "147"}}}));
  EXPECT_EQ(store_totals(*store_, scope), python_totals("aws-cur", path));

  q.group_by = {Dimension::of(Column::kPricingCategory), Dimension::of(Column::kCommitmentDiscountType)};
  r = store_->query(scope, q);
  ASSERT_TRUE(r.ok());
  std::map<std::string, std::uint64_t> counts;
  for (const auto& row : r->rows) counts[row.keys[0] + "/" + row.keys[1]] = row.sums.count;
  EXPECT_EQ(counts["Committed/Reserved Instance"], 1u);  // DiscountedUsage
  EXPECT_EQ(counts["Committed/Savings Plan"], 2u);       // covered usage and its negation
  EXPECT_EQ(counts["Dynamic/"], 1u);                     // spot
  EXPECT_EQ(counts["Standard/Reserved Instance"], 1u);   // the RI fee
}

TEST_F(NativeFormats, AzureSamplesReconcileInBothDatasets) {
  const auto actual = sample("azure/azure-ea-actualcost_small.csv");
  if (!actual) GTEST_SKIP() << "shared sample data not found";
  const auto amortized = *sample("azure/azure-ea-amortizedcost_small.csv");
  const auto details = *sample("azure/azure-ea-costdetails_anonymized_27rows.csv");
  struct Case {
    std::string path;
    BillingFormat format;
    std::string name;
    std::uint64_t rows;
  };
  for (const Case& c : {Case{*actual, BillingFormat::kAuto, "azure-actual", 11},
                        Case{amortized, BillingFormat::kAzureAmortized, "azure-amortized", 28},
                        Case{amortized, BillingFormat::kAzureActual, "azure-actual", 28},
                        Case{details, BillingFormat::kAuto, "azure-actual", 27}}) {
    SCOPED_TRACE(c.path + " as " + c.name);
    const OrgScope scope = next_org();
    auto s = ingest(scope, {c.path}, c.format);
    ASSERT_TRUE(s.ok()) << s.status().message();
    EXPECT_TRUE(s->accepted);
    EXPECT_EQ(s->format, c.name);
    EXPECT_EQ(s->rows_ingested, c.rows);
    // Only detection warns that the dataset is a guess.
    EXPECT_EQ(s->findings.count("mapping.azure_dataset"), c.format == BillingFormat::kAuto ? 1u : 0u);
    EXPECT_EQ(store_totals(*store_, scope), python_totals(c.name, c.path));
  }

  // EA tags without their braces are read as the object they are; M/D/YYYY dates and the
  // inclusive billing-period end become FOCUS's exclusive one.
  const OrgScope scope = next_org();
  ASSERT_TRUE(ingest(scope, {details}).ok());
  costdb::Query q;
  q.group_by = {Dimension::tag("tagA"), Dimension::of(Column::kBillingCurrency), Dimension::month()};
  auto r = store_->query(scope, q);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->rows.size(), 1u);
  EXPECT_EQ(r->rows[0].keys[0], "valueA");
  EXPECT_EQ(r->rows[0].keys[1], "CAD");
  EXPECT_EQ(r->rows[0].keys[2], "2023-09");
  EXPECT_EQ(r->rows[0].sums.count, 27u);
}

TEST_F(NativeFormats, AzureCommitmentRowsFollowTheDataset) {
  const std::string header =
      "Date,BillingPeriodStartDate,BillingPeriodEndDate,MeterCategory,CostInBillingCurrency,BillingCurrencyCode,"
      "ChargeType,PricingModel,benefitId,SubscriptionId\n";
  const std::string ri = "/providers/Microsoft.Capacity/reservationOrders/o1/reservations/r1";
  const std::string rows =
      "2024-03-02,2024-03-01,2024-03-31,Virtual Machines,30,EUR,Purchase,Reservation," + ri + ",s1\n" +
      "2024-03-02,2024-03-01,2024-03-31,Virtual Machines,0.9,EUR,Usage,Reservation," + ri + ",s1\n" +
      "2024-03-02,2024-03-01,2024-03-31,Virtual Machines,0.1,EUR,UnusedReservation," + "Reservation," + ri + ",s1\n" +
      "2024-03-02,2024-03-01,2024-03-31,Storage,2,EUR,Usage,OnDemand,,s1\n";
  const std::string path = write("azure-commit.csv", header + rows);
  for (const auto& [format, billed, effective] :
       {std::tuple{BillingFormat::kAzureActual, "33", "33"}, std::tuple{BillingFormat::kAzureAmortized, "32", "3"}}) {
    const OrgScope scope = next_org();
    auto s = ingest(scope, {path}, format);
    ASSERT_TRUE(s.ok()) << s.status().message();
    costdb::Query q;
    q.group_by = {Dimension::of(Column::kBillingCurrency)};
    auto r = store_->query(scope, q);
    ASSERT_TRUE(r.ok());
    ASSERT_EQ(r->rows.size(), 1u);
    EXPECT_EQ(r->rows[0].sums.billed_cost.to_string(), billed);
    EXPECT_EQ(r->rows[0].sums.effective_cost.to_string(), effective);
    EXPECT_EQ(store_totals(*store_, scope), python_totals(std::string(format_name(format)), path));
  }
}

TEST_F(NativeFormats, GcpBillingExportFromTheSchema) {
  // Columns of the standard usage cost table (docs/FORMATS.md "GCP billing export"), nested fields
  // as BigQuery's flattening names them; credits and labels as JSON.
  const std::string text =
      "billing_account_id,service.id,service.description,sku.id,sku.description,usage_start_time,usage_end_time,"
      "project.id,project.name,labels,location.region,cost,currency,usage.amount,usage.unit,credits,invoice.month,"
      "cost_type\n"
      "0A-1,6F81,Compute Engine,S1,N2 Instance Core,2023-11-05 10:00:00 UTC,2023-11-05 11:00:00 UTC,p1,Proj 1,"
      "\"[{\"\"key\"\":\"\"env\"\",\"\"value\"\":\"\"prod\"\"}]\",us-central1,0.1,USD,3600,seconds,"
      "\"[{\"\"name\"\":\"\"SUD\"\",\"\"amount\"\":-0.03,\"\"type\"\":\"\"SUSTAINED_USAGE_DISCOUNT\"\"}]\",202311,"
      "regular\n"
      "0A-1,6F81,Compute Engine,S1,N2 Instance Core,2023-11-05T11:00:00Z,2023-11-05T12:00:00Z,p1,Proj 1,[],"
      "us-central1,0.2,USD,3600,seconds,[],202311,regular\n"
      "0A-1,95FF,Cloud Storage,S2,Standard Storage,2024-01-02 00:00:00 UTC,2024-01-02 01:00:00 UTC,p2,Proj 2,[],"
      "us,1e-05,USD,1,gibibyte month,[],202401,regular\n"
      "0A-1,95FF,Cloud Storage,S3,Tax,2024-01-02 00:00:00 UTC,2024-01-02 01:00:00 UTC,p2,Proj 2,[],,0.7,USD,,,[],"
      "202401,tax\n";
  const std::string path = write("gcp.csv", text);
  const OrgScope scope = next_org();
  auto s = ingest(scope, {path});
  ASSERT_TRUE(s.ok()) << s.status().message();
  ASSERT_TRUE(s->accepted);
  EXPECT_EQ(s->format, "gcp-billing");
  // 0.1 + 0.2 − 0.03 + 0.00001 + 0.7, exactly: FLOAT64 read as the shortest round-trip decimal.
  EXPECT_EQ(s->billed_by_currency.at("USD").to_string(), "0.97001");
  EXPECT_EQ(store_totals(*store_, scope), python_totals("gcp-billing", path));

  costdb::Query q;
  q.group_by = {Dimension::tag("env")};
  auto r = store_->query(scope, q);
  ASSERT_TRUE(r.ok());
  std::map<std::string, std::string> by_env;
  for (const auto& row : r->rows) by_env[row.keys[0]] = row.sums.billed_cost.to_string();
  EXPECT_EQ(by_env["prod"], "0.07");
  q.group_by = {Dimension::of(Column::kChargeCategory), Dimension::of(Column::kSubAccountId)};
  r = store_->query(scope, q);
  ASSERT_TRUE(r.ok());
  std::map<std::string, std::uint64_t> counts;
  for (const auto& row : r->rows) counts[row.keys[0] + "/" + row.keys[1]] = row.sums.count;
  EXPECT_EQ(counts, (std::map<std::string, std::uint64_t>{{"Tax/p2", 1}, {"Usage/p1", 2}, {"Usage/p2", 1}}));
}

TEST(GcpInvoiceMonth, StartsAtMidnightInLosAngeles) {
  EXPECT_EQ(gcp::invoice_month_start("202311"),
            fg::parse_timestamp("2023-11-01T07:00:00Z", fg::TimeSyntax::kFocus).value().seconds());
  EXPECT_EQ(gcp::invoice_month_start("202401"),
            fg::parse_timestamp("2024-01-01T08:00:00Z", fg::TimeSyntax::kFocus).value().seconds());
  EXPECT_EQ(gcp::invoice_month_start("202403"),
            fg::parse_timestamp("2024-03-01T08:00:00Z", fg::TimeSyntax::kFocus).value().seconds());
  EXPECT_EQ(gcp::invoice_month_start("202404"),
            fg::parse_timestamp("2024-04-01T07:00:00Z", fg::TimeSyntax::kFocus).value().seconds());
  EXPECT_FALSE(gcp::invoice_month_start("2024-01"));
  EXPECT_FALSE(gcp::invoice_month_start("202413"));
}

TEST_F(NativeFormats, BadCellsAreRejectedOrQuarantinedNamingTheSourceColumn) {
  const std::string header =
      "lineItem/LineItemType,lineItem/UsageStartDate,bill/BillingPeriodStartDate,lineItem/UnblendedCost,"
      "lineItem/CurrencyCode,lineItem/ProductCode\n";
  const std::string good = "Usage,2024-03-01T00:00:00Z,2024-03-01T00:00:00Z,1.25,USD,AmazonS3\n";
  const std::string first = write("v1.csv", header + good + good);
  const std::string bad = write("v2.csv", header + good +
                                              "Usage,2024-03-01T00:00:00Z,2024-03-01T00:00:00Z,1,5,USD,"
                                              "AmazonS3\n" +
                                              "Usage,2024-03-01T00:00:00Z,2024-03-01T00:00:00Z,abc,USD,AmazonS3\n");
  const OrgScope scope = next_org();
  IngestOptions o;
  o.source = "cur";
  ASSERT_TRUE(ingest_focus(*store_, scope, {first}, o).ok());

  // Strict: the delivery is rejected and the earlier one stays.
  auto s = ingest_focus(*store_, scope, {bad}, o);
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_FALSE(s->accepted);
  EXPECT_EQ(s->findings.count("format.decimal", "lineItem/UnblendedCost"), 1u);
  EXPECT_EQ(s->findings.count("row.field_count"), 1u);
  EXPECT_EQ(store_totals(*store_, scope), (Totals{{"USD|AmazonS3|2024-03-01", {"2.5", "2.5"}}}));

  // Lenient: the two bad rows are quarantined with their lines, the good one replaces the source.
  o.mode = IngestMode::kLenient;
  s = ingest_focus(*store_, scope, {bad}, o);
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_TRUE(s->accepted);
  EXPECT_EQ(s->rows_ingested, 1u);
  ASSERT_EQ(s->quarantine_sample.size(), 2u);
  EXPECT_EQ(s->quarantine_sample[0].line, 3u);
  EXPECT_EQ(s->quarantine_sample[0].reason, "row.field_count");
  EXPECT_EQ(s->quarantine_sample[1].line, 4u);
  EXPECT_EQ(s->quarantine_sample[1].reason, "format.decimal:lineItem/UnblendedCost");
  EXPECT_EQ(store_totals(*store_, scope), (Totals{{"USD|AmazonS3|2024-03-01", {"1.25", "1.25"}}}));
}

TEST_F(NativeFormats, DetectionCanBeOverriddenAndADeliveryIsOneFormat) {
  const std::string cur = write("cur.csv",
                                "lineItem/LineItemType,lineItem/UsageStartDate,bill/BillingPeriodStartDate,"
                                "lineItem/UnblendedCost,lineItem/CurrencyCode\n"
                                "Usage,2024-03-01T00:00:00Z,2024-03-01T00:00:00Z,1,USD\n");
  const std::string azure = write("azure.csv",
                                  "Date,BillingPeriodStartDate,MeterCategory,Cost,BillingCurrency\n"
                                  "03/02/2024,03/01/2024,Storage,2,USD\n");
  // Read as FOCUS, a CUR lacks FOCUS's mandatory columns: strict mode rejects it.
  auto s = ingest(next_org(), {cur}, BillingFormat::kFocus);
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_FALSE(s->accepted);
  EXPECT_EQ(s->format, "focus");
  EXPECT_EQ(s->findings.count("column.missing", "BilledCost"), 1u);
  // Read as a CUR, an Azure file lacks the CUR's columns: an error naming one, nothing written.
  s = ingest(next_org(), {azure}, BillingFormat::kAwsCur);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("lineItem/LineItemType"), std::string::npos) << s.status().message();
  // One delivery, two formats.
  const OrgScope scope = next_org();
  s = ingest(scope, {cur, azure});
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("one delivery is one format"), std::string::npos) << s.status().message();
  EXPECT_TRUE(store_totals(*store_, scope).empty());
  // Each alone is detected.
  s = ingest(next_org(), {azure});
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ(s->format, "azure-actual");
  EXPECT_EQ(s->billed_by_currency.at("USD").to_string(), "2");
}

TEST(BillingFormatNames, RoundTrip) {
  for (BillingFormat f : {BillingFormat::kAuto, BillingFormat::kFocus, BillingFormat::kAwsCur,
                          BillingFormat::kAzureActual, BillingFormat::kAzureAmortized, BillingFormat::kGcpBilling}) {
    EXPECT_EQ(parse_format(format_name(f)), f);
    EXPECT_NE(format_names().find(format_name(f)), std::string_view::npos);
  }
  EXPECT_FALSE(parse_format("cur"));
}

TEST(NativeNames, FoldsMatchTheDocumentedRules) {
  EXPECT_EQ(native::aws_fold("lineItem/UsageStartDate"), "line_item_usage_start_date");
  EXPECT_EQ(native::aws_fold("reservation/ReservationARN"), "reservation_reservation_a_r_n");
  EXPECT_EQ(native::aws_fold("savingsPlan/SavingsPlanARN"), "savings_plan_savings_plan_a_r_n");
  EXPECT_EQ(native::aws_fold("line_item_unblended_cost"), "line_item_unblended_cost");
  EXPECT_EQ(native::azure_fold("Cost In Billing Currency"), native::azure_fold("costInBillingCurrency"));
  EXPECT_EQ(native::gcp_fold("service.description"), "service_description");
}

}  // namespace
}  // namespace fg::ingest

namespace fg::ingest {
namespace {

// Damaged native files (bytes flipped, cut, duplicated) in every format and both modes: each read ends
// with a summary or an error, never a crash (the ASan/UBSan build runs this), and a rejected or failed
// delivery writes nothing. A deterministic stand-in for fuzzing the mappings; the Parquet reader has
// its libFuzzer target (tests/fuzz).
TEST_F(NativeFormats, DamagedFilesNeverCrashAndFailedDeliveriesWriteNothing) {
  const std::string header_cur =
      "lineItem/LineItemType,lineItem/UsageStartDate,bill/BillingPeriodStartDate,lineItem/UnblendedCost,"
      "lineItem/CurrencyCode,resource_tags,reservation/ReservationARN\n";
  const std::string cur = header_cur +
                          "Usage,2024-03-01T00:00:00Z,2024-03-01T00:00:00Z,1.25,USD,\"{\"\"user_a\"\":\"\"b\"\"}\",\n" +
                          "RIFee,2024-03-01T00:00:00Z,2024-03-01T00:00:00Z,3,USD,,arn:aws:ec2:x:1:ri/r\n";
  const std::string azure =
      "\xEF\xBB\xBF"
      "Date,BillingPeriodStartDate,BillingPeriodEndDate,MeterCategory,Cost,BillingCurrency,Tags,ResourceId\n"
      "03/02/2024,03/01/2024,03/31/2024,Storage,2,USD,\"\"\"a\"\": \"\"b\"\"\",/subscriptions/s/providers/"
      "Microsoft.Storage/storageAccounts/x\n";
  const std::string gcp =
      "billing_account_id,service.description,usage_start_time,cost,currency,credits,labels,invoice.month\n"
      "A,Compute Engine,2023-11-05 10:00:00 UTC,0.1,USD,\"[{\"\"amount\"\":-0.01}]\","
      "\"[{\"\"key\"\":\"\"k\"\",\"\"value\"\":\"\"v\"\"}]\",202311\n";
  std::uint32_t seed = 12345;
  auto next = [&seed] {
    seed = seed * 1664525u + 1013904223u;
    return seed >> 8;
  };
  int files = 0;
  for (const std::string& base : {cur, azure, gcp}) {
    for (int round = 0; round < 100; ++round) {
      std::string text = base;
      const int edits = 1 + static_cast<int>(next() % 4);
      for (int e = 0; e < edits && !text.empty(); ++e) {
        const std::size_t at = next() % text.size();
        switch (next() % 4) {
          case 0: text[at] = static_cast<char>(next() & 0xFF); break;
          case 1: text.resize(at); break;
          case 2: text.insert(at, text.substr(at, next() % 16)); break;
          default: text[at] = "\",\n{}[]:\\"[next() % 9]; break;
        }
      }
      const std::string path = write("damaged-" + std::to_string(files++) + ".csv", text);
      for (IngestMode mode : {IngestMode::kStrict, IngestMode::kLenient}) {
        const OrgScope scope = next_org();
        auto s = ingest(scope, {path}, BillingFormat::kAuto, mode);
        const bool wrote = s.ok() && s->accepted && s->rows_ingested > 0;
        if (!wrote) {
          EXPECT_TRUE(store_totals(*store_, scope).empty()) << path;
        }
      }
    }
  }
  EXPECT_EQ(files, 300);
}

}  // namespace
}  // namespace fg::ingest

namespace fg::ingest {
namespace {

// Legacy CUR deliveries (docs/FORMATS.md "AWS CUR", manifests): each manifest lists its period's files;
// a later assembly of the same period supersedes the earlier one, another period accumulates.
TEST_F(NativeFormats, ALaterCurManifestSupersedesTheEarlierDeliveryOfItsPeriod) {
  namespace fs = std::filesystem;
  const std::string header =
      "lineItem/LineItemType,lineItem/UsageStartDate,bill/BillingPeriodStartDate,bill/BillingPeriodEndDate,"
      "lineItem/UnblendedCost,lineItem/CurrencyCode,lineItem/ProductCode\n";
  auto row = [](const std::string& day, const std::string& month, const std::string& cost) {
    return "Usage," + day + "T00:00:00Z," + month + "-01T00:00:00Z,," + cost + ",USD,AmazonS3\n";
  };
  // <report>/<period>/<report>-Manifest.json and <report>/<period>/<assembly>/<files>, as S3 holds them.
  auto deliver = [&](const std::string& period, const std::string& assembly,
                     const std::vector<std::string>& texts) -> std::string {
    const fs::path dir = fs::path(dir_) / "cur" / "myreport" / period;
    fs::create_directories(dir / assembly);
    nlohmann::json keys = nlohmann::json::array();
    for (std::size_t i = 0; i < texts.size(); ++i) {
      const std::string name = "myreport-" + std::to_string(i + 1) + ".csv";
      test::write_file((dir / assembly / name).string(), header + texts[i]);
      keys.push_back("exports/myreport/" + period + "/" + assembly + "/" + name);
    }
    const nlohmann::json manifest = {
        {"assemblyId", assembly},
        {"reportName", "myreport"},
        {"reportKeys", keys},
        {"billingPeriod",
         {{"start", period.substr(0, 8) + "T000000.000Z"}, {"end", period.substr(9) + "T000000.000Z"}}}};
    const fs::path path = dir / "myreport-Manifest.json";
    test::write_file(path.string(), manifest.dump());
    return path.string();
  };
  const OrgScope scope = next_org();
  auto ingest_manifest = [&](const std::string& path) -> Result<IngestSummary> {
    const std::string text = read_text(path);
    EXPECT_TRUE(aws::is_cur_manifest(text));
    FG_ASSIGN_OR_RETURN(aws::CurManifest m, aws::parse_cur_manifest(text));
    FG_ASSIGN_OR_RETURN(std::vector<std::string> files, aws::local_report_files(m, path));
    IngestOptions o;
    o.source = m.report_name;
    o.format = BillingFormat::kAwsCur;
    return ingest_focus(*store_, scope, files, o);
  };
  const std::string nov1 =
      deliver("20231101-20231201", "a1", {row("2023-11-02", "2023-11", "1"), row("2023-11-03", "2023-11", "2")});
  auto s = ingest_manifest(nov1);
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ(s->objects.size(), 2u);
  EXPECT_EQ(s->billed_by_currency.at("USD").to_string(), "3");
  // The corrected delivery of November (one file now), then December's first.
  const std::string nov2 = deliver("20231101-20231201", "a2", {row("2023-11-02", "2023-11", "1.5")});
  ASSERT_TRUE(ingest_manifest(nov2).ok());
  const std::string dec1 = deliver("20231201-20240101", "b1", {row("2023-12-05", "2023-12", "7")});
  ASSERT_TRUE(ingest_manifest(dec1).ok());
  EXPECT_EQ(store_totals(*store_, scope),
            (Totals{{"USD|AmazonS3|2023-11-02", {"1.5", "1.5"}}, {"USD|AmazonS3|2023-12-05", {"7", "7"}}}));

  // A manifest whose file is missing, or whose key leaves its folder, is refused before reading.
  auto m = aws::parse_cur_manifest(read_text(dec1));
  ASSERT_TRUE(m.ok());
  m->report_keys.push_back("exports/myreport/20231201-20240101/b1/missing.csv");
  EXPECT_EQ(aws::local_report_files(*m, dec1).status().code(), StatusCode::kNotFound);
  m->report_keys.back() = "exports/myreport/20231201-20240101/../../../../etc/passwd";
  EXPECT_EQ(aws::local_report_files(*m, dec1).status().code(), StatusCode::kInvalidArgument);
  m->report_keys.back() = "exports/other/20231101-20231201/b1/x.csv";
  EXPECT_EQ(aws::local_report_files(*m, dec1).status().code(), StatusCode::kInvalidArgument);
  EXPECT_FALSE(aws::parse_cur_manifest(R"({"assemblyId":"x","reportName":"r","reportKeys":[]})").ok());
  EXPECT_EQ(aws::parse_cur_manifest(R"({"assemblyId":"x","reportName":"r","reportKeys":["k"],"billingPeriod":{}})")
                .status()
                .field(),
            "billingPeriod");
}

}  // namespace
}  // namespace fg::ingest
