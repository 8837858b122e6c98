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
  //! Opens `path` ("-" for stdin) and reads its header; header findings go to `findings`.
  //! not_found / invalid_argument (empty file, no header, unreadable or corrupt stream).
  static Result<std::unique_ptr<FocusFileReader>> open(const std::string& path, const CsvLimits& limits,
                                                       ConformanceReport& findings);
  //! The same for any raw input (a cloud object, bytes in memory).
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
