// The upload area: paths from the scope only, 0600 files that appear only once complete, the
// temporary file removed when a write is abandoned, and the source-name rule.
#include "uploads/upload_area.hpp"

#include <sys/stat.h>

#include <fstream>

#include <gtest/gtest.h>

#include "support/scope_for_test.hpp"
#include "support/test_env.hpp"

namespace fg::uploads {
namespace {

namespace fs = std::filesystem;

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

TEST(UploadArea, CommitWritesAPrivateFileUnderTheOrgDirectory) {
  const fs::path data = testing::make_temp_dir("upload-area");
  const OrgScope scope = testing::ScopeForTest::org(OrgId::random());
  const Uuid id = Uuid::random();
  Result<UploadWriter> w = UploadWriter::create(data, scope, id);
  ASSERT_TRUE(w.ok()) << w.status().to_string();
  ASSERT_TRUE(w->append("abc").ok());
  EXPECT_FALSE(fs::exists(upload_path(data, scope, id)));  // not visible before commit
  Result<StoredUpload> s = w->commit();
  ASSERT_TRUE(s.ok()) << s.status().to_string();
  EXPECT_EQ(s->size_bytes, 3u);
  EXPECT_EQ(s->sha256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");  // SHA-256("abc")
  const fs::path p = upload_path(data, scope, id);
  EXPECT_EQ(p, data / "uploads" / scope.org_id().to_string() / id.to_string());
  EXPECT_EQ(read(p), "abc");
  struct stat st {};
  ASSERT_EQ(::stat(p.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  ASSERT_EQ(::stat(p.parent_path().c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
  EXPECT_EQ(std::distance(fs::directory_iterator(p.parent_path()), fs::directory_iterator()), 1);
  remove_upload(data, scope, id, true);
  EXPECT_FALSE(fs::exists(p));
}

TEST(UploadArea, AnAbandonedWriteLeavesNothing) {
  const fs::path data = testing::make_temp_dir("upload-area");
  const OrgScope scope = testing::ScopeForTest::org(OrgId::random());
  {
    Result<UploadWriter> w = UploadWriter::create(data, scope, Uuid::random());
    ASSERT_TRUE(w.ok());
    ASSERT_TRUE(w->append("partial").ok());
  }
  EXPECT_TRUE(fs::is_empty(upload_dir(data, scope)));
}

TEST(UploadArea, SourceNames) {
  EXPECT_TRUE(check_source_name("aws-cur 2024_09.csv.gz").ok());
  EXPECT_TRUE(check_source_name(std::string(kMaxUploadSourceBytes, 'a')).ok());
  for (const std::string& bad : {std::string(), std::string(kMaxUploadSourceBytes + 1, 'a'), std::string("../x"),
                                 std::string("a/b"), std::string(".hidden"), std::string(" lead"),
                                 std::string("tab\there"), std::string("nul\0x", 5), std::string("é.csv")}) {
    const Status s = check_source_name(bad, "filename");
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(s.field(), "filename");
  }
}

TEST(UploadArea, QuarantineReportNameIsRelativeToTheDataDir) {
  const OrgScope scope = testing::ScopeForTest::org(OrgId::random());
  const Uuid id = Uuid::random();
  EXPECT_EQ(quarantine_report_name(scope, id),
            "uploads/" + scope.org_id().to_string() + "/" + id.to_string() + ".quarantine.csv");
  EXPECT_EQ(quarantine_report_path("/d", scope, id), fs::path("/d") / quarantine_report_name(scope, id));
}

}  // namespace
}  // namespace fg::uploads
