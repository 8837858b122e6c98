// UploadService on SQLite and PostgreSQL: what each state change writes (row, job, audit entry,
// file) and what a refused or failed one leaves behind (nothing).
#include "uploads/upload_service.hpp"

#include <filesystem>

#include <gtest/gtest.h>

#include "audit/audit_reader.hpp"
#include "support/store_fixture.hpp"
#include "support/test_env.hpp"

namespace fg::uploads {
namespace {

using store::backend_name;
using store::Dialect;
using store::StoreTest;
using store::TxMode;
namespace fs = std::filesystem;

class UploadServiceTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    org_ = create_org("alpha");
    other_ = create_org("beta");
    data_dir_ = fs::path(testing::make_temp_dir("fg-uploads-")) / "data";
    service_.emplace(*db_, audit_, data_dir_);
  }

  Result<AcceptedUpload> upload(const OrgId& org, const std::string& source, std::string_view bytes,
                                int max_pending = 16) {
    FG_ASSIGN_OR_RETURN(UploadDraft draft, service_->begin(scope_for(org), {.source = source}, max_pending));
    if (!bytes.empty()) FG_TRY(draft.append(bytes));
    return service_->accept(scope_for(org), std::move(draft), origin_);
  }

  // The org's audit entries of `action`, newest first.
  std::vector<audit::AuditRecord> events(const OrgId& org, const std::string& action) {
    Result<store::OrgTransaction> tx = db_->begin(scope_for(org), TxMode::kRead);
    EXPECT_TRUE(tx.ok());
    Result<audit::AuditPage> page = audit::list_events(*tx, {.action = action});
    EXPECT_TRUE(page.ok()) << page.status().to_string();
    return page.ok() ? page->records : std::vector<audit::AuditRecord>{};
  }

  std::int64_t count(const OrgId& org, const std::string& sql) {
    Result<store::OrgTransaction> tx = db_->begin(scope_for(org), TxMode::kRead);
    Result<store::RowSet> rs = tx->query(sql, {});
    EXPECT_TRUE(rs.ok()) << rs.status().to_string();
    return rs.ok() ? rs->int64(0, 0) : -1;
  }

  // Files under the org's upload directory, temporary ones included.
  std::size_t files_of(const OrgId& org) {
    const fs::path dir = upload_dir(data_dir_, scope_for(org));
    std::error_code ec;
    if (!fs::exists(dir, ec)) return 0;
    return static_cast<std::size_t>(std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
  }

  fs::path data_dir_;
  audit::AuditLog audit_;
  std::optional<UploadService> service_;
  audit::Origin origin_{.request_id = "req-1", .source_ip = "192.0.2.7", .user_agent = "test"};
  OrgId org_;
  OrgId other_;
};

TEST_P(UploadServiceTest, AcceptRecordsTheRowItsJobAndIngestRequestedTogether) {
  Result<AcceptedUpload> accepted = upload(org_, "feed.csv", "a,b\n1,2\n");
  ASSERT_TRUE(accepted.ok()) << accepted.status().to_string();
  Result<UploadRecord> row = service_->get(scope_for(org_), accepted->upload_id);
  ASSERT_TRUE(row.ok());
  EXPECT_EQ(row->status, UploadStatus::kPending);
  EXPECT_EQ(row->size_bytes, 8);
  EXPECT_EQ(row->job_id, accepted->job_id);
  EXPECT_TRUE(fs::exists(upload_path(data_dir_, scope_for(org_), accepted->upload_id)));
  EXPECT_EQ(count(org_, "SELECT count(*) FROM jobs WHERE kind = 'ingest.upload'"), 1);
  const std::vector<audit::AuditRecord> requested = events(org_, "ingest.requested");
  ASSERT_EQ(requested.size(), 1u);
  EXPECT_EQ(requested[0].target_id, accepted->upload_id.to_string());
  EXPECT_NE(requested[0].context.find(accepted->job_id.to_string()), std::string::npos);
  // Another org sees none of it.
  EXPECT_EQ(service_->get(scope_for(other_), accepted->upload_id).status().code(), StatusCode::kNotFound);
}

TEST_P(UploadServiceTest, RefusalsLeaveNoFileRowOrJob) {
  // An empty body.
  EXPECT_EQ(upload(org_, "empty.csv", "").status().code(), StatusCode::kInvalidArgument);
  // A full queue, before any byte.
  ASSERT_TRUE(upload(org_, "one.csv", "x\n").ok());
  EXPECT_EQ(upload(org_, "two.csv", "x\n", 1).status().code(), StatusCode::kResourceExhausted);
  // A second pending upload of the same source.
  EXPECT_EQ(upload(org_, "one.csv", "x\n").status().code(), StatusCode::kConflict);
  // A draft dropped before accept (the client left).
  {
    Result<UploadDraft> draft = service_->begin(scope_for(org_), {.source = "left.csv"}, 16);
    ASSERT_TRUE(draft.ok());
    ASSERT_TRUE(draft->append("half a file").ok());
  }
  EXPECT_EQ(files_of(org_), 1u);  // one.csv's
  EXPECT_EQ(count(org_, "SELECT count(*) FROM uploads"), 1);
  EXPECT_EQ(count(org_, "SELECT count(*) FROM jobs"), 1);
  EXPECT_EQ(events(org_, "ingest.requested").size(), 1u);
}

TEST_P(UploadServiceTest, SucceedAuditsTheDeliveryOnceAndRemovesTheFile) {
  Result<AcceptedUpload> accepted = upload(org_, "feed.csv", "a\n1\n");
  ASSERT_TRUE(accepted.ok());
  const CompletedDelivery delivery{
      .delivery_id = "d-1", .source = "feed.csv", .rows = 1, .periods = 1, .rows_quarantined = 0};
  ASSERT_TRUE(
      service_->succeed(scope_for(org_), accepted->upload_id, R"({"rows_ingested":1})", delivery, accepted->job_id, {})
          .ok());
  Result<UploadRecord> row = service_->get(scope_for(org_), accepted->upload_id);
  ASSERT_TRUE(row.ok());
  EXPECT_EQ(row->status, UploadStatus::kSucceeded);
  EXPECT_EQ(row->summary_json, R"({"rows_ingested":1})");
  EXPECT_EQ(files_of(org_), 0u);
  // A re-run's entry for the same delivery (here from the CLI's path) is not appended twice.
  ASSERT_TRUE(service_->record_delivery(scope_for(org_), delivery, {}).ok());
  const std::vector<audit::AuditRecord> completed = events(org_, "ingest.completed");
  ASSERT_EQ(completed.size(), 1u);
  EXPECT_EQ(completed[0].target_id, "d-1");
  EXPECT_NE(completed[0].context.find(accepted->upload_id.to_string()), std::string::npos);
}

TEST_P(UploadServiceTest, FailMarksTheRowFailedAndRemovesTheFile) {
  Result<AcceptedUpload> accepted = upload(org_, "feed.csv", "a\n1\n");
  ASSERT_TRUE(accepted.ok());
  ASSERT_TRUE(service_->fail(scope_for(org_), accepted->upload_id, "", "strict mode rejected the file").ok());
  Result<UploadRecord> row = service_->get(scope_for(org_), accepted->upload_id);
  ASSERT_TRUE(row.ok());
  EXPECT_EQ(row->status, UploadStatus::kFailed);
  EXPECT_EQ(row->error, "strict mode rejected the file");
  EXPECT_EQ(files_of(org_), 0u);
  EXPECT_TRUE(events(org_, "ingest.completed").empty());
  // Another org's upload cannot be failed through this org: its row and its file stay.
  Result<AcceptedUpload> theirs = upload(other_, "feed.csv", "a\n1\n");
  ASSERT_TRUE(theirs.ok());
  (void)service_->fail(scope_for(org_), theirs->upload_id, "", "x");
  Result<UploadRecord> their_row = service_->get(scope_for(other_), theirs->upload_id);
  ASSERT_TRUE(their_row.ok());
  EXPECT_EQ(their_row->status, UploadStatus::kPending);
  EXPECT_EQ(files_of(other_), 1u);
}

TEST_P(UploadServiceTest, RecordDeliveryWritesIngestCompletedWithItsOrigin) {
  ASSERT_TRUE(
      service_
          ->record_delivery(scope_for(org_), {.delivery_id = "cli-1", .source = "s", .rows = 3, .periods = 2}, origin_)
          .ok());
  const std::vector<audit::AuditRecord> completed = events(org_, "ingest.completed");
  ASSERT_EQ(completed.size(), 1u);
  EXPECT_EQ(completed[0].target_id, "cli-1");
  EXPECT_EQ(completed[0].context.find("upload_id"), std::string::npos);
  EXPECT_TRUE(events(other_, "ingest.completed").empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, UploadServiceTest, ::testing::Values(Dialect::kSqlite, Dialect::kPostgres),
                         backend_name);

}  // namespace
}  // namespace fg::uploads
