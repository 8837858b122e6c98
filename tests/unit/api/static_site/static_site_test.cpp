#include "api/static_site/static_site.hpp"

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "support/test_env.hpp"
#include "unit/api/api_test_support.hpp"

namespace fg::api {
namespace {

namespace fs = std::filesystem;

class StaticSiteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    base_ = testing::make_temp_dir("fg-static-");
    root_ = base_ + "/dist";
    fs::create_directories(root_ + "/assets");
    write(root_ + "/index.html", "<html>app</html>");
    write(root_ + "/assets/app-1234.js", "console.log(1)");
    write(root_ + "/robots.txt", "User-agent: *");
    write(base_ + "/secret.txt", "TOP-SECRET");
    fs::create_symlink(base_ + "/secret.txt", root_ + "/link.txt");
    site_.emplace(*StaticSite::open(root_));
  }
  static void write(const std::string& path, const std::string& text) { std::ofstream(path) << text; }
  Result<HttpResponse> get(std::string path) { return site_->serve(test::request(HttpMethod::kGet, std::move(path))); }

  std::string base_, root_;
  std::optional<StaticSite> site_;
};

TEST_F(StaticSiteTest, ServesFilesWithMimeTypes) {
  Result<HttpResponse> r = get("/robots.txt");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->body, "User-agent: *");
  EXPECT_EQ(r->headers.get("Content-Type"), "text/plain; charset=utf-8");
  EXPECT_EQ(get("/assets/app-1234.js")->headers.get("Content-Type"), "text/javascript; charset=utf-8");
}

TEST_F(StaticSiteTest, RootServesIndex) {
  Result<HttpResponse> r = get("/");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->body, "<html>app</html>");
  EXPECT_EQ(r->headers.get("Cache-Control"), kRevalidateCacheControl);
}

TEST_F(StaticSiteTest, HashedAssetsAreImmutable) {
  EXPECT_EQ(get("/assets/app-1234.js")->headers.get("Cache-Control"), kImmutableCacheControl);
}

TEST_F(StaticSiteTest, ClientRoutesFallBackToIndex) {
  Result<HttpResponse> r = get("/findings/42");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->body, "<html>app</html>");
  EXPECT_EQ(r->headers.get("Cache-Control"), kRevalidateCacheControl);
}

TEST_F(StaticSiteTest, MissingFileWithExtensionIs404) {
  EXPECT_EQ(get("/assets/missing.js").status().code(), StatusCode::kNotFound);
}

TEST_F(StaticSiteTest, TraversalIsImpossible) {
  for (const char* path :
       {"/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E%2Fsecret.txt", "/assets/../../secret.txt", "/..%2fsecret.txt",
        "/assets/..%5c..%5csecret.txt", "/./robots.txt", "//etc/passwd", "/%00index.html", "/link.txt"}) {
    Result<HttpResponse> r = get(path);
    if (r.ok()) {
      // The only acceptable success is the SPA index, never the secret.
      EXPECT_EQ(r->body.find("TOP-SECRET"), std::string::npos) << path;
      EXPECT_EQ(r->body, "<html>app</html>") << path;
    }
  }
  EXPECT_FALSE(get("/link.txt").ok());
  EXPECT_FALSE(get("/%2e%2e/secret.txt").ok());
}

TEST_F(StaticSiteTest, OpenRefusesAMissingRoot) {
  EXPECT_FALSE(StaticSite::open(base_ + "/nope").ok());
}

TEST(MimeTypeTest, KnownAndUnknown) {
  EXPECT_EQ(mime_type_for("a.css"), "text/css; charset=utf-8");
  EXPECT_EQ(mime_type_for("a.woff2"), "font/woff2");
  EXPECT_EQ(mime_type_for("a.exe"), "application/octet-stream");
}

}  // namespace
}  // namespace fg::api
