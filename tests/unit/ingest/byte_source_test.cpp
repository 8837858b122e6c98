#include "ingest/source/byte_source.hpp"

#include <gtest/gtest.h>
#include <zlib.h>
#include <zstd.h>

#include "support/test_env.hpp"
#include "test_files.hpp"

namespace fg::ingest {
namespace {

std::string gzip(const std::string& s) {
  z_stream z{};
  deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&z, s.size()) + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(s.data()));
  z.avail_in = static_cast<uInt>(s.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

std::string zstd(const std::string& s) {
  std::string out(ZSTD_compressBound(s.size()), '\0');
  out.resize(ZSTD_compress(out.data(), out.size(), s.data(), s.size(), 3));
  return out;
}

Result<std::string> read_all(const std::string& path, InputInfo* info = nullptr) {
  FG_ASSIGN_OR_RETURN(std::unique_ptr<ByteSource> src, open_input(path, info));
  auto pre = prefetch(std::move(src), 1000, 2);
  std::string out(4096, '\0'), all;
  for (;;) {
    FG_ASSIGN_OR_RETURN(std::size_t n, pre->read(out.data(), out.size()));
    if (n == 0) break;
    all.append(out.data(), n);
  }
  return all;
}

std::string payload() {
  std::string s;
  for (int i = 0; i < 20000; ++i) s += "line " + std::to_string(i) + ",value\n";
  return s;
}

TEST(ByteSource, PlainGzipAndZstdBySniffing) {
  const std::string dir = fg::testing::make_temp_dir("ingest-src");
  const std::string text = payload();
  test::write_file(dir + "/plain.csv", text);
  test::write_file(dir + "/a.csv.gz", gzip(text));
  test::write_file(dir + "/misnamed.csv", zstd(text));  // the name does not decide
  test::write_file(dir + "/two.gz", gzip(text.substr(0, 100)) + gzip(text.substr(100)));
  InputInfo info;
  EXPECT_EQ(*read_all(dir + "/plain.csv", &info), text);
  EXPECT_EQ(info.codec, InputInfo::Codec::kPlain);
  EXPECT_EQ(info.size, text.size());
  EXPECT_EQ(*read_all(dir + "/a.csv.gz", &info), text);
  EXPECT_EQ(info.codec, InputInfo::Codec::kGzip);
  EXPECT_EQ(*read_all(dir + "/misnamed.csv", &info), text);
  EXPECT_EQ(info.codec, InputInfo::Codec::kZstd);
  EXPECT_EQ(*read_all(dir + "/two.gz"), text);
}

TEST(ByteSource, TruncatedStreamsAreErrors) {
  const std::string dir = fg::testing::make_temp_dir("ingest-src");
  const std::string text = payload();
  const std::string gz = gzip(text), zs = zstd(text);
  test::write_file(dir + "/t.gz", gz.substr(0, gz.size() / 2));
  test::write_file(dir + "/t.zst", zs.substr(0, zs.size() / 2));
  auto g = read_all(dir + "/t.gz");
  ASSERT_FALSE(g.ok());
  EXPECT_NE(g.status().message().find("truncated"), std::string::npos);
  auto z = read_all(dir + "/t.zst");
  ASSERT_FALSE(z.ok());
  EXPECT_NE(z.status().message().find("truncated"), std::string::npos);
  std::string corrupt = gz;
  corrupt[gz.size() / 2] ^= 0x5a;
  test::write_file(dir + "/c.gz", corrupt);
  EXPECT_FALSE(read_all(dir + "/c.gz").ok());
}

TEST(ByteSource, HashesRawBytes) {
  const std::string dir = fg::testing::make_temp_dir("ingest-src");
  test::write_file(dir + "/abc", "abc");
  auto src = *open_input(dir + "/abc", nullptr);
  char buf[16];
  while (*src->read(buf, sizeof buf) > 0) {
  }
  EXPECT_EQ(src->raw_sha256(), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(src->raw_bytes(), 3u);
}

TEST(ByteSource, MissingFileAndDirectory) {
  EXPECT_EQ(open_input("/nonexistent/x.csv", nullptr).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(open_input(fg::testing::make_temp_dir("ingest-src"), nullptr).status().code(),
            StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace fg::ingest
