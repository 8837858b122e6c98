// The uploads.cleanup job run by a `finguard worker` process, on SQLite and PostgreSQL: quarantine
// reports older than upload_report_retention_days and a crash's stale temporary files are removed
// from the org's upload directory; newer reports, live temporary files and other orgs' files stay.
#include <fstream>

#include "integration/jobs/worker_fixture.hpp"
#include "uploads/upload_area.hpp"
#include "uploads/upload_repository.hpp"

namespace fg::jobs {
namespace {

namespace fs = std::filesystem;
using std::chrono::hours;

class UploadsCleanupTest : public WorkerProcessTest {
 protected:
  fs::path plant(const OrgId& org, const std::string& name, hours age) {
    const fs::path dir = uploads::upload_dir(data_dir_, scope_for(org));
    fs::create_directories(dir);
    const fs::path p = dir / name;
    std::ofstream(p) << "line,reason\n";
    fs::last_write_time(p, fs::file_time_type::clock::now() - age);
    return p;
  }

  //! An upload row in `status`, as the API and the ingest job leave it.
  Uuid upload_row(const OrgId& org, uploads::UploadStatus status) {
    uploads::UploadRecord r;
    r.id = Uuid::random();
    r.source = "feed-" + r.id.to_string().substr(0, 8);
    r.mode = "strict";
    r.created_by = "test";
    r.created_at = SystemClock::instance().now();
    Result<store::OrgTransaction> tx = db_->begin(scope_for(org));
    EXPECT_TRUE(tx.ok());
    EXPECT_TRUE(uploads::UploadRepository::insert(*tx, r).ok());
    if (status != uploads::UploadStatus::kPending) {
      EXPECT_TRUE(uploads::UploadRepository::finish(*tx, r.id, status, "", "", r.created_at).ok());
    }
    EXPECT_TRUE(tx->commit().ok());
    return r.id;
  }
};

TEST_P(UploadsCleanupTest, OldReportsAndStaleTempFilesAreSweptPerOrg) {
  const OrgId a = new_org("alpha");
  const OrgId b = new_org("beta");
  const fs::path old_report = plant(a, Uuid::random().to_string() + ".quarantine.csv", hours(24 * 11));
  const fs::path new_report = plant(a, Uuid::random().to_string() + ".quarantine.csv", hours(24 * 9));
  const fs::path stale_temp = plant(a, ".tmp-" + Uuid::random().to_string(), hours(30));
  const fs::path live_temp = plant(a, ".tmp-" + Uuid::random().to_string(), hours(0));
  const fs::path other_org = plant(b, Uuid::random().to_string() + ".quarantine.csv", hours(24 * 11));
  // Upload files: a pending upload's belongs to its job, however old; a finished upload's, or one
  // without a row (a crash before its transaction), is an orphan once older than a day.
  const fs::path pending = plant(a, upload_row(a, uploads::UploadStatus::kPending).to_string(), hours(48));
  const fs::path failed = plant(a, upload_row(a, uploads::UploadStatus::kFailed).to_string(), hours(48));
  const fs::path rowless = plant(a, Uuid::random().to_string(), hours(48));
  const fs::path fresh_rowless = plant(a, Uuid::random().to_string(), hours(1));

  std::map<std::string, std::string> env = worker_env();
  env["FINGUARD_UPLOAD_REPORT_RETENTION_DAYS"] = "10";
  testing::BackgroundProcess worker({testing::finguard_binary(), "worker", "--poll-ms", "20", "--no-scheduler"}, env);
  const Uuid id = enqueue(a, kUploadsCleanupKind, "");
  ASSERT_TRUE(eventually([&] { return job(a, id).status == JobStatus::kSucceeded; }, std::chrono::seconds(30)))
      << worker.output();
  EXPECT_FALSE(fs::exists(old_report));
  EXPECT_TRUE(fs::exists(new_report));
  EXPECT_FALSE(fs::exists(stale_temp));
  EXPECT_TRUE(fs::exists(live_temp));
  EXPECT_TRUE(fs::exists(other_org));  // the job sweeps its own org only
  EXPECT_TRUE(fs::exists(pending));
  EXPECT_FALSE(fs::exists(failed));
  EXPECT_FALSE(fs::exists(rowless));
  EXPECT_TRUE(fs::exists(fresh_rowless));
}

TEST_P(UploadsCleanupTest, BootstrapSchedulesItDailyBesideTheAuditCheckpoint) {
  const std::string password_file = data_dir_ + "/owner-password";
  std::ofstream(password_file) << "bootstrap-Passw0rd-heron-quartz";
  fs::permissions(password_file, fs::perms::owner_read | fs::perms::owner_write);
  testing::ProcessResult boot =
      testing::run_process({testing::finguard_binary(), "admin", "bootstrap", "--org", "Sweep Co", "--email",
                            "owner@sweep.test", "--password-file", password_file},
                           worker_env());
  ASSERT_EQ(boot.exit_code, 0) << boot.output;
  testing::ProcessResult list = testing::run_process(
      {testing::finguard_binary(), "admin", "schedule", "list", "--org", "Sweep Co"}, worker_env());
  ASSERT_EQ(list.exit_code, 0) << list.output;
  EXPECT_NE(list.output.find("uploads-cleanup-daily"), std::string::npos) << list.output;
  EXPECT_NE(list.output.find("uploads.cleanup"), std::string::npos) << list.output;
  EXPECT_NE(list.output.find("30 0 * * *"), std::string::npos) << list.output;
  EXPECT_NE(list.output.find("audit-checkpoint-daily"), std::string::npos) << list.output;
}

TEST_P(UploadsCleanupTest, TheKindIsSchedulable) {
  std::optional<JobKind> kind = find_kind("uploads.cleanup");
  ASSERT_TRUE(kind.has_value());
  EXPECT_TRUE(kind->schedulable);
  EXPECT_TRUE(kind->idempotent);
}

INSTANTIATE_TEST_SUITE_P(Backends, UploadsCleanupTest,
                         ::testing::Values(store::Dialect::kSqlite, store::Dialect::kPostgres), store::backend_name);

}  // namespace
}  // namespace fg::jobs
