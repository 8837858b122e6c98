// CsvReader: RFC 4180 records from a ByteSource, streamed in bounded memory.
//
// Handles a UTF-8 BOM, CRLF or LF line ends, quoted fields with "" escapes, commas and newlines
// inside quotes, and a last line without a newline. A record longer than max_record_bytes is an
// error, so one enormous field cannot exhaust memory. Line numbers are physical (1-based) lines of
// the file, so a record with an embedded newline spans several.
//
//   CsvReader r(source);
//   CsvRecord rec;
//   while (true) { FG_ASSIGN_OR_RETURN(bool more, r.next(rec)); if (!more) break; ... rec.fields ... }
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "ingest/source/byte_source.hpp"

namespace fg::ingest {

struct CsvRecord {
  std::vector<std::string_view> fields;  //!< valid until the next call to next()
  std::vector<bool> quoted;              //!< per field: was it quoted (a quoted "NULL" is text)
  std::uint64_t line = 0;                //!< first physical line of the record
};

struct CsvLimits {
  std::size_t max_record_bytes = std::size_t{1} << 20;
  std::size_t read_chunk = std::size_t{1} << 20;
};

class CsvReader {
 public:
  explicit CsvReader(ByteSource& source, CsvLimits limits = {});

  //! The next record: true, or false at the end. invalid_argument ("line N: ...") for an
  //! unterminated quote, text after a closing quote, or an over-long record; the message names the
  //! line, never the content.
  Result<bool> next(CsvRecord& out);

 private:
  Status fill();
  //! Finds the end of the record starting at pos_; false if the buffer holds no complete record.
  bool find_record_end(std::size_t& end, std::uint64_t& newlines);
  Status split(std::size_t end, CsvRecord& out);

  ByteSource& source_;
  CsvLimits limits_;
  std::string buf_;
  std::size_t pos_ = 0;  //!< start of unread data
  std::size_t len_ = 0;  //!< end of valid data
  bool eof_ = false;
  bool bom_checked_ = false;
  bool terminated_ = false;  //!< the virtual final newline was added
  std::uint64_t line_ = 1;
};

}  // namespace fg::ingest
