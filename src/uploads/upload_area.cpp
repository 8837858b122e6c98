#include "uploads/upload_area.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <system_error>
#include <unistd.h>

#include <cerrno>
#include <utility>

#include <openssl/evp.h>

namespace fg::uploads {
namespace {

// Creates `dir` with 0700 when missing; the parents (DATA_DIR/uploads) too.
Status ensure_private_dir(const std::filesystem::path& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return internal_error("uploads: cannot create the upload directory");
  if (::chmod(dir.c_str(), 0700) != 0) return internal_error("uploads: cannot set the upload directory's mode");
  return ok_status();
}

Status fsync_dir(const std::filesystem::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return internal_error("uploads: cannot open the upload directory");
  const int rc = ::fsync(fd);
  ::close(fd);
  return rc == 0 ? ok_status() : internal_error("uploads: fsync of the upload directory failed");
}

bool safe_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
         c == '-' || c == ' ';
}

}  // namespace

struct UploadWriter::Hasher {
  Hasher() : ctx(EVP_MD_CTX_new()) { EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr); }
  ~Hasher() { EVP_MD_CTX_free(ctx); }
  Hasher(const Hasher&) = delete;
  Hasher& operator=(const Hasher&) = delete;
  EVP_MD_CTX* ctx;
};

std::filesystem::path upload_dir(const std::filesystem::path& data_dir, const OrgScope& scope) {
  return data_dir / "uploads" / scope.org_id().to_string();
}

std::filesystem::path upload_path(const std::filesystem::path& data_dir, const OrgScope& scope, const Uuid& upload_id) {
  return upload_dir(data_dir, scope) / upload_id.to_string();
}

std::filesystem::path quarantine_report_path(const std::filesystem::path& data_dir, const OrgScope& scope,
                                             const Uuid& upload_id) {
  return upload_dir(data_dir, scope) / (upload_id.to_string() + ".quarantine.csv");
}

std::string quarantine_report_name(const OrgScope& scope, const Uuid& upload_id) {
  return "uploads/" + scope.org_id().to_string() + "/" + upload_id.to_string() + ".quarantine.csv";
}

Status check_source_name(std::string_view name, std::string_view field) {
  const std::string f(field);
  if (name.empty() || name.size() > kMaxUploadSourceBytes) {
    return invalid_argument_error(f + ": must be 1 to 128 characters", f);
  }
  if (name.front() == '.' || name.front() == ' ') {
    return invalid_argument_error(f + ": must not start with a dot or a space", f);
  }
  for (char c : name) {
    if (!safe_char(c)) return invalid_argument_error(f + ": only letters, digits, '.', '_', '-' and spaces", f);
  }
  return ok_status();
}

UploadWriter::UploadWriter(int fd, std::filesystem::path tmp, std::filesystem::path final_path)
    : fd_(fd), tmp_(std::move(tmp)), final_(std::move(final_path)), hasher_(std::make_unique<Hasher>()) {}

UploadWriter::UploadWriter(UploadWriter&& o) noexcept
    : fd_(std::exchange(o.fd_, -1)),
      tmp_(std::move(o.tmp_)),
      final_(std::move(o.final_)),
      size_(o.size_),
      hasher_(std::move(o.hasher_)) {
  o.tmp_.clear();
}

UploadWriter::~UploadWriter() {
  if (fd_ >= 0) ::close(fd_);
  if (!tmp_.empty()) {
    std::error_code ec;
    std::filesystem::remove(tmp_, ec);  // uncommitted: nothing may refer to it
  }
}

Result<UploadWriter> UploadWriter::create(const std::filesystem::path& data_dir, const OrgScope& scope,
                                          const Uuid& upload_id) {
  const std::filesystem::path dir = upload_dir(data_dir, scope);
  FG_TRY(ensure_private_dir(dir));
  std::filesystem::path tmp = dir / (".tmp-" + upload_id.to_string());
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return internal_error("uploads: cannot create the upload file");
  return UploadWriter(fd, std::move(tmp), upload_path(data_dir, scope, upload_id));
}

Status UploadWriter::append(std::string_view bytes) {
  if (fd_ < 0) return internal_error("uploads: the writer is closed");
  EVP_DigestUpdate(hasher_->ctx, bytes.data(), bytes.size());
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd_, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0)
      return errno == ENOSPC ? unavailable_error("uploads: no space left for the upload")
                             : internal_error("uploads: write failed");
    bytes.remove_prefix(static_cast<std::size_t>(n));
    size_ += static_cast<std::uint64_t>(n);
  }
  return ok_status();
}

Result<StoredUpload> UploadWriter::commit() {
  if (fd_ < 0) return internal_error("uploads: the writer is closed");
  if (::fsync(fd_) != 0) return internal_error("uploads: fsync failed");
  ::close(std::exchange(fd_, -1));
  if (::rename(tmp_.c_str(), final_.c_str()) != 0) return internal_error("uploads: rename failed");
  tmp_.clear();
  FG_TRY(fsync_dir(final_.parent_path()));
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_DigestFinal_ex(hasher_->ctx, digest, &len);
  static constexpr char kHex[] = "0123456789abcdef";
  StoredUpload out;
  out.size_bytes = size_;
  for (unsigned i = 0; i < len; ++i) {
    out.sha256 += kHex[digest[i] >> 4];
    out.sha256 += kHex[digest[i] & 0xf];
  }
  return out;
}

void remove_upload(const std::filesystem::path& data_dir, const OrgScope& scope, const Uuid& upload_id,
                   bool with_report) {
  std::error_code ec;
  std::filesystem::remove(upload_path(data_dir, scope, upload_id), ec);
  if (with_report) std::filesystem::remove(quarantine_report_path(data_dir, scope, upload_id), ec);
}

}  // namespace fg::uploads
