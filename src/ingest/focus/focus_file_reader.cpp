#include "ingest/focus/focus_file_reader.hpp"

namespace fg::ingest {

FocusFileReader::FocusFileReader(Private, std::unique_ptr<ByteSource> source, InputInfo info, const CsvLimits& limits)
    : source_(std::move(source)), info_(std::move(info)), csv_(*source_, limits) {}

Result<std::unique_ptr<FocusFileReader>> FocusFileReader::open(std::unique_ptr<RawInput> input, const CsvLimits& limits,
                                                               ConformanceReport& findings) {
  InputInfo info;
  FG_ASSIGN_OR_RETURN(std::unique_ptr<ByteSource> raw, open_input(std::move(input), &info));
  auto r = std::make_unique<FocusFileReader>(Private{}, prefetch(std::move(raw)), info, limits);
  FG_ASSIGN_OR_RETURN(bool has_header, r->csv_.next(r->record_));
  if (!has_header) return invalid_argument_error("the file is empty: a FOCUS header is required");
  r->header_ = map_header(r->record_, findings);
  r->parser_ = std::make_unique<RowParser>(r->header_, info.name);
  return r;
}

Result<bool> FocusFileReader::next(ParsedRow& row) {
  FG_ASSIGN_OR_RETURN(bool more, csv_.next(record_));
  if (!more) return false;
  ++rows_;
  parser_->parse(record_, rows_, row);
  return true;
}

}  // namespace fg::ingest
