// ByteSource: a stream of decompressed bytes from one input object (a RawInput: a file, stdin, a
// streamed cloud object).
//
// open_input() sniffs the first bytes, not the file name: gzip (1f 8b) and zstd (28 b5 2f fd)
// are decompressed, anything else is read as is. While reading, the raw (as stored) bytes are
// counted and hashed with SHA-256 for provenance. A truncated or corrupt compressed stream is an
// error (invalid_argument), never a silent short read.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "core/result.hpp"
#include "ingest/source/raw_input.hpp"

namespace fg::ingest {

class ByteSource {
 public:
  virtual ~ByteSource() = default;
  //! Up to `n` bytes into `out`; 0 at the end of the stream.
  virtual Result<std::size_t> read(char* out, std::size_t n) = 0;
  //! Raw bytes consumed from the underlying file so far (for progress against its size).
  virtual std::uint64_t raw_bytes() const = 0;
  //! Hex SHA-256 of every raw byte; valid once read() returned 0.
  virtual std::string raw_sha256() const = 0;
};

struct InputInfo {
  std::string name;        //!< base name, or "-" for stdin
  std::uint64_t size = 0;  //!< raw size when known (regular file), else 0
  enum class Codec { kPlain, kGzip, kZstd } codec = Codec::kPlain;
};

//! Decompressed bytes of `input` (its codec sniffed from its first bytes); fills `info` if given.
Result<std::unique_ptr<ByteSource>> open_input(std::unique_ptr<RawInput> input, InputInfo* info);
//! open_input() of the file at `path` ("-" is stdin): errors as open_file_input().
Result<std::unique_ptr<ByteSource>> open_input(const std::string& path, InputInfo* info);

//! Wraps `inner` so reads happen on a background thread, `depth` chunks of `chunk` bytes ahead:
//! decompression and hashing overlap with parsing. Errors surface on the consumer's read().
std::unique_ptr<ByteSource> prefetch(std::unique_ptr<ByteSource> inner, std::size_t chunk = 1 << 20,
                                     std::size_t depth = 4);

}  // namespace fg::ingest
