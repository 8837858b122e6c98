#include "ingest/source/byte_source.hpp"

#include <cstring>
#include <vector>

#include <fmt/format.h>
#include <openssl/evp.h>
#include <zlib.h>
#include <zstd.h>

namespace fg::ingest {
namespace {

constexpr std::size_t kRawChunk = 1 << 18;

// Reads the raw input, counting and hashing every byte.
class RawReader {
 public:
  explicit RawReader(std::unique_ptr<RawInput> input) : input_(std::move(input)), md_(EVP_MD_CTX_new()) {
    EVP_DigestInit_ex(md_, EVP_sha256(), nullptr);
  }
  ~RawReader() { EVP_MD_CTX_free(md_); }
  RawReader(const RawReader&) = delete;
  RawReader& operator=(const RawReader&) = delete;

  Result<std::size_t> read(char* out, std::size_t n) {
    FG_ASSIGN_OR_RETURN(const std::size_t r, input_->read(out, n));
    EVP_DigestUpdate(md_, out, r);
    bytes_ += r;
    return r;
  }
  std::uint64_t bytes() const { return bytes_; }
  std::string digest() const {
    unsigned char d[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    EVP_MD_CTX* copy = EVP_MD_CTX_new();
    EVP_MD_CTX_copy_ex(copy, md_);
    EVP_DigestFinal_ex(copy, d, &n);
    EVP_MD_CTX_free(copy);
    std::string hex;
    for (unsigned i = 0; i < n; ++i) hex += fmt::format("{:02x}", d[i]);
    return hex;
  }

 private:
  std::unique_ptr<RawInput> input_;
  EVP_MD_CTX* md_;
  std::uint64_t bytes_ = 0;
};

// Shared by the three codecs: the sniffed prefix is replayed before the input is read again.
class SourceBase : public ByteSource {
 public:
  SourceBase(std::unique_ptr<RawReader> raw, std::string prefix) : raw_(std::move(raw)), pending_(std::move(prefix)) {}
  std::uint64_t raw_bytes() const override { return raw_->bytes(); }
  std::string raw_sha256() const override { return raw_->digest(); }

 protected:
  Result<std::size_t> read_raw(char* out, std::size_t n) {
    if (pos_ < pending_.size()) {
      const std::size_t k = std::min(n, pending_.size() - pos_);
      std::memcpy(out, pending_.data() + pos_, k);
      pos_ += k;
      return k;
    }
    return raw_->read(out, n);
  }

 private:
  std::unique_ptr<RawReader> raw_;
  std::string pending_;
  std::size_t pos_ = 0;
};

class PlainSource final : public SourceBase {
 public:
  using SourceBase::SourceBase;
  Result<std::size_t> read(char* out, std::size_t n) override { return read_raw(out, n); }
};

class GzipSource final : public SourceBase {
 public:
  GzipSource(std::unique_ptr<RawReader> raw, std::string prefix) : SourceBase(std::move(raw), std::move(prefix)) {
    std::memset(&z_, 0, sizeof(z_));
    inflateInit2(&z_, 15 + 32);  // 32: accept the gzip header
    in_.resize(kRawChunk);
  }
  ~GzipSource() override { inflateEnd(&z_); }

  Result<std::size_t> read(char* out, std::size_t n) override {
    if (done_) return std::size_t{0};
    z_.next_out = reinterpret_cast<Bytef*>(out);
    z_.avail_out = static_cast<uInt>(n);
    while (z_.avail_out == n) {
      if (z_.avail_in == 0) {
        FG_ASSIGN_OR_RETURN(std::size_t got, read_raw(in_.data(), in_.size()));
        if (got == 0) {
          if (mid_member_) return invalid_argument_error("gzip stream is truncated");
          done_ = true;
          break;
        }
        z_.next_in = reinterpret_cast<Bytef*>(in_.data());
        z_.avail_in = static_cast<uInt>(got);
      }
      mid_member_ = true;
      const int rc = inflate(&z_, Z_NO_FLUSH);
      if (rc == Z_STREAM_END) {
        // Concatenated gzip members are one stream (what `cat a.gz b.gz` and pigz produce).
        mid_member_ = false;
        inflateReset(&z_);
      } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
        return invalid_argument_error("gzip stream is corrupt");
      }
    }
    return n - z_.avail_out;
  }

 private:
  z_stream z_;
  std::vector<char> in_;
  bool mid_member_ = false;
  bool done_ = false;
};

class ZstdSource final : public SourceBase {
 public:
  ZstdSource(std::unique_ptr<RawReader> raw, std::string prefix)
      : SourceBase(std::move(raw), std::move(prefix)), ds_(ZSTD_createDStream()) {
    ZSTD_initDStream(ds_);
    in_.resize(ZSTD_DStreamInSize());
  }
  ~ZstdSource() override { ZSTD_freeDStream(ds_); }

  Result<std::size_t> read(char* out, std::size_t n) override {
    ZSTD_outBuffer ob{out, n, 0};
    while (ob.pos == 0) {
      if (ib_.pos == ib_.size) {
        FG_ASSIGN_OR_RETURN(std::size_t got, read_raw(in_.data(), in_.size()));
        if (got == 0) {
          if (frame_open_) return invalid_argument_error("zstd stream is truncated");
          return std::size_t{0};
        }
        ib_ = {in_.data(), got, 0};
      }
      const std::size_t rc = ZSTD_decompressStream(ds_, &ob, &ib_);
      if (ZSTD_isError(rc)) return invalid_argument_error("zstd stream is corrupt");
      frame_open_ = rc != 0;
    }
    return ob.pos;
  }

 private:
  ZSTD_DStream* ds_;
  std::vector<char> in_;
  ZSTD_inBuffer ib_{nullptr, 0, 0};
  bool frame_open_ = false;
};

}  // namespace

Result<std::unique_ptr<ByteSource>> open_input(const std::string& path, InputInfo* info) {
  FG_ASSIGN_OR_RETURN(std::unique_ptr<RawInput> input, open_file_input(path));
  return open_input(std::move(input), info);
}

Result<std::unique_ptr<ByteSource>> open_input(std::unique_ptr<RawInput> input, InputInfo* info) {
  InputInfo local;
  InputInfo& inf = info ? *info : local;
  inf.name = input->name();
  inf.size = input->size();
  auto raw = std::make_unique<RawReader>(std::move(input));
  std::string prefix(4, '\0');
  std::size_t have = 0;
  while (have < prefix.size()) {
    FG_ASSIGN_OR_RETURN(std::size_t got, raw->read(prefix.data() + have, prefix.size() - have));
    if (got == 0) break;
    have += got;
  }
  prefix.resize(have);
  const auto* u = reinterpret_cast<const unsigned char*>(prefix.data());
  if (have >= 2 && u[0] == 0x1f && u[1] == 0x8b) {
    inf.codec = InputInfo::Codec::kGzip;
    return std::unique_ptr<ByteSource>(std::make_unique<GzipSource>(std::move(raw), std::move(prefix)));
  }
  if (have >= 4 && u[0] == 0x28 && u[1] == 0xb5 && u[2] == 0x2f && u[3] == 0xfd) {
    inf.codec = InputInfo::Codec::kZstd;
    return std::unique_ptr<ByteSource>(std::make_unique<ZstdSource>(std::move(raw), std::move(prefix)));
  }
  inf.codec = InputInfo::Codec::kPlain;
  return std::unique_ptr<ByteSource>(std::make_unique<PlainSource>(std::move(raw), std::move(prefix)));
}

}  // namespace fg::ingest
