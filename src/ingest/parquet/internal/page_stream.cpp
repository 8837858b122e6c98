#include "ingest/parquet/internal/page_stream.hpp"

#include <algorithm>

namespace fg::ingest::parquet::internal {

Status PageStream::fill(std::size_t n) {
  if (available() >= n) return ok_status();
  // Keep the unread tail, then read the next window after it.
  buf_.erase(0, pos_);
  pos_ = 0;
  const std::uint64_t have_end = consumed_ + buf_.size();  // chunk offset just past buf_
  const std::uint64_t left = size_ - have_end;
  const std::uint64_t want = std::max<std::uint64_t>(n - buf_.size(), limits_.read_window);
  const std::size_t take = static_cast<std::size_t>(std::min(want, left));
  if (take == 0) return ok_status();
  const std::size_t at = buf_.size();
  buf_.resize(at + take);
  Status s = source_.read_at(begin_ + have_end, take, buf_.data() + at);
  if (!s.ok()) {
    buf_.resize(at);
    return s;
  }
  return ok_status();
}

Result<Page> PageStream::next() {
  // Page headers are small; start with what a header needs and grow only for long statistics.
  std::size_t want = 64 * 1024;
  DecodedPageHeader decoded;
  for (;;) {
    FG_TRY(fill(want));
    const std::size_t have = std::min<std::size_t>(available(), limits_.max_page_header_bytes);
    bool truncated = false;
    auto r = decode_page_header(std::string_view(buf_.data() + pos_, have), truncated);
    if (r.ok()) {
      decoded = std::move(*r);
      break;
    }
    const bool more = consumed_ + available() < size_ && have < limits_.max_page_header_bytes;
    if (!truncated || !more) {
      if (truncated && have >= limits_.max_page_header_bytes) {
        return invalid_argument_error("page header exceeds the max_page_header_bytes cap");
      }
      return r.status();
    }
    want = std::min<std::size_t>(want * 4, limits_.max_page_header_bytes);
  }
  const ::parquet::PageHeader& h = decoded.header;
  if (h.compressed_page_size < 0 || h.uncompressed_page_size < 0) {
    return invalid_argument_error("page header with a negative size");
  }
  const auto csize = static_cast<std::uint64_t>(h.compressed_page_size);
  if (csize > limits_.max_page_bytes || static_cast<std::uint64_t>(h.uncompressed_page_size) > limits_.max_page_bytes) {
    return invalid_argument_error("page of " +
                                  std::to_string(std::max<std::uint64_t>(csize, h.uncompressed_page_size)) +
                                  " bytes exceeds the max_page_bytes cap");
  }
  pos_ += decoded.size;
  consumed_ += decoded.size;
  if (csize > size_ - consumed_) return invalid_argument_error("page runs past the end of its column chunk");
  FG_TRY(fill(static_cast<std::size_t>(csize)));
  if (available() < csize) return invalid_argument_error("page runs past the end of its column chunk");
  Page page;
  page.header = std::move(decoded.header);
  page.body = std::string_view(buf_.data() + pos_, static_cast<std::size_t>(csize));
  pos_ += static_cast<std::size_t>(csize);
  consumed_ += csize;
  return page;
}

}  // namespace fg::ingest::parquet::internal
