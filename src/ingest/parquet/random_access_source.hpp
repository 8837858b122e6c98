// RandomAccessSource: the bytes of one stored object, read by range.
//
// A Parquet file is read back to front (its footer, the schema and the offsets of every column
// chunk, sits at the end), then column chunk by column chunk: the reader never needs the object
// whole or in order. A local file is one implementation (pread); an S3 or Blob object read with HTTP
// Range requests is meant to be another, so the reader asks only for what it needs.
//
//   auto src = *open_file_source("/data/cur.parquet");
//   std::string tail(8, '\0');
//   FG_TRY(src->read_at(src->size() - 8, tail.size(), tail.data()));
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "core/result.hpp"

namespace fg::ingest::parquet {

class RandomAccessSource {
 public:
  virtual ~RandomAccessSource() = default;
  //! The object's size in bytes, fixed for the source's lifetime.
  virtual std::uint64_t size() const = 0;
  //! Exactly `n` bytes at `offset` into `out`. invalid_argument when the range is outside the object
  //! (a truncated file), unavailable when the underlying read fails. Implementations are safe to call
  //! from several threads at once.
  virtual Status read_at(std::uint64_t offset, std::size_t n, char* out) const = 0;
  //! Bytes handed out by read_at so far (for progress and for tests that prove ranged reads).
  virtual std::uint64_t bytes_read() const = 0;
};

//! A local regular file, read with pread. not_found when absent; invalid_argument when not a regular
//! file. The file is opened once; later renames or deletes do not affect the source.
Result<std::unique_ptr<RandomAccessSource>> open_file_source(const std::string& path);

//! An in-memory object (tests, the fuzz target, small uploads already in memory).
std::unique_ptr<RandomAccessSource> memory_source(std::string bytes);

}  // namespace fg::ingest::parquet
