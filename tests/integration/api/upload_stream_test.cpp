// POST /api/v1/ingest streams its body to disk, over a real socket on 127.0.0.1, on SQLite and
// PostgreSQL: a large upload costs the server a bounded amount of memory and is stored byte for byte;
// refusals (401, 403, 413) come before the body is read and close the connection; an upload that
// does not complete (413 mid-body, a client that leaves) leaves no file, temporary or final, and no
// row; chunked bodies and Expect: 100-continue work.
#include <algorithm>
#include <atomic>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <openssl/evp.h>

#include "api/routes/ingest/ingest_routes.hpp"
#include "api_server_fixture.hpp"
#include "support/test_env.hpp"

namespace fg::api {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr std::size_t kPiece = 1 << 20;  // what the test client sends at a time

// Under AddressSanitizer the RSS says nothing about live memory: its quarantine keeps up to 256 MiB of
// freed blocks mapped, so every allocation the process churns through counts. The bound is checked in
// the release build.
#if defined(__SANITIZE_ADDRESS__)
constexpr bool kAddressSanitizer = true;
#else
constexpr bool kAddressSanitizer = false;
#endif

// Incremental SHA-256, so neither side of the test ever holds a body whole.
class Sha256 {
 public:
  Sha256() : ctx_(EVP_MD_CTX_new()) { EVP_DigestInit_ex(ctx_, EVP_sha256(), nullptr); }
  ~Sha256() { EVP_MD_CTX_free(ctx_); }
  void add(std::string_view bytes) { EVP_DigestUpdate(ctx_, bytes.data(), bytes.size()); }
  std::string hex() {
    unsigned char d[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    EVP_DigestFinal_ex(ctx_, d, &n);
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    for (unsigned i = 0; i < n; ++i) out += {kHex[d[i] >> 4], kHex[d[i] & 15]};
    return out;
  }

 private:
  EVP_MD_CTX* ctx_;
};

// Piece `i` of a deterministic body: CSV-looking lines that differ from piece to piece. Written in
// place, without an allocation per line, so the client's own churn stays out of the RSS measurement.
void fill_piece(std::string& piece, std::size_t i, std::size_t size) {
  piece.resize(size);
  std::uint64_t x = 0x9e3779b97f4a7c15ULL ^ i;
  char line[64];
  for (std::size_t at = 0; at < size;) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    char* end = std::to_chars(line, line + 24, x).ptr;
    end = std::copy_n(",svc-", 5, end);
    end = std::to_chars(end, end + 4, x % 97).ptr;
    *end++ = '\n';
    const std::size_t n = std::min<std::size_t>(static_cast<std::size_t>(end - line), size - at);
    std::memcpy(piece.data() + at, line, n);
    at += n;
  }
}

// This process's resident set, in KiB (the server runs in-process).
std::int64_t status_kib(const std::string& field) {
  std::ifstream in("/proc/self/status");
  for (std::string line; std::getline(in, line);) {
    if (line.rfind(field + ":", 0) == 0) return std::stoll(line.substr(field.size() + 1));
  }
  return -1;
}

class UploadStreamTest : public ApiServerTest {
 protected:
  void SetUp() override {
    ApiServerTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    data_dir_ = testing::make_temp_dir("fg-upload-stream-");
  }

  void TearDown() override {
    std::error_code ec;
    if (!data_dir_.empty()) fs::remove_all(data_dir_, ec);  // the large upload is not left behind
  }

  void start_with_limit(std::uint64_t max_upload_bytes) {
    store::Database* db = db_.get();
    start({[db, this, max_upload_bytes](Router& r) {
      return install_ingest(r, *db, audit_, {.data_dir = data_dir_, .max_upload_bytes = max_upload_bytes});
    }});
  }

  fs::path org_dir() const { return fs::path(data_dir_) / "uploads" / org_a_.to_string(); }

  //! Every file in org A's upload directory (none when it does not exist).
  std::vector<std::string> upload_files() const {
    std::vector<std::string> out;
    std::error_code ec;
    for (fs::directory_iterator it(org_dir(), ec), end; !ec && it != end; it.increment(ec)) {
      out.push_back(it->path().filename().string());
    }
    return out;
  }

  std::int64_t upload_rows() {
    Result<store::OrgTransaction> tx = db_->begin(scope_for(org_a_), store::TxMode::kRead);
    EXPECT_TRUE(tx.ok());
    Result<store::RowSet> rows = tx->query("SELECT count(*) FROM uploads", {});
    EXPECT_TRUE(rows.ok()) << rows.status().to_string();
    return rows.ok() ? std::stoll(rows->text(0, 0)) : -1;
  }

  static std::string upload_head(const std::string& auth, const std::string& framing, const std::string& extra = "") {
    return "POST /api/v1/ingest?source=stream.csv HTTP/1.1\r\nHost: 127.0.0.1\r\n" + auth +
           "Content-Type: text/csv\r\n" + framing + extra + "\r\n";
  }

  //! Waits until org A's upload directory holds nothing (a dropped upload is cleaned up on the server's
  //! I/O thread, a moment after the client's close).
  bool upload_dir_empties(std::chrono::milliseconds within = std::chrono::seconds(5)) {
    const auto deadline = std::chrono::steady_clock::now() + within;
    while (!upload_files().empty()) {
      if (std::chrono::steady_clock::now() > deadline) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return true;
  }

  //! Refused on the header alone: the answer comes without the body, says Connection: close, and the
  //! server closes; nothing is stored.
  void expect_refused_before_body(const std::string& auth, int status) {
    test::RawClient c(port_);
    const auto started = std::chrono::steady_clock::now();
    // 512 MiB declared; only the first piece is sent, and the answer must not wait for the rest.
    ASSERT_TRUE(c.send(upload_head(auth, "Content-Length: " + std::to_string(512ULL << 20) + "\r\n") +
                       std::string(64 * 1024, 'x')));
    std::optional<test::RawResponse> r = c.read_response(std::chrono::seconds(5));
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(r->status, status) << r->body;
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(3));
    ASSERT_TRUE(r->headers.get("Connection").has_value());
    EXPECT_TRUE(iequals(*r->headers.get("Connection"), "close"));
    EXPECT_TRUE(c.closed_within(std::chrono::seconds(5)));
    EXPECT_TRUE(upload_files().empty());
    EXPECT_EQ(upload_rows(), 0);
  }

  std::string data_dir_;
};

TEST_P(UploadStreamTest, ALargeUploadIsStoredExactlyWithBoundedServerMemory) {
  constexpr std::size_t kSize = 128ULL << 20;
  start_with_limit(256ULL << 20);
  test::RawClient c(port_);
  ASSERT_TRUE(c.send(upload_head(keys_["administrator"], "Content-Length: " + std::to_string(kSize) + "\r\n")));

  // Peak RSS while the body flows: the kernel's high-water mark, reset first where allowed, and a
  // sampler as well (clear_refs may be refused in a container).
  const std::int64_t before = status_kib("VmRSS");
  const bool hwm_reset = static_cast<bool>(std::ofstream("/proc/self/clear_refs") << "5");
  std::atomic<bool> done{false};
  std::atomic<std::int64_t> sampled{before};
  std::thread sampler([&] {
    while (!done) {
      const std::int64_t now = status_kib("VmRSS");
      if (now > sampled) sampled = now;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  });
  Sha256 sent;
  std::string piece;
  for (std::size_t i = 0, off = 0; off < kSize; ++i, off += kPiece) {
    fill_piece(piece, i, std::min(kPiece, kSize - off));
    sent.add(piece);
    ASSERT_TRUE(c.send(piece)) << "at " << off;
  }
  std::optional<test::RawResponse> r = c.read_response(std::chrono::seconds(60));
  done = true;
  sampler.join();
  ASSERT_TRUE(r.has_value());
  ASSERT_EQ(r->status, 202) << r->body;
  const std::int64_t peak = std::max<std::int64_t>(sampled, hwm_reset ? status_kib("VmHWM") : 0);
  RecordProperty("rss_growth_kib", std::to_string(peak - before));
  if (!kAddressSanitizer) {
    EXPECT_LT(peak - before, 32 * 1024) << "KiB of RSS growth for a " << (kSize >> 20) << " MiB upload";
  }

  const json accepted = json::parse(r->body);
  ApiResp u = call("GET", "/api/v1/ingest/" + accepted.value("upload_id", ""), "", keys_["administrator"]);
  ASSERT_EQ(u.status, 200) << u.body;
  const std::string want = sent.hex();
  EXPECT_EQ(u.json().value("size_bytes", std::uint64_t{0}), kSize);
  EXPECT_EQ(u.json().value("sha256", ""), want);
  EXPECT_EQ(u.json().value("status", ""), "pending");
  // The file itself, hashed in pieces.
  const fs::path file = org_dir() / accepted.value("upload_id", "");
  ASSERT_EQ(fs::file_size(file), kSize);
  Sha256 stored;
  std::ifstream in(file, std::ios::binary);
  for (std::string buf(kPiece, '\0'); in.read(buf.data(), buf.size()) || in.gcount() > 0;) {
    stored.add(std::string_view(buf.data(), static_cast<std::size_t>(in.gcount())));
  }
  EXPECT_EQ(stored.hex(), want);
  EXPECT_EQ(upload_files(), std::vector<std::string>{accepted.value("upload_id", "")});
}

TEST_P(UploadStreamTest, AChunkedUploadIsStoredExactly) {
  start_with_limit(64ULL << 20);
  test::RawClient c(port_);
  ASSERT_TRUE(c.send(upload_head(keys_["administrator"], "Transfer-Encoding: chunked\r\n")));
  Sha256 sent;
  std::size_t total = 0;
  std::string piece;
  for (std::size_t i = 0; i < 12; ++i) {
    fill_piece(piece, i, 1 + (i * 377'777) % (700 * 1024));  // uneven chunks, some larger than a piece
    sent.add(piece);
    total += piece.size();
    std::ostringstream size;
    size << std::hex << piece.size();
    ASSERT_TRUE(c.send(size.str() + "\r\n" + piece + "\r\n"));
  }
  ASSERT_TRUE(c.send("0\r\n\r\n"));
  std::optional<test::RawResponse> r = c.read_response(std::chrono::seconds(30));
  ASSERT_TRUE(r.has_value());
  ASSERT_EQ(r->status, 202) << r->body;
  ApiResp u = call("GET", "/api/v1/ingest/" + json::parse(r->body).value("upload_id", ""), "", keys_["administrator"]);
  EXPECT_EQ(u.json().value("size_bytes", std::uint64_t{0}), total);
  EXPECT_EQ(u.json().value("sha256", ""), sent.hex());
  // The connection stays usable after a streamed body read to its end.
  ASSERT_TRUE(c.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
  std::optional<test::RawResponse> health = c.read_response();
  ASSERT_TRUE(health.has_value());
  EXPECT_EQ(health->status, 200);
}

TEST_P(UploadStreamTest, ExpectContinueIsAnsweredOnlyOnceTheHeaderPassed) {
  start_with_limit(1 << 20);
  {
    test::RawClient c(port_);
    ASSERT_TRUE(c.send(upload_head(keys_["administrator"], "Content-Length: 9\r\n", "Expect: 100-continue\r\n")));
    std::optional<test::RawResponse> go = c.read_response();
    ASSERT_TRUE(go.has_value());
    EXPECT_EQ(go->status, 100);
    ASSERT_TRUE(c.send("a,b\n1,2\n\n"));
    std::optional<test::RawResponse> r = c.read_response();
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(r->status, 202) << r->body;
  }
  // Refused: the final answer comes instead of 100 Continue, so the client never sends the body.
  test::RawClient c(port_);
  ASSERT_TRUE(c.send(upload_head(keys_["viewer"], "Content-Length: 9\r\n", "Expect: 100-continue\r\n")));
  std::optional<test::RawResponse> r = c.read_response();
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 403);
  EXPECT_TRUE(c.closed_within(std::chrono::seconds(5)));
}

TEST_P(UploadStreamTest, UnauthenticatedIs401BeforeTheBodyIsRead) {
  start_with_limit(1ULL << 30);
  expect_refused_before_body("", 401);
}

TEST_P(UploadStreamTest, ViewerIs403BeforeTheBodyIsRead) {
  start_with_limit(1ULL << 30);
  expect_refused_before_body(keys_["viewer"], 403);
}

TEST_P(UploadStreamTest, ACookieSessionWithoutItsCsrfTokenIs403BeforeTheBodyIsRead) {
  start_with_limit(1ULL << 30);
  // The owner's browser session: its cookie, but not the X-CSRF-Token a cross-site form cannot send.
  const std::string session = session_headers(owner_email_[org_a_.to_string()]);
  expect_refused_before_body(session.substr(0, session.find("X-CSRF-Token:")), 403);
}

TEST_P(UploadStreamTest, BadQueryIs400BeforeTheBodyIsRead) {
  start_with_limit(1ULL << 30);
  test::RawClient c(port_);
  ASSERT_TRUE(c.send("POST /api/v1/ingest?source=a&what=1 HTTP/1.1\r\nHost: 127.0.0.1\r\n" + keys_["administrator"] +
                     "Content-Type: text/csv\r\nContent-Length: 100000000\r\n\r\nabc"));
  std::optional<test::RawResponse> r = c.read_response(std::chrono::seconds(5));
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 400);
  EXPECT_TRUE(c.closed_within(std::chrono::seconds(5)));
  EXPECT_TRUE(upload_files().empty());
}

TEST_P(UploadStreamTest, OverTheLimitIs413AndLeavesNoFileAndNoRow) {
  constexpr std::size_t kLimit = 1 << 20;
  start_with_limit(kLimit);
  {
    // Declared too large: refused after the chain, before the body.
    test::RawClient c(port_);
    ASSERT_TRUE(c.send(upload_head(keys_["administrator"], "Content-Length: " + std::to_string(kLimit + 1) + "\r\n")));
    std::optional<test::RawResponse> r = c.read_response(std::chrono::seconds(5));
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(r->status, 413);
    EXPECT_TRUE(c.closed_within(std::chrono::seconds(5)));
  }
  {
    // Chunked past the limit: cut off mid-body, the partial file removed.
    test::RawClient c(port_);
    ASSERT_TRUE(c.send(upload_head(keys_["administrator"], "Transfer-Encoding: chunked\r\n")));
    std::string piece;
    for (std::size_t i = 0; i < 5; ++i) {
      fill_piece(piece, i, 300 * 1024);
      std::ostringstream size;
      size << std::hex << piece.size();
      if (!c.send(size.str() + "\r\n" + piece + "\r\n")) break;
    }
    std::optional<test::RawResponse> r = c.read_response(std::chrono::seconds(5));
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(r->status, 413) << r->body;
    EXPECT_TRUE(c.closed_within(std::chrono::seconds(5)));
  }
  EXPECT_TRUE(upload_dir_empties());
  EXPECT_EQ(upload_rows(), 0);
  // Exactly the limit fits.
  test::RawClient c(port_);
  std::string body;
  fill_piece(body, 0, kLimit);
  ASSERT_TRUE(c.send(upload_head(keys_["administrator"], "Content-Length: " + std::to_string(kLimit) + "\r\n") + body));
  std::optional<test::RawResponse> r = c.read_response(std::chrono::seconds(10));
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 202) << r->body;
}

TEST_P(UploadStreamTest, AClientThatLeavesMidBodyLeavesNoFileAndNoRow) {
  start_with_limit(64ULL << 20);
  {
    test::RawClient c(port_);
    ASSERT_TRUE(c.send(upload_head(keys_["administrator"], "Content-Length: " + std::to_string(32 << 20) + "\r\n")));
    std::string piece;
    for (std::size_t i = 0; i < 4; ++i) {
      fill_piece(piece, i, kPiece);
      ASSERT_TRUE(c.send(piece));
    }
    // Wait until the server has started writing the temporary file, then hang up.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (upload_files().empty() && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ASSERT_EQ(upload_files().size(), 1u);
    EXPECT_EQ(upload_files()[0].rfind(".tmp-", 0), 0u);
  }
  EXPECT_TRUE(upload_dir_empties());
  EXPECT_EQ(upload_rows(), 0);
  // The server goes on serving.
  std::optional<test::RawResponse> health = test::http_get(port_, "/healthz");
  ASSERT_TRUE(health.has_value());
  EXPECT_EQ(health->status, 200);
  test::RawClient c(port_);
  ASSERT_TRUE(c.send(upload_head(keys_["administrator"], "Content-Length: 4\r\n") + "a,b\n"));
  std::optional<test::RawResponse> r = c.read_response();
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 202) << r->body;
}

TEST_P(UploadStreamTest, AnEmptyBodyIs400NamingTheBody) {
  start_with_limit(1 << 20);
  test::RawClient c(port_);
  ASSERT_TRUE(c.send(upload_head(keys_["administrator"], "Content-Length: 0\r\n")));
  std::optional<test::RawResponse> r = c.read_response();
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(json::parse(r->body)["error"].value("field", ""), "body");
  EXPECT_TRUE(upload_files().empty());
  EXPECT_EQ(upload_rows(), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, UploadStreamTest,
                         ::testing::Values(store::Dialect::kSqlite, store::Dialect::kPostgres), store::backend_name);

}  // namespace
}  // namespace fg::api
