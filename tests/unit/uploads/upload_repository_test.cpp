// UploadRepository on SQLite and PostgreSQL: one pending upload per (org, source), org isolation,
// and the pending -> succeeded/failed transitions.
#include "uploads/upload_repository.hpp"

#include <gtest/gtest.h>

#include "support/store_fixture.hpp"

namespace fg::uploads {
using store::backend_name;
using store::Dialect;
using store::OrgTransaction;
using store::StoreTest;
using store::TxMode;
namespace {

class UploadRepositoryTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    a_ = create_org("alpha");
    b_ = create_org("beta");
  }

  UploadRecord record(const std::string& source) {
    UploadRecord r;
    r.id = Uuid::random();
    r.source = source;
    r.mode = "strict";
    r.size_bytes = 42;
    r.sha256 = std::string(64, 'a');
    r.created_by = "user-1";
    r.created_at = Timestamp::from_seconds(1'750'000'000);
    return r;
  }

  Status insert(const OrgId& org, const UploadRecord& r) {
    Result<OrgTransaction> tx = db_->begin(scope_for(org));
    if (!tx.ok()) return tx.status();
    FG_TRY(UploadRepository::insert(*tx, r));
    return tx->commit();
  }

  Result<UploadRecord> get(const OrgId& org, const Uuid& id) {
    FG_ASSIGN_OR_RETURN(OrgTransaction tx, db_->begin(scope_for(org), TxMode::kRead));
    FG_ASSIGN_OR_RETURN(UploadRecord r, UploadRepository::get(tx, id));
    FG_TRY(tx.commit());
    return r;
  }

  Status finish(const OrgId& org, const Uuid& id, UploadStatus status, const std::string& error = "") {
    FG_ASSIGN_OR_RETURN(OrgTransaction tx, db_->begin(scope_for(org)));
    FG_TRY(UploadRepository::finish(tx, id, status, R"({"rows_ingested":3})", error, Timestamp::from_seconds(1)));
    return tx.commit();
  }

  OrgId a_, b_;
};

TEST_P(UploadRepositoryTest, InsertGetAndFinish) {
  const UploadRecord r = record("feed.csv");
  ASSERT_TRUE(insert(a_, r).ok());
  Result<UploadRecord> got = get(a_, r.id);
  ASSERT_TRUE(got.ok()) << got.status().to_string();
  EXPECT_EQ(got->source, "feed.csv");
  EXPECT_EQ(got->status, UploadStatus::kPending);
  EXPECT_EQ(got->size_bytes, 42);
  EXPECT_FALSE(got->job_id.has_value());
  {
    Result<OrgTransaction> tx = db_->begin(scope_for(a_));
    const Uuid job = Uuid::random();
    ASSERT_TRUE(UploadRepository::set_job(*tx, r.id, job).ok());
    ASSERT_TRUE(tx->commit().ok());
    EXPECT_EQ(get(a_, r.id)->job_id, job);
  }
  ASSERT_TRUE(finish(a_, r.id, UploadStatus::kSucceeded).ok());
  got = get(a_, r.id);
  EXPECT_EQ(got->status, UploadStatus::kSucceeded);
  EXPECT_EQ(got->summary_json, R"({"rows_ingested":3})");
  ASSERT_TRUE(got->finished_at.has_value());
  // A succeeded upload is final.
  ASSERT_TRUE(finish(a_, r.id, UploadStatus::kFailed, "late").ok());
  EXPECT_EQ(get(a_, r.id)->status, UploadStatus::kSucceeded);
}

TEST_P(UploadRepositoryTest, OnePendingUploadPerSource) {
  const UploadRecord first = record("feed.csv");
  ASSERT_TRUE(insert(a_, first).ok());
  EXPECT_EQ(insert(a_, record("feed.csv")).code(), StatusCode::kConflict);
  // Another source, or the same source in another org, is fine.
  EXPECT_TRUE(insert(a_, record("other.csv")).ok());
  EXPECT_TRUE(insert(b_, record("feed.csv")).ok());
  // Once the first is done, the source takes a new upload.
  ASSERT_TRUE(finish(a_, first.id, UploadStatus::kFailed, "bad file").ok());
  EXPECT_EQ(get(a_, first.id)->error, "bad file");
  EXPECT_TRUE(insert(a_, record("feed.csv")).ok());
}

TEST_P(UploadRepositoryTest, AnotherOrgsUploadIsNotFound) {
  const UploadRecord r = record("feed.csv");
  ASSERT_TRUE(insert(a_, r).ok());
  EXPECT_EQ(get(b_, r.id).status().code(), StatusCode::kNotFound);
  Result<OrgTransaction> tx = db_->begin(scope_for(b_));
  EXPECT_EQ(UploadRepository::set_job(*tx, r.id, Uuid::random()).code(), StatusCode::kNotFound);
  EXPECT_TRUE(UploadRepository::finish(*tx, r.id, UploadStatus::kFailed, "{}", "x", Timestamp{}).ok());
  ASSERT_TRUE(tx->commit().ok());
  EXPECT_EQ(get(a_, r.id)->status, UploadStatus::kPending);
}

INSTANTIATE_TEST_SUITE_P(Backends, UploadRepositoryTest, ::testing::Values(Dialect::kSqlite, Dialect::kPostgres),
                         backend_name);

}  // namespace
}  // namespace fg::uploads
