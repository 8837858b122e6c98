// CsvChunker and CsvChunkReader: a CSV stream cut into chunks of whole records, so several threads
// can parse one file (DuckDB-style byte ranges, COSTDB-NOTES).
//
// The chunker reads the stream once, in order, and tracks quote parity from the first byte: a cut
// is only ever placed after a newline outside quotes, so a quoted field with commas, newlines or
// "" escapes is never split, and no speculation or fallback is needed. Cutting costs a memchr per
// quote and is a small share of the parse. Each chunk carries the physical line number of its
// first byte, so a CsvChunkReader over it yields the same records, fields and line numbers as one
// CsvReader over the whole stream (BOM stripped once, CRLF, blank lines skipped, a last record
// without a newline, the same errors). A record longer than CsvLimits::max_record_bytes is an
// error, as in CsvReader; memory is bounded by the chunk size plus that limit.
//
//   CsvChunker chunker(source);           // one thread, or under a lock
//   CsvChunk chunk;
//   while (*chunker.next(chunk, 1 << 20)) {
//     CsvChunkReader r(chunk);            // any thread; fields point into chunk.bytes
//     CsvRecord rec;
//     while (*r.next(rec)) ...
//   }
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "core/result.hpp"
#include "ingest/csv/csv_reader.hpp"
#include "ingest/source/byte_source.hpp"

namespace fg::ingest {

struct CsvChunk {
  std::string bytes;             //!< whole records; ends with '\n' (one is added after a last record without)
  std::uint64_t first_line = 1;  //!< physical line of bytes[0]
};

class CsvChunker {
 public:
  explicit CsvChunker(ByteSource& source, CsvLimits limits = {});

  //! The next chunk: the longest run of whole records of at most `target` bytes, or the first
  //! record if it alone is longer. True, or false at the end of the stream. invalid_argument
  //! ("line N: record longer than ...") for an over-long record; read errors pass through.
  Result<bool> next(CsvChunk& out, std::size_t target);

 private:
  Status fill();
  //! Scans for a cut near `target_end`; false if more data is needed.
  bool find_cut(std::size_t target_end, std::size_t& cut);
  void emit(CsvChunk& out, std::size_t cut);

  ByteSource& source_;
  CsvLimits limits_;
  std::string buf_;
  std::size_t pos_ = 0;       //!< start of the next chunk (a record start)
  std::size_t len_ = 0;       //!< end of valid data
  std::size_t scan_ = 0;      //!< the quote scan has reached here
  std::size_t last_cut_ = 0;  //!< the last record end found at or before the target (≤ scan_)
  bool in_quotes_ = false;    //!< quote parity at scan_
  bool eof_ = false;
  bool started_ = false;
  std::uint64_t line_ = 1;
};

//! Records of one chunk. Fields point into (and quoted fields are unescaped in) chunk.bytes, and
//! stay valid while the chunk lives: a whole chunk's records can be held at once.
class CsvChunkReader {
 public:
  explicit CsvChunkReader(CsvChunk& chunk) : chunk_(chunk), line_(chunk.first_line) {}

  //! The next record: true, or false at the chunk's end. Errors as CsvReader::next.
  Result<bool> next(CsvRecord& out);

 private:
  CsvChunk& chunk_;
  std::size_t pos_ = 0;
  std::uint64_t line_;
};

}  // namespace fg::ingest
