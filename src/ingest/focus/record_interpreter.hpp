// RecordInterpreter: what the parallel reader does with each CSV record of one file. For FOCUS it is
// RowParser plus FocusValidator; the native formats (src/ingest/aws, azure, gcp) map their own
// columns to the same ParsedRow. The interpretation is chosen from the file's header record, once
// per file, and makes one interpreter per parse worker (interpreters keep per-thread caches).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "core/result.hpp"
#include "ingest/csv/csv_reader.hpp"
#include "ingest/focus/conformance_report.hpp"
#include "ingest/focus/row_parser.hpp"

namespace fg::ingest {

class RecordInterpreter {
 public:
  virtual ~RecordInterpreter() = default;
  //! Fills `out` from `rec` (the 1-based data row `row_number`) and adds the rules the row breaks to
  //! `findings`, at the record's line.
  virtual void interpret(const CsvRecord& rec, std::uint64_t row_number, ParsedRow& out,
                         ConformanceReport& findings) = 0;
};

//! One file's reading, chosen from its header. Thread-safe: make_interpreter runs on one thread,
//! the interpreters it makes each on their own.
class FileInterpretation {
 public:
  virtual ~FileInterpretation() = default;
  virtual std::unique_ptr<RecordInterpreter> make_interpreter(const std::string& source_object) const = 0;
  //! The format's name as the API and CLI spell it ("focus", "aws-cur", ...).
  virtual std::string format() const = 0;
};

//! Chooses the interpretation from the header record; header-level findings go to `findings`. An
//! error (a header that no reader accepts) fails the file.
using InterpretationChooser =
    std::function<Result<std::unique_ptr<FileInterpretation>>(const CsvRecord& header, ConformanceReport& findings)>;

//! FOCUS CSV: map_header(), RowParser and FocusValidator.
std::unique_ptr<FileInterpretation> focus_interpretation(const CsvRecord& header, ConformanceReport& findings);

}  // namespace fg::ingest
