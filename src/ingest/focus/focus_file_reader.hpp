// FocusFileReader: one input object read as FOCUS CSV: opens (and decompresses) it, maps its header,
// and yields parsed rows with their line numbers. Shared by ingest and `ingest validate`.
// Not thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "core/result.hpp"
#include "ingest/csv/csv_reader.hpp"
#include "ingest/focus/conformance_report.hpp"
#include "ingest/focus/focus_header.hpp"
#include "ingest/focus/row_parser.hpp"
#include "ingest/source/byte_source.hpp"

namespace fg::ingest {

class FocusFileReader {
 public:
  //! Opens `input` (a file from open_file_input, a cloud object, bytes in memory) and reads its
  //! header; header findings go to `findings`. invalid_argument: empty input, no header,
  //! unreadable or corrupt stream.
  static Result<std::unique_ptr<FocusFileReader>> open(std::unique_ptr<RawInput> input, const CsvLimits& limits,
                                                       ConformanceReport& findings);

  //! The next data row into `row`: true, or false at the end. Errors name the line.
  Result<bool> next(ParsedRow& row);

  std::uint64_t line() const { return record_.line; }  //!< physical line of the last row
  std::uint64_t rows() const { return rows_; }
  const InputInfo& info() const { return info_; }
  const FocusHeader& header() const { return header_; }
  std::uint64_t raw_bytes() const { return source_->raw_bytes(); }
  //! SHA-256 of the raw object; valid after next() returned false.
  std::string sha256() const { return source_->raw_sha256(); }

  struct Private {};
  FocusFileReader(Private, std::unique_ptr<ByteSource> source, InputInfo info, const CsvLimits& limits);

 private:
  std::unique_ptr<ByteSource> source_;
  InputInfo info_;
  CsvReader csv_;
  CsvRecord record_;
  FocusHeader header_;
  std::unique_ptr<RowParser> parser_;
  std::uint64_t rows_ = 0;
};

}  // namespace fg::ingest
