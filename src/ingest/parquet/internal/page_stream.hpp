// PageStream: the pages of one column chunk, read from a RandomAccessSource in windows.
//
// Only a window of the chunk (ReaderLimits::read_window, or one page if that is larger) is in memory
// at a time, so memory follows the page size, not the chunk size; each refill is one ranged read.
// A page header is decoded from the window; when Thrift runs out of bytes the window grows (up to
// max_page_header_bytes) and the header is decoded again.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "ingest/parquet/internal/thrift_decode.hpp"
#include "ingest/parquet/limits.hpp"
#include "ingest/parquet/random_access_source.hpp"

namespace fg::ingest::parquet::internal {

struct Page {
  ::parquet::PageHeader header;
  std::string_view body;  //!< compressed_page_size bytes; valid until the next call to next()
};

class PageStream {
 public:
  //! The chunk is [offset, offset + size) of `source`; the caller checked that it lies in the file.
  PageStream(const RandomAccessSource& source, std::uint64_t offset, std::uint64_t size, const ReaderLimits& limits)
      : source_(source), begin_(offset), size_(size), limits_(limits) {}

  bool at_end() const { return consumed_ >= size_; }
  //! The next page. invalid_argument for a malformed or truncated header, a page size over the cap,
  //! or a body that runs past the chunk.
  Result<Page> next();

 private:
  //! Makes at least `n` bytes from consumed_ available in buf_ (fewer only at the chunk's end).
  Status fill(std::size_t n);
  std::size_t available() const { return buf_.size() - pos_; }

  const RandomAccessSource& source_;
  std::uint64_t begin_;
  std::uint64_t size_;
  const ReaderLimits& limits_;
  std::uint64_t consumed_ = 0;  //!< bytes of the chunk handed out as headers and bodies
  std::string buf_;             //!< chunk bytes starting at consumed_ - pos_
  std::size_t pos_ = 0;
};

}  // namespace fg::ingest::parquet::internal
