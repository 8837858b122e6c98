// The upload area's sweep: old quarantine reports and stale temporary files go, recent ones, upload
// files and foreign names stay, and a missing directory is an empty one.
#include "uploads/upload_sweep.hpp"

#include <fstream>

#include <gtest/gtest.h>

#include "support/scope_for_test.hpp"
#include "support/test_env.hpp"
#include "uploads/upload_area.hpp"

namespace fg::uploads {
namespace {

namespace fs = std::filesystem;
using std::chrono::hours;

class UploadSweep : public ::testing::Test {
 protected:
  // A file in the org's upload directory, last written `age` before now_.
  fs::path plant(const std::string& name, hours age) {
    fs::create_directories(upload_dir(data_, scope_));
    const fs::path p = upload_dir(data_, scope_) / name;
    std::ofstream(p) << "x";
    fs::last_write_time(p, now_ - age);
    return p;
  }

  const fs::path data_ = testing::make_temp_dir("upload-sweep");
  const OrgScope scope_ = testing::ScopeForTest::org(OrgId::random());
  const fs::file_time_type now_ = fs::file_time_type::clock::now();
};

TEST_F(UploadSweep, RemovesReportsPastTheRetentionAndKeepsNewerOnes) {
  const fs::path old_report = plant(Uuid::random().to_string() + ".quarantine.csv", hours(24 * 31));
  const fs::path new_report = plant(Uuid::random().to_string() + ".quarantine.csv", hours(24 * 29));
  Result<SweepResult> r = sweep_upload_area(data_, scope_, {hours(24 * 30)}, now_);
  ASSERT_TRUE(r.ok()) << r.status().to_string();
  EXPECT_EQ(r->reports_removed, 1u);
  EXPECT_FALSE(fs::exists(old_report));
  EXPECT_TRUE(fs::exists(new_report));
  // A shorter retention takes the other one too.
  r = sweep_upload_area(data_, scope_, {hours(24 * 7)}, now_);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->reports_removed, 1u);
  EXPECT_FALSE(fs::exists(new_report));
}

TEST_F(UploadSweep, RemovesTemporaryFilesACrashLeftButNotALiveOne) {
  const fs::path stale = plant(".tmp-" + Uuid::random().to_string(), hours(25));
  const fs::path live = plant(".tmp-" + Uuid::random().to_string(), hours(0));
  Result<SweepResult> r = sweep_upload_area(data_, scope_, {}, now_);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->temps_removed, 1u);
  EXPECT_FALSE(fs::exists(stale));
  EXPECT_TRUE(fs::exists(live));
}

TEST_F(UploadSweep, LeavesUploadsForeignNamesAndLinksAlone) {
  const fs::path upload = plant(Uuid::random().to_string(), hours(24 * 400));
  const fs::path foreign = plant("notes.quarantine.csv", hours(24 * 400));
  const fs::path odd_temp = plant(".tmp-something", hours(24 * 400));
  const fs::path target = data_ / "elsewhere.csv";
  std::ofstream(target) << "keep";
  const fs::path link = upload_dir(data_, scope_) / (Uuid::random().to_string() + ".quarantine.csv");
  fs::create_symlink(target, link);
  Result<SweepResult> r = sweep_upload_area(data_, scope_, {hours(1), hours(1)}, now_);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->reports_removed + r->temps_removed, 0u);
  for (const fs::path& p : {upload, foreign, odd_temp, target}) EXPECT_TRUE(fs::exists(p)) << p;
  EXPECT_TRUE(fs::is_symlink(link));
}

TEST_F(UploadSweep, AMissingDirectoryIsEmpty) {
  Result<SweepResult> r = sweep_upload_area(data_, scope_, {}, now_);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->reports_removed + r->temps_removed, 0u);
  Result<std::vector<Uuid>> aged = aged_uploads(data_, scope_, hours(24), now_);
  ASSERT_TRUE(aged.ok());
  EXPECT_TRUE(aged->empty());
}

TEST_F(UploadSweep, AgedUploadsListsOnlyOldUploadFiles) {
  const Uuid old_id = Uuid::random(), new_id = Uuid::random();
  plant(old_id.to_string(), hours(25));
  plant(new_id.to_string(), hours(1));
  plant(Uuid::random().to_string() + ".quarantine.csv", hours(100));
  plant(".tmp-" + Uuid::random().to_string(), hours(100));
  Result<std::vector<Uuid>> aged = aged_uploads(data_, scope_, hours(24), now_);
  ASSERT_TRUE(aged.ok());
  ASSERT_EQ(aged->size(), 1u);
  EXPECT_EQ((*aged)[0], old_id);
}

}  // namespace
}  // namespace fg::uploads
