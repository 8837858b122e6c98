// ReaderLimits: the caps that keep a hostile or broken Parquet file from costing more than a bounded
// amount of memory. Every size a file declares (footer length, page sizes, value counts, string
// lengths) is checked against these and against the bytes actually present before anything is
// allocated; past a cap the read fails with invalid_argument naming the cap.
#pragma once

#include <cstddef>
#include <cstdint>

namespace fg::ingest::parquet {

//! What to do with a STRING/ENUM/JSON value that is not valid UTF-8.
enum class Utf8Policy {
  kReject,   //!< the read fails naming the row group, column and row (strict ingest)
  kReplace,  //!< each invalid sequence becomes U+FFFD and ColumnBatch::stats() counts the value
};

struct ReaderLimits {
  //! The footer (Thrift FileMetaData). Real exports with thousands of row groups stay under a few MiB.
  std::uint32_t max_footer_bytes = 64u << 20;
  //! What the decoded footer may occupy in memory, estimated before it is decoded (a few bytes of
  //! Thrift can declare a list of millions of empty structs).
  std::uint64_t max_footer_memory = 512ull << 20;
  //! One page, compressed or decompressed. Writers use about 1 MiB; 4 GiB is what a corrupt header claims.
  std::uint32_t max_page_bytes = 256u << 20;
  //! One page header (its Thrift statistics can carry long min/max values).
  std::uint32_t max_page_header_bytes = 16u << 20;
  //! The decoded values of one column in one row group (slots, levels and string bytes).
  std::uint64_t max_batch_bytes = 2ull << 30;
  //! Nesting depth of the schema tree.
  int max_schema_depth = 32;
  //! How much of a column chunk one ranged read fetches (pages larger than this are read whole).
  std::size_t read_window = 4u << 20;
  Utf8Policy utf8 = Utf8Policy::kReject;
};

}  // namespace fg::ingest::parquet
